package migpolicy.checks.nova.misspelled_option_test

import data.migpolicy.checks.nova.misspelled_option
import data.migpolicy.lib.fixtures_test as fx

test_deny_near_spelling if {
	near := {"section": "libvirt", "option": "live_migration_scheme"}
	option := object.union(fx.nova_option("tls", 5241), {"near": near})
	doc := fx.host({"live_migration_schema": option}, {}, {}, null)
	misspelled_option.deny == {{
		"rule": "NOVA-014", "message": "default",
		"location": {"file": fx.nova_conf, "line": 5241, "column": 1},
		"args": {
			"section": "libvirt", "key": "live_migration_schema",
			"near_section": "libvirt", "near_option": "live_migration_scheme",
		},
		"related": [],
	}} with input as doc
}

test_allow_without_near_misses if {
	count(misspelled_option.deny) == 0 with input as fx.native_tls_with_scheme
}
