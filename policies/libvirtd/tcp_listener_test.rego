package migpolicy.checks.libvirtd.tcp_listener_test

import data.migpolicy.checks.libvirtd.tcp_listener
import data.migpolicy.lib.fixtures_test as fx

test_deny_tcp_with_sasl if {
	doc := fx.host({}, {"listen_tcp": fx.libvirtd_option(1, 38)}, {}, ["--listen"])
	tcp_listener.deny == {{
		"rule": "LV-003", "message": "default",
		"location": {"file": fx.libvirtd_conf, "line": 38, "column": 1},
		"args": {"daemon": "libvirtd", "port": "16509", "activation": "traditional"}, "related": [],
	}} with input as doc
}

test_allow_tls_only if {
	count(tcp_listener.deny) == 0 with input as fx.host({}, {}, {}, ["--listen"])
}
