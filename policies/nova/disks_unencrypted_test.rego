package migpolicy.checks.nova.disks_unencrypted_test

import data.migpolicy.checks.nova.disks_unencrypted
import data.migpolicy.lib.fixtures_test as fx

test_deny_tunnelled_still_leaves_disks if {
	doc := fx.host(
		{"live_migration_tunnelled": fx.nova_option(true, 5315), "live_migration_scheme": fx.nova_option("tls", 5241)},
		{}, {}, null,
	)
	disks_unencrypted.deny == {{
		"rule": "NOVA-004", "message": "default",
		"location": {"file": fx.nova_conf, "line": 5027, "column": 1},
		"args": {}, "related": [],
	}} with input as doc
}

test_allow_native_tls if {
	count(disks_unencrypted.deny) == 0 with input as fx.native_tls_with_scheme
}
