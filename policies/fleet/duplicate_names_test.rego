package migpolicy.fleet_checks.fleet.duplicate_names_test

import data.migpolicy.fleet_checks.fleet.duplicate_names
import data.migpolicy.lib.fixtures_test as fx

test_deny_same_name if {
	doc := fx.fleet([fx.fleet_host("compute-1", {}), fx.fleet_host("compute-1", {"root": "copy-of-compute-1"})])
	{f.args.other | some f in duplicate_names.deny} == {"compute-1", "copy-of-compute-1"} with input as doc
}

test_allow_unique if {
	doc := fx.fleet([fx.fleet_host("compute-1", {}), fx.fleet_host("compute-2", {})])
	count(duplicate_names.deny) == 0 with input as doc
}
