package migpolicy.checks.qemu.migration_localhost_test

import data.migpolicy.checks.qemu.migration_localhost
import data.migpolicy.lib.fixtures_test as fx

test_deny_loopback if {
	doc := fx.host({}, {}, {"migration_host": fx.qemu_option("127.0.0.1", 410)}, null)
	migration_localhost.deny == {{
		"rule": "QEMU-007", "message": "default",
		"location": {"file": fx.qemu_conf, "line": 410, "column": 1},
		"args": {"option": "migration_host", "value": "127.0.0.1"}, "related": [],
	}} with input as doc
}

test_allow_real_address if {
	doc := fx.host({}, {}, {"migration_host": fx.qemu_option("compute-1.example.org", 410)}, null)
	count(migration_localhost.deny) == 0 with input as doc
}
