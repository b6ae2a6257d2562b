package migpolicy.checks.nova.native_tls_scheme_test

import data.migpolicy.checks.nova.native_tls_scheme
import data.migpolicy.lib.fixtures_test as fx

test_deny_native_tls_without_scheme_or_uri if {
	native_tls_scheme.deny == {{
		"rule": "NOVA-002",
		"message": "unset",
		"location": {"file": fx.nova_conf, "line": 5492, "column": 1},
		"args": {},
		"related": [{"file": fx.nova_conf, "line": 5027, "column": 1}],
		"fix": {"description": "Set live_migration_scheme = tls", "edits": [{"location": {"file": fx.nova_conf, "line": 5027, "column": 1}, "action": "insert-after", "text": "live_migration_scheme = tls"}]},
	}} with input as fx.native_tls_without_scheme
}

test_deny_native_tls_with_tcp_uri if {
	doc := fx.host(
		{
			"live_migration_with_native_tls": fx.nova_option(true, 5492),
			"live_migration_scheme": fx.nova_option("tls", 5241),
			"live_migration_uri": fx.nova_option("qemu+TCP://%s/system", 5290),
		},
		{}, {}, null,
	)
	native_tls_scheme.deny == {{
		"rule": "NOVA-002",
		"message": "tcp",
		"location": {"file": fx.nova_conf, "line": 5290, "column": 1},
		"args": {"transport": "tcp"},
		"related": [],
	}} with input as doc
}

test_deny_native_tls_with_empty_scheme if {
	doc := fx.host(
		{
			"live_migration_with_native_tls": fx.nova_option(true, 5492),
			"live_migration_scheme": fx.nova_option("", 5241),
		},
		{}, {}, null,
	)
	native_tls_scheme.deny == {{
		"rule": "NOVA-002",
		"message": "tcp",
		"location": {"file": fx.nova_conf, "line": 5241, "column": 1},
		"args": {"transport": "tcp"},
		"related": [],
	}} with input as doc
}

test_allow_native_tls_with_scheme_tls if {
	count(native_tls_scheme.deny) == 0 with input as fx.native_tls_with_scheme
}

test_allow_native_tls_with_tls_uri_without_plus if {
	doc := fx.host(
		{
			"live_migration_with_native_tls": fx.nova_option(true, 5492),
			"live_migration_uri": fx.nova_option("qemu://%s/system", 5290),
		},
		{}, {}, null,
	)
	count(native_tls_scheme.deny) == 0 with input as doc
}

test_allow_without_native_tls if {
	count(native_tls_scheme.deny) == 0 with input as fx.defaults
}
