package migpolicy.checks.qemu.nbd_tls_misread_test

import data.migpolicy.checks.qemu.nbd_tls_misread
import data.migpolicy.lib.fixtures_test as fx

test_deny_nbd_tls_without_native_tls if {
	doc := fx.host({}, {}, {"nbd_tls": fx.qemu_option(1, 200)}, null)
	nbd_tls_misread.deny == {{
		"rule": "QEMU-011", "message": "default",
		"location": {"file": fx.qemu_conf, "line": 200, "column": 1},
		"args": {}, "related": [],
	}} with input as doc
}

test_allow_with_native_tls if {
	doc := fx.host(
		{"live_migration_with_native_tls": fx.nova_option(true, 5492), "live_migration_scheme": fx.nova_option("tls", 5241)},
		{}, {"nbd_tls": fx.qemu_option(1, 200)}, null,
	)
	count(nbd_tls_misread.deny) == 0 with input as doc
}
