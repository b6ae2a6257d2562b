package migpolicy.checks.pki.qemu_key_unreadable_test

import data.migpolicy.checks.pki.qemu_key_unreadable
import data.migpolicy.lib.fixtures_test as fx

_doc(mode) := fx.with_pki(
	fx.host(
		{"live_migration_with_native_tls": fx.nova_option(true, 5492), "live_migration_scheme": fx.nova_option("tls", 5241)},
		{}, {"user": fx.qemu_option("qemu", 500), "group": fx.qemu_option("qemu", 501)}, null,
	),
	[fx.key_file("/etc/pki/qemu/server-key.pem", mode, [])],
)

test_deny_root_only_key if {
	qemu_key_unreadable.deny == {{
		"rule": "PKI-002", "message": "default",
		"location": {"file": "etc/pki/qemu/server-key.pem", "line": 1, "column": 1},
		"args": {
			"file": "/etc/pki/qemu/server-key.pem", "owner": "root", "group": "qemu",
			"mode": "0600", "user": "qemu", "qemu_group": "qemu",
		},
		"related": [],
	}} with input as _doc(384)
}

test_allow_group_readable if {
	count(qemu_key_unreadable.deny) == 0 with input as _doc(416)
}
