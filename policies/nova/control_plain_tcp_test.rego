package migpolicy.checks.nova.control_plain_tcp_test

import data.migpolicy.checks.nova.control_plain_tcp
import data.migpolicy.lib.fixtures_test as fx

test_deny_default_scheme_at_section_header if {
	control_plain_tcp.deny == {{
		"rule": "NOVA-001", "message": "default",
		"location": {"file": fx.nova_conf, "line": 5027, "column": 1},
		"args": {}, "related": [],
		"fix": {"description": "Set live_migration_scheme = tls", "edits": [{"location": {"file": fx.nova_conf, "line": 5027, "column": 1}, "action": "insert-after", "text": "live_migration_scheme = tls"}]},
	}} with input as fx.defaults
}

test_deny_explicit_tcp_scheme_at_its_line if {
	doc := fx.host({"live_migration_scheme": fx.nova_option("TCP", 5241)}, {}, {}, null)
	{f.location.line | some f in control_plain_tcp.deny} == {5241} with input as doc
}

test_allow_tls_scheme if {
	doc := fx.host({"live_migration_scheme": fx.nova_option("tls", 5241)}, {}, {}, null)
	count(control_plain_tcp.deny) == 0 with input as doc
}

test_allow_native_tls_case_left_to_nova_002 if {
	count(control_plain_tcp.deny) == 0 with input as fx.native_tls_without_scheme
}
