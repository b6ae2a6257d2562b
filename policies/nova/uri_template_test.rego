package migpolicy.checks.nova.uri_template_test

import data.migpolicy.checks.nova.uri_template
import data.migpolicy.lib.fixtures_test as fx

test_deny_no_placeholder if {
	doc := fx.host({"live_migration_uri": fx.nova_option("qemu+tls://compute-2/system", 5290)}, {}, {}, null)
	uri_template.deny == {{
		"rule": "NOVA-008", "message": "default",
		"location": {"file": fx.nova_conf, "line": 5290, "column": 1},
		"args": {"uri": "qemu+tls://compute-2/system", "count": 0}, "related": [],
	}} with input as doc
}

test_deny_two_placeholders if {
	doc := fx.host({"live_migration_uri": fx.nova_option("qemu+tls://%s/system?x=%s", 5290)}, {}, {}, null)
	count(uri_template.deny) == 1 with input as doc
}

test_allow_one_placeholder if {
	doc := fx.host({"live_migration_uri": fx.nova_option("qemu+tls://%s/system", 5290)}, {}, {}, null)
	count(uri_template.deny) == 0 with input as doc
}
