package migpolicy.fleet_checks.fleet.duplicate_names_test

import data.migpolicy.fleet_checks.fleet.duplicate_names
import data.migpolicy.lib.fixtures_test as fx

test_deny_same_name if {
	doc := fx.fleet([fx.fleet_host("compute-1", {}), fx.fleet_host("compute-1", {"root": "copy-of-compute-1"})])
	[f.args | some f in duplicate_names.deny] == [{"host": "compute-1", "count": 2, "roots": "compute-1, copy-of-compute-1"}] with input as doc
}

# One finding a name, however many hosts share it; the others are its related locations.
test_deny_once_for_many if {
	hosts := [fx.fleet_host("compute-1", {"root": sprintf("copy-%02d", [i])}) | some i in numbers.range(1, 12)]
	findings := duplicate_names.deny with input as fx.fleet(hosts)
	count(findings) == 1
	some f in findings
	f.args == {"host": "compute-1", "count": 12, "roots": "copy-01, copy-02, copy-03, copy-04, copy-05 and 7 more"}
	count(f.related) == 11
}

test_allow_unique if {
	doc := fx.fleet([fx.fleet_host("compute-1", {}), fx.fleet_host("compute-2", {})])
	count(duplicate_names.deny) == 0 with input as doc
}
