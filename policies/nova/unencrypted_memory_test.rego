package migpolicy.checks.nova.unencrypted_memory_test

import data.migpolicy.checks.nova.unencrypted_memory
import data.migpolicy.lib.fixtures_test as fx

test_deny_defaults_at_section_header if {
	unencrypted_memory.deny == {{
		"rule": "NOVA-003",
		"message": "neither",
		"location": {"file": fx.nova_conf, "line": 5027, "column": 1},
		"args": {},
		"related": [],
	}} with input as fx.defaults
}

test_deny_native_tls_set_false if {
	doc := fx.host({"live_migration_with_native_tls": fx.nova_option(false, 5492)}, {}, {}, null)
	unencrypted_memory.deny == {{
		"rule": "NOVA-003",
		"message": "neither",
		"location": {"file": fx.nova_conf, "line": 5492, "column": 1},
		"args": {},
		"related": [],
	}} with input as doc
}

test_deny_tunnelled_over_tcp if {
	doc := fx.host({"live_migration_tunnelled": fx.nova_option(true, 5315)}, {}, {}, null)
	unencrypted_memory.deny == {{
		"rule": "NOVA-003",
		"message": "tunnelled_clear",
		"location": {"file": fx.nova_conf, "line": 5315, "column": 1},
		"args": {"transport": "tcp"},
		"related": [],
	}} with input as doc
}

test_allow_native_tls if {
	count(unencrypted_memory.deny) == 0 with input as fx.native_tls_with_scheme
}

test_allow_tunnelled_over_ssh if {
	doc := fx.host(
		{"live_migration_tunnelled": fx.nova_option(true, 5315), "live_migration_scheme": fx.nova_option("SSH", 5241)},
		{}, {}, null,
	)
	count(unencrypted_memory.deny) == 0 with input as doc
}
