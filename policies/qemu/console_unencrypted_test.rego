package migpolicy.checks.qemu.console_unencrypted_test

import data.migpolicy.checks.qemu.console_unencrypted
import data.migpolicy.lib.fixtures_test as fx

test_deny_vnc_on_all_interfaces if {
	doc := fx.host({}, {}, {"vnc_listen": fx.qemu_option("0.0.0.0", 90)}, null)
	console_unencrypted.deny == {{
		"rule": "QEMU-008", "message": "default",
		"location": {"file": fx.qemu_conf, "line": 90, "column": 1},
		"args": {"protocol": "vnc", "address": "0.0.0.0"}, "related": [],
	}} with input as doc
}

test_allow_vnc_tls if {
	doc := fx.host({}, {}, {"vnc_listen": fx.qemu_option("0.0.0.0", 90), "vnc_tls": fx.qemu_option(1, 100)}, null)
	count(console_unencrypted.deny) == 0 with input as doc
}
