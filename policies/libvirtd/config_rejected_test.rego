package migpolicy.checks.libvirtd.config_rejected_test

import data.migpolicy.checks.libvirtd.config_rejected
import data.migpolicy.lib.fixtures_test as fx

test_deny_syntax_error if {
	error := {"message": "expecting a value", "location": {"file": fx.libvirtd_conf, "line": 191, "column": 12}}
	doc := object.union(fx.defaults, {"libvirtd": {"error": error}})
	config_rejected.deny == {{
		"rule": "LV-014", "message": "syntax",
		"location": {"file": fx.libvirtd_conf, "line": 191, "column": 12},
		"args": {"file": fx.libvirtd_conf, "error": "expecting a value"}, "related": [],
	}} with input as doc
}

test_deny_type_error if {
	option := object.union(fx.qemu_option("1", 49), {"invalid": "expected a bool"})
	doc := fx.host({}, {}, {"default_tls_x509_verify": option}, null)
	{f.message | some f in config_rejected.deny} == {"type"} with input as doc
}

test_allow_clean if {
	count(config_rejected.deny) == 0 with input as fx.native_tls_with_scheme
}
