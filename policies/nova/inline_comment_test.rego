package migpolicy.checks.nova.inline_comment_test

import data.migpolicy.checks.nova.inline_comment
import data.migpolicy.lib.fixtures_test as fx

test_deny_boolean_with_comment if {
	doc := fx.host({"live_migration_with_native_tls": fx.nova_option("true # TLS", 5492)}, {}, {}, null)
	inline_comment.deny == {{
		"rule": "NOVA-015", "message": "default",
		"location": {"file": fx.nova_conf, "line": 5492, "column": 1},
		"args": {"option": "live_migration_with_native_tls", "value": "true # TLS"}, "related": [],
	}} with input as doc
}

test_allow_hash_inside_a_word if {
	doc := fx.host({"live_migration_uri": fx.nova_option("qemu+tls://%s/system#x", 5290)}, {}, {}, null)
	count(inline_comment.deny) == 0 with input as doc
}
