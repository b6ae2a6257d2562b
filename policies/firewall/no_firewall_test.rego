package migpolicy.checks.firewall.no_firewall_test

import data.migpolicy.checks.firewall.no_firewall
import data.migpolicy.lib.fixtures_test as fx

_none := {"service": "none", "ports": []}

test_deny_listener_without_firewall if {
	doc := object.union(fx.host({}, {}, {}, ["--listen"]), {"firewall": _none})
	no_firewall.deny == {{
		"rule": "FW-001", "message": "default",
		"location": {"file": "etc/sysconfig/libvirtd", "line": 9, "column": 1},
		"args": {"daemon": "libvirtd", "transport": "tls", "port": "16514"}, "related": [],
	}} with input as doc
}

test_allow_firewalld if {
	doc := object.union(fx.host({}, {}, {}, ["--listen"]), {"firewall": {"service": "firewalld", "ports": []}})
	count(no_firewall.deny) == 0 with input as doc
}

test_not_evaluated_when_unknown if {
	{s.rule | some s in no_firewall.not_evaluated} == {"FW-001"} with input as fx.defaults
}
