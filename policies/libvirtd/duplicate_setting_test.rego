package migpolicy.checks.libvirtd.duplicate_setting_test

import data.migpolicy.checks.libvirtd.duplicate_setting
import data.migpolicy.lib.fixtures_test as fx

test_deny_hardening_appended_below if {
	later := {"file": fx.libvirtd_conf, "line": 540, "column": 1}
	option := object.union(fx.libvirtd_option("none", 191), {"shadowed": [later]})
	doc := fx.host({}, {"auth_tcp": option}, {}, null)
	duplicate_setting.deny == {{
		"rule": "LV-015", "message": "default",
		"location": {"file": fx.libvirtd_conf, "line": 191, "column": 1},
		"args": {"option": "auth_tcp", "file": fx.libvirtd_conf, "value": "\"none\""}, "related": [later],
	}} with input as doc
}

test_allow_single if {
	count(duplicate_setting.deny) == 0 with input as fx.defaults
}
