package migpolicy.checks.firewall.tcp_port_open_test

import data.migpolicy.checks.firewall.tcp_port_open
import data.migpolicy.lib.fixtures_test as fx

_rule := {"file": "etc/sysconfig/iptables", "line": 10, "column": 1}

_doc(status) := object.union(
	fx.host({}, {"listen_tcp": fx.libvirtd_option(1, 38)}, {}, ["--listen"]),
	{"firewall": {"service": "iptables", "ports": [{
		"from": 16509, "to": 16509, "status": status,
		"sources": ["0.0.0.0/0"], "locations": [_rule],
	}]}},
)

test_deny_open_tcp_port if {
	tcp_port_open.deny == {{
		"rule": "FW-002", "message": "default",
		"location": _rule,
		"args": {"service": "iptables", "port": "16509", "daemon": "libvirtd"},
		"related": [
			{"file": fx.libvirtd_conf, "line": 38, "column": 1},
			{"file": "etc/sysconfig/libvirtd", "line": 9, "column": 1},
		],
	}} with input as _doc("open-to-all")
}

test_allow_restricted if {
	count(tcp_port_open.deny) == 0 with input as _doc("restricted")
}
