package migpolicy.checks.nova.uri_unverified_test

import data.migpolicy.checks.nova.uri_unverified
import data.migpolicy.lib.fixtures_test as fx

test_deny_no_verify if {
	template := "qemu+ssh://nova@%s/system?no_verify=1&keyfile=/var/lib/nova/.ssh/id_rsa"
	doc := fx.host({"live_migration_uri": fx.nova_option(template, 5290)}, {}, {}, null)
	uri_unverified.deny == {{
		"rule": "NOVA-007", "message": "default",
		"location": {"file": fx.nova_conf, "line": 5290, "column": 1},
		"args": {"parameter": "no_verify=1"}, "related": [],
	}} with input as doc
}

test_deny_known_hosts_ignore if {
	template := "qemu+libssh://%s/system?known_hosts_verify=ignore"
	doc := fx.host({"live_migration_uri": fx.nova_option(template, 5290)}, {}, {}, null)
	count(uri_unverified.deny) == 1 with input as doc
}

test_allow_verified_ssh if {
	doc := fx.host({"live_migration_uri": fx.nova_option("qemu+ssh://nova@%s/system?keyfile=/x", 5290)}, {}, {}, null)
	count(uri_unverified.deny) == 0 with input as doc
}
