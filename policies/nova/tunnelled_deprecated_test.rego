package migpolicy.checks.nova.tunnelled_deprecated_test

import data.migpolicy.checks.nova.tunnelled_deprecated
import data.migpolicy.lib.fixtures_test as fx

_tunnelled := fx.host({"live_migration_tunnelled": fx.nova_option(true, 5315)}, {}, {}, null)

test_deny_on_wallaby_or_later if {
	doc := fx.with_versions(_tunnelled, {"nova": fx.version("nova-compute", "2:26.2.2-1", [26, 2, 2])})
	tunnelled_deprecated.deny == {{
		"rule": "NOVA-010", "message": "default",
		"location": {"file": fx.nova_conf, "line": 5315, "column": 1},
		"args": {"version": "2:26.2.2-1"}, "related": [],
	}} with input as doc
}

test_allow_before_wallaby if {
	doc := fx.with_versions(_tunnelled, {"nova": fx.version("nova-compute", "22.4.0-1", [22, 4, 0])})
	count(tunnelled_deprecated.deny) == 0 with input as doc
}

test_not_evaluated_without_versions if {
	tunnelled_deprecated.not_evaluated == {{
		"rule": "NOVA-010",
		"reason": "nova version unknown: the tree holds no package list",
	}} with input as _tunnelled
}
