package migpolicy.checks.libvirtd.tls_no_sanity_test

import data.migpolicy.checks.libvirtd.tls_no_sanity
import data.migpolicy.lib.fixtures_test as fx

test_deny_no_sanity if {
	doc := fx.host({}, {"tls_no_sanity_certificate": fx.libvirtd_option(1, 320)}, {}, null)
	tls_no_sanity.deny == {{
		"rule": "LV-007", "message": "default",
		"location": {"file": fx.libvirtd_conf, "line": 320, "column": 1},
		"args": {"daemon": "libvirtd"}, "related": [],
	}} with input as doc
}

test_allow_default if {
	count(tls_no_sanity.deny) == 0 with input as fx.defaults
}
