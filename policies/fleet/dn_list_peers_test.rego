package migpolicy.fleet_checks.fleet.dn_list_peers_test

import data.migpolicy.fleet_checks.fleet.dn_list_peers
import data.migpolicy.lib.fixtures_test as fx

_list_location := {"file": "compute-1/etc/libvirt/libvirtd.conf", "line": 301, "column": 1}

_with_list(patterns) := fx.fleet([
	fx.fleet_host("compute-1", {"allowed_dns": {"daemon": "libvirtd", "patterns": patterns, "location": _list_location}}),
	fx.fleet_host("compute-2", {}),
])

_location(name) := {"file": concat("/", [name, "etc/libvirt/libvirtd.conf"]), "line": 301, "column": 1}

_dn(name) := concat("", ["O=Example Cloud,CN=", name, ".example.org"])

test_deny_peer_refused if {
	dn_list_peers.deny == {{
		"rule": "FLEET-002", "message": "refused", "location": _list_location,
		"args": {"host": "compute-1", "count": 1, "peer": "compute-2", "dn": _dn("compute-2")},
		"related": [],
	}} with input as _with_list([_dn("compute-1")])
}

test_deny_refused_once_per_host_with_the_count if {
	names := ["compute-1", "compute-2", "compute-3", "compute-4"]
	same_list := [_dn("compute-1"), _dn("compute-2")]
	hosts := [fx.fleet_host(name, {"allowed_dns": {"daemon": "libvirtd", "patterns": same_list, "location": _location(name)}}) |
		some name in names
	]
	findings := dn_list_peers.deny with input as fx.fleet(hosts)
	{[f.args.host, f.args.count, f.args.peer] | some f in findings} == {
		["compute-1", 2, "compute-3"], ["compute-2", 2, "compute-3"],
		["compute-3", 1, "compute-4"], ["compute-4", 1, "compute-3"],
	}
}

test_allow_peers_admitted_by_a_glob if {
	count(dn_list_peers.deny) == 0 with input as _with_list(["O=Example Cloud,CN=compute-?.example.org"])
}

test_deny_stranger_and_wildcard if {
	patterns := [
		"O=Example Cloud,CN=compute-*.example.org",
		"O=Example Cloud,CN=laptop.example.org",
	]
	{f.message | some f in dn_list_peers.deny} == {"stranger", "wildcard"} with input as _with_list(patterns)
}

test_deny_glob_that_matches_no_host if {
	findings := dn_list_peers.deny with input as _with_list(array.concat(
		[_dn("compute-1"), _dn("compute-2")],
		["O=Example Cloud,CN=laptop-?.example.org"],
	))
	{[f.message, f.args.pattern] | some f in findings} == {["stranger", "O=Example Cloud,CN=laptop-?.example.org"]}
}

test_allow_exact_list if {
	patterns := [_dn("compute-1"), _dn("compute-2")]
	count(dn_list_peers.deny) == 0 with input as _with_list(patterns)
}

test_no_stranger_claimed_where_a_host_shows_no_client_certificate if {
	sosreports := fx.fleet([
		fx.fleet_host("compute-1", {"client_dns": [], "allowed_dns": {
			"daemon": "libvirtd",
			"patterns": [_dn("compute-1"), _dn("compute-2")],
			"location": _list_location,
		}}),
		fx.fleet_host("compute-2", {"client_dns": []}),
	])
	count(dn_list_peers.deny) == 0 with input as sosreports
}
