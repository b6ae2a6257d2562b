package migpolicy.checks.nova.config_unreadable_test

import data.migpolicy.checks.nova.config_unreadable
import data.migpolicy.lib.fixtures_test as fx

test_deny_parse_error if {
	error := {"message": "Unexpected continuation line", "location": {"file": fx.nova_conf, "line": 12, "column": 1}}
	doc := object.union(fx.defaults, {"nova": {"error": error}})
	config_unreadable.deny == {{
		"rule": "NOVA-016", "message": "parse",
		"location": {"file": fx.nova_conf, "line": 12, "column": 1},
		"args": {"error": "Unexpected continuation line"}, "related": [],
	}} with input as doc
}

test_deny_value_continued_by_indented_comment if {
	doc := fx.host({"live_migration_scheme": fx.nova_option("tls\n# was tcp", 5241)}, {}, {}, null)
	{f.message | some f in config_unreadable.deny} == {"continued"} with input as doc
}

test_allow_clean_file if {
	count(config_unreadable.deny) == 0 with input as fx.native_tls_with_scheme
}
