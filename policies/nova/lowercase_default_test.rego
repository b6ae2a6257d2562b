package migpolicy.checks.nova.lowercase_default_test

import data.migpolicy.checks.nova.lowercase_default
import data.migpolicy.lib.fixtures_test as fx

test_deny_lowercase_default_section if {
	section := {
		"present": true,
		"anchor": {"file": fx.nova_conf, "line": 1, "column": 1},
		"options": {"my_ip": fx.nova_option("192.0.2.1", 2)},
	}
	doc := object.union(fx.defaults, {"nova": {"sections": {"default": section}}})
	lowercase_default.deny == {{
		"rule": "NOVA-017", "message": "default",
		"location": {"file": fx.nova_conf, "line": 1, "column": 1},
		"args": {"section": "default", "count": 1}, "related": [],
	}} with input as doc
}

test_allow_uppercase if {
	count(lowercase_default.deny) == 0 with input as fx.defaults
}
