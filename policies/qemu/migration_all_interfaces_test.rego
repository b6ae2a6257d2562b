package migpolicy.checks.qemu.migration_all_interfaces_test

import data.migpolicy.checks.qemu.migration_all_interfaces
import data.migpolicy.lib.fixtures_test as fx

test_deny_unset if {
	migration_all_interfaces.deny == {{
		"rule": "QEMU-006", "message": "default",
		"location": {"file": fx.qemu_conf, "line": 1, "column": 1},
		"args": {"value": "not set"}, "related": [],
	}} with input as fx.defaults
}

test_allow_address if {
	doc := fx.host({}, {}, {"migration_address": fx.qemu_option("192.0.2.11", 400)}, null)
	count(migration_all_interfaces.deny) == 0 with input as doc
}
