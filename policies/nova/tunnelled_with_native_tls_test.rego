package migpolicy.checks.nova.tunnelled_with_native_tls_test

import data.migpolicy.checks.nova.tunnelled_with_native_tls
import data.migpolicy.lib.fixtures_test as fx

test_deny_tunnelled_and_native_tls if {
	doc := fx.host(
		{
			"live_migration_with_native_tls": fx.nova_option(true, 5492),
			"live_migration_scheme": fx.nova_option("tls", 5241),
			"live_migration_tunnelled": fx.nova_option(true, 5315),
		},
		{}, {}, null,
	)
	tunnelled_with_native_tls.deny == {{
		"rule": "NOVA-005",
		"message": "default",
		"location": {"file": fx.nova_conf, "line": 5315, "column": 1},
		"args": {},
		"related": [{"file": fx.nova_conf, "line": 5492, "column": 1}],
		"fix": {"description": "Turn tunnelling off", "edits": [{"location": {"file": fx.nova_conf, "line": 5315, "column": 1}, "action": "replace", "text": "live_migration_tunnelled = false"}]},
	}} with input as doc
}

test_allow_native_tls_alone if {
	count(tunnelled_with_native_tls.deny) == 0 with input as fx.native_tls_with_scheme
}

test_allow_tunnelled_alone if {
	doc := fx.host(
		{"live_migration_tunnelled": fx.nova_option(true, 5315), "live_migration_scheme": fx.nova_option("tls", 5241)},
		{}, {}, null,
	)
	count(tunnelled_with_native_tls.deny) == 0 with input as doc
}
