package migpolicy.checks.libvirtd.empty_allow_list_test

import data.migpolicy.checks.libvirtd.empty_allow_list
import data.migpolicy.lib.fixtures_test as fx

test_deny_empty_dn_list if {
	doc := fx.host({}, {"tls_allowed_dn_list": fx.libvirtd_option([], 350)}, {}, null)
	empty_allow_list.deny == {{
		"rule": "LV-006", "message": "default",
		"location": {"file": fx.libvirtd_conf, "line": 350, "column": 1},
		"args": {"daemon": "libvirtd", "option": "tls_allowed_dn_list"}, "related": [],
	}} with input as doc
}

test_allow_unset if {
	count(empty_allow_list.deny) == 0 with input as fx.defaults
}
