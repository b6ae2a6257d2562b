package migpolicy.checks.firewall.ports_open_test

import data.migpolicy.checks.firewall.ports_open
import data.migpolicy.lib.fixtures_test as fx

_zone := {"file": "etc/firewalld/zones/public.xml", "line": 8, "column": 1}

_range := {"migration_port_min": fx.qemu_option(49152, 700), "migration_port_max": fx.qemu_option(49215, 701)}

_doc(status) := object.union(
	fx.host({}, {}, _range, null),
	{"firewall": {"service": "firewalld", "ports": [{
		"from": 49152, "to": 49215, "status": status,
		"sources": ["0.0.0.0/0"], "locations": [_zone],
	}]}},
)

test_deny_migration_range_open if {
	ports_open.deny == {{
		"rule": "FW-003", "message": "migration", "location": _zone,
		"args": {"service": "firewalld", "from": 49152, "to": 49215}, "related": [],
	}} with input as _doc("open-to-all")
}

test_allow_restricted if {
	count(ports_open.deny) == 0 with input as _doc("restricted")
}
