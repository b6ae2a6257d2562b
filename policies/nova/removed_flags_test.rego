package migpolicy.checks.nova.removed_flags_test

import data.migpolicy.checks.nova.removed_flags
import data.migpolicy.lib.fixtures_test as fx

test_deny_ossn_0007_flag if {
	flags := "VIR_MIGRATE_UNDEFINE_SOURCE, VIR_MIGRATE_PEER2PEER, VIR_MIGRATE_TUNNELLED"
	doc := fx.host({"live_migration_flag": fx.nova_option(flags, 5100)}, {}, {}, null)
	removed_flags.deny == {{
		"rule": "NOVA-013", "message": "default",
		"location": {"file": fx.nova_conf, "line": 5100, "column": 1},
		"args": {"section": "libvirt", "option": "live_migration_flag"}, "related": [],
	}} with input as doc
}

test_allow_without_flags if {
	count(removed_flags.deny) == 0 with input as fx.native_tls_with_scheme
}
