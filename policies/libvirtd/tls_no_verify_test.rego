package migpolicy.checks.libvirtd.tls_no_verify_test

import data.migpolicy.checks.libvirtd.tls_no_verify
import data.migpolicy.lib.fixtures_test as fx

test_deny_no_verify if {
	doc := fx.host({}, {"tls_no_verify_certificate": fx.libvirtd_option(1, 330)}, {}, ["--listen"])
	tls_no_verify.deny == {{
		"rule": "LV-004", "message": "default",
		"location": {"file": fx.libvirtd_conf, "line": 330, "column": 1},
		"args": {"daemon": "libvirtd", "port": "16514"},
		"related": [{"file": "etc/sysconfig/libvirtd", "line": 9, "column": 1}],
		"fix": {"description": "Verify client certificates", "edits": [{"location": {"file": fx.libvirtd_conf, "line": 330, "column": 1}, "action": "replace", "text": "tls_no_verify_certificate = 0"}]},
	}} with input as doc
}

test_allow_without_listener if {
	doc := fx.host({}, {"tls_no_verify_certificate": fx.libvirtd_option(1, 330)}, {}, null)
	count(tls_no_verify.deny) == 0 with input as doc
}
