package migpolicy.checks.qemu.console_password_test

import data.migpolicy.checks.qemu.console_password
import data.migpolicy.lib.fixtures_test as fx

test_deny_vnc_password if {
	location := {"file": fx.qemu_conf, "line": 150, "column": 1}
	option := {"value": null, "source": "file", "secret": true, "location": location}
	doc := fx.host({}, {}, {"vnc_password": option}, null)
	console_password.deny == {{
		"rule": "QEMU-009", "message": "default",
		"location": {"file": fx.qemu_conf, "line": 150, "column": 1},
		"args": {"option": "vnc_password"}, "related": [],
	}} with input as doc
}

test_allow_no_password if {
	count(console_password.deny) == 0 with input as fx.defaults
}
