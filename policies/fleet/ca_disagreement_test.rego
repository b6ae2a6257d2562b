package migpolicy.fleet_checks.fleet.ca_disagreement_test

import data.migpolicy.fleet_checks.fleet.ca_disagreement
import data.migpolicy.lib.fixtures_test as fx

test_deny_other_ca if {
	doc := fx.fleet([
		fx.fleet_host("compute-1", {}), fx.fleet_host("compute-2", {}),
		fx.fleet_host("compute-3", {"ca_fingerprints": ["ca2"]}),
	])
	{[f.args.host, f.args.count] | some f in ca_disagreement.deny} == {["compute-3", 2]} with input as doc
}

test_allow_same_ca if {
	doc := fx.fleet([fx.fleet_host("compute-1", {}), fx.fleet_host("compute-2", {})])
	count(ca_disagreement.deny) == 0 with input as doc
}

test_deny_other_ca_on_a_host_whose_name_is_taken if {
	doc := fx.fleet([
		fx.fleet_host("compute-1", {}), fx.fleet_host("compute-2", {}),
		fx.fleet_host("compute-1", {"root": "restored-compute-1", "ca_fingerprints": ["ca2"]}),
	])
	{[f.args.host, f.location.file] | some f in ca_disagreement.deny} == {[
		"compute-1",
		"compute-1/etc/nova/nova.conf",
	]} with input as doc
}

test_deny_at_the_hosts_ca_file if {
	ca_file := {"file": "compute-3/etc/pki/CA/cacert.pem", "line": 1, "column": 1}
	doc := fx.fleet([
		fx.fleet_host("compute-1", {}), fx.fleet_host("compute-2", {}),
		fx.fleet_host("compute-3", {"ca_fingerprints": ["ca2"], "ca_location": ca_file}),
	])
	[f.location | some f in ca_disagreement.deny] == [ca_file] with input as doc
}
