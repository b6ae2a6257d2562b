package migpolicy.checks.libvirtd.tcp_no_auth_test

import data.migpolicy.checks.libvirtd.tcp_no_auth
import data.migpolicy.lib.fixtures_test as fx

_open_tcp := {"listen_tcp": fx.libvirtd_option(1, 38), "auth_tcp": fx.libvirtd_option("none", 191)}

test_deny_listen_tcp_without_auth if {
	doc := fx.host({}, _open_tcp, {}, ["--listen"])
	tcp_no_auth.deny == {{
		"rule": "LV-001",
		"message": "default",
		"location": {"file": fx.libvirtd_conf, "line": 191, "column": 1},
		"args": {"port": "16509"},
		"related": [
			{"file": fx.libvirtd_conf, "line": 38, "column": 1},
			{"file": "etc/sysconfig/libvirtd", "line": 9, "column": 1},
		],
	}} with input as doc
}

test_deny_short_listen_flag if {
	doc := fx.host({}, _open_tcp, {}, ["-l", "--timeout", "120"])
	count(tcp_no_auth.deny) == 1 with input as doc
}

test_allow_without_listen_flag if {
	doc := fx.host({}, _open_tcp, {}, null)
	count(tcp_no_auth.deny) == 0 with input as doc
}

test_allow_sasl if {
	doc := fx.host({}, {"listen_tcp": fx.libvirtd_option(1, 38)}, {}, ["--listen"])
	count(tcp_no_auth.deny) == 0 with input as doc
}

test_allow_tcp_not_listening if {
	doc := fx.host({}, {"auth_tcp": fx.libvirtd_option("none", 191)}, {}, ["--listen"])
	count(tcp_no_auth.deny) == 0 with input as doc
}
