package migpolicy.checks.nova.scheme_unknown_test

import data.migpolicy.checks.nova.scheme_unknown
import data.migpolicy.lib.fixtures_test as fx

test_deny_inline_comment_in_scheme if {
	doc := fx.host({"live_migration_scheme": fx.nova_option("tls # encrypted", 5241)}, {}, {}, null)
	scheme_unknown.deny == {{
		"rule": "NOVA-009", "message": "default",
		"location": {"file": fx.nova_conf, "line": 5241, "column": 1},
		"args": {"scheme": "tls # encrypted"}, "related": [],
	}} with input as doc
}

test_deny_ext if {
	doc := fx.host({"live_migration_scheme": fx.nova_option("ext", 5241)}, {}, {}, null)
	count(scheme_unknown.deny) == 1 with input as doc
}

test_allow_known_transports if {
	every scheme in ["tls", "SSH", "libssh2", "tcp"] {
		doc := fx.host({"live_migration_scheme": fx.nova_option(scheme, 5241)}, {}, {}, null)
		count(scheme_unknown.deny) == 0 with input as doc
	}
}
