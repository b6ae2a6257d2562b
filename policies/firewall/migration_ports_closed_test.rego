package migpolicy.checks.firewall.migration_ports_closed_test

import data.migpolicy.checks.firewall.migration_ports_closed
import data.migpolicy.lib.fixtures_test as fx

_unit := {"file": "etc/systemd/system/multi-user.target.wants/firewalld.service", "line": 1, "column": 1}

_range := {"migration_port_min": fx.qemu_option(49152, 700), "migration_port_max": fx.qemu_option(49215, 701)}

_doc(status) := object.union(
	fx.host({}, {}, _range, null),
	{"firewall": {"service": "firewalld", "location": _unit, "ports": [{
		"from": 49152, "to": 49215, "status": status, "sources": [], "locations": [],
	}]}},
)

test_deny_closed if {
	migration_ports_closed.deny == {{
		"rule": "FW-004", "message": "default", "location": _unit,
		"args": {"service": "firewalld", "from": 49152, "to": 49215}, "related": [],
	}} with input as _doc("closed")
}

test_allow_restricted if {
	count(migration_ports_closed.deny) == 0 with input as _doc("restricted")
}
