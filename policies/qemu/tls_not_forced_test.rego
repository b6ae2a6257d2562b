package migpolicy.checks.qemu.tls_not_forced_test

import data.migpolicy.checks.qemu.tls_not_forced
import data.migpolicy.lib.fixtures_test as fx

_with_libvirt(upstream) := fx.with_versions(
	fx.native_tls_with_scheme,
	{"libvirt": fx.version("libvirt-daemon", "x", upstream)},
)

test_deny_libvirt_9 if {
	tls_not_forced.deny == {{
		"rule": "QEMU-005", "message": "default",
		"location": {"file": fx.qemu_conf, "line": 1, "column": 1},
		"args": {}, "related": [],
	}} with input as _with_libvirt([9, 0, 0])
}

test_allow_libvirt_older_than_6_9 if {
	count(tls_not_forced.deny) == 0 with input as _with_libvirt([6, 0, 0])
}

test_allow_forced if {
	doc := fx.with_versions(
		fx.host(
			{"live_migration_with_native_tls": fx.nova_option(true, 5492), "live_migration_scheme": fx.nova_option("tls", 5241)},
			{}, {"migrate_tls_force": fx.qemu_option(1, 300)}, null,
		),
		{"libvirt": fx.version("libvirt-daemon", "x", [9, 0, 0])},
	)
	count(tls_not_forced.deny) == 0 with input as doc
}
