package migpolicy.checks.nova.shadowed_setting_test

import data.migpolicy.checks.nova.shadowed_setting
import data.migpolicy.lib.fixtures_test as fx

test_deny_scheme_set_twice if {
	earlier := {"file": fx.nova_conf, "line": 5240, "column": 1}
	option := object.union(fx.nova_option("tls", 5241), {"shadowed": [earlier]})
	doc := fx.host({"live_migration_scheme": option}, {}, {}, null)
	shadowed_setting.deny == {{
		"rule": "NOVA-018", "message": "default",
		"location": {"file": fx.nova_conf, "line": 5241, "column": 1},
		"args": {"option": "live_migration_scheme", "count": 2}, "related": [earlier],
	}} with input as doc
}

test_allow_single_settings if {
	count(shadowed_setting.deny) == 0 with input as fx.native_tls_with_scheme
}
