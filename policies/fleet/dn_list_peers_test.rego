package migpolicy.fleet_checks.fleet.dn_list_peers_test

import data.migpolicy.fleet_checks.fleet.dn_list_peers
import data.migpolicy.lib.fixtures_test as fx

_list_location := {"file": "compute-1/etc/libvirt/libvirtd.conf", "line": 301, "column": 1}

_with_list(patterns) := fx.fleet([
	fx.fleet_host("compute-1", {"allowed_dns": {"daemon": "libvirtd", "patterns": patterns, "location": _list_location}}),
	fx.fleet_host("compute-2", {}),
])

test_deny_peer_refused if {
	dn_list_peers.deny == {{
		"rule": "FLEET-002", "message": "refused", "location": _list_location,
		"args": {"host": "compute-1", "peer": "compute-2", "dn": "O=Example Cloud,CN=compute-2.example.org"},
		"related": [],
	}} with input as _with_list(["O=Example Cloud,CN=compute-1.example.org"])
}

test_deny_stranger_and_wildcard if {
	patterns := [
		"O=Example Cloud,CN=compute-*.example.org",
		"O=Example Cloud,CN=laptop.example.org",
	]
	{f.message | some f in dn_list_peers.deny} == {"stranger", "wildcard"} with input as _with_list(patterns)
}

test_allow_exact_list if {
	patterns := ["O=Example Cloud,CN=compute-1.example.org", "O=Example Cloud,CN=compute-2.example.org"]
	count(dn_list_peers.deny) == 0 with input as _with_list(patterns)
}
