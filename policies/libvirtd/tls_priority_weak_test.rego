package migpolicy.checks.libvirtd.tls_priority_weak_test

import data.migpolicy.checks.libvirtd.tls_priority_weak
import data.migpolicy.lib.fixtures_test as fx

test_deny_tls_1_0 if {
	doc := fx.host({}, {"tls_priority": fx.libvirtd_option("NORMAL:+VERS-TLS1.0", 360)}, {}, null)
	tls_priority_weak.deny == {{
		"rule": "LV-012", "message": "default",
		"location": {"file": fx.libvirtd_conf, "line": 360, "column": 1},
		"args": {"daemon": "libvirtd", "priority": "NORMAL:+VERS-TLS1.0", "token": "+VERS-TLS1.0"}, "related": [],
	}} with input as doc
}

test_allow_normal if {
	doc := fx.host({}, {"tls_priority": fx.libvirtd_option("NORMAL", 360)}, {}, null)
	count(tls_priority_weak.deny) == 0 with input as doc
}
