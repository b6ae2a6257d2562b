package migpolicy.checks.nova.connection_plain_tcp_test

import data.migpolicy.checks.nova.connection_plain_tcp
import data.migpolicy.lib.fixtures_test as fx

test_deny_kolla_tcp_connection_uri if {
	doc := fx.host({"connection_uri": fx.nova_option("qemu+tcp://192.0.2.21/system", 56)}, {}, {}, null)
	connection_plain_tcp.deny == {{
		"rule": "NOVA-024", "message": "default",
		"location": {"file": fx.nova_conf, "line": 56, "column": 1},
		"args": {"uri": "qemu+tcp://192.0.2.21/system"}, "related": [],
	}} with input as doc
}

test_allow_local_socket if {
	count(connection_plain_tcp.deny) == 0 with input as fx.defaults
}
