package migpolicy.checks.nova.uri_deprecated_test

import data.migpolicy.checks.nova.uri_deprecated
import data.migpolicy.lib.fixtures_test as fx

test_deny_uri_set if {
	doc := fx.host({"live_migration_uri": fx.nova_option("qemu+tls://%s/system", 5290)}, {}, {}, null)
	uri_deprecated.deny == {{
		"rule": "NOVA-006", "message": "default",
		"location": {"file": fx.nova_conf, "line": 5290, "column": 1},
		"args": {"uri": "qemu+tls://%s/system"}, "related": [],
	}} with input as doc
}

test_allow_empty_uri if {
	doc := fx.host({"live_migration_uri": fx.nova_option("", 5290)}, {}, {}, null)
	count(uri_deprecated.deny) == 0 with input as doc
}
