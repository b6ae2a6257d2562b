package migpolicy.checks.nova.vnc_unencrypted_test

import data.migpolicy.checks.nova.vnc_unencrypted
import data.migpolicy.lib.fixtures_test as fx

_doc(schemes) := object.union(fx.defaults, {"nova": {"sections": {"vnc": {
	"present": true,
	"anchor": {"file": fx.nova_conf, "line": 9000, "column": 1},
	"options": {
		"enabled": {"value": true, "source": "default"},
		"server_listen": fx.nova_option("192.0.2.21", 9010),
		"auth_schemes": {"value": schemes, "source": "default"},
	},
}}}})

test_deny_plain_vnc if {
	vnc_unencrypted.deny == {{
		"rule": "NOVA-021", "message": "default",
		"location": {"file": fx.nova_conf, "line": 9010, "column": 1},
		"args": {"option": "[vnc] server_listen", "address": "192.0.2.21"}, "related": [],
	}} with input as _doc("none")
}

test_allow_vencrypt if {
	count(vnc_unencrypted.deny) == 0 with input as _doc("vencrypt,none")
}

_old_name(nova_version) := fx.with_versions(
	object.union(fx.defaults, {"nova": {"sections": {"vnc": {
		"present": true,
		"anchor": {"file": fx.nova_conf, "line": 9000, "column": 1},
		"options": {
			"enabled": {"value": true, "source": "default"},
			"server_listen": {"value": "127.0.0.1", "source": "default", "deprecated": {
				"name": "[DEFAULT] vncserver_listen", "value": "0.0.0.0",
				"location": {"file": fx.nova_conf, "line": 12, "column": 1}, "removed_in": [25, 0, 0],
			}},
			"auth_schemes": {"value": "none", "source": "default"},
		},
	}}}}),
	{"nova": nova_version},
)

# nova 22 reads [DEFAULT] vncserver_listen (a DeprecatedOpt until 25.0.0).
test_deny_the_old_name_where_nova_reads_it if {
	doc := _old_name(fx.version("nova-compute", "22.0.1", [22, 0, 1]))
	[[f.args.option, f.location.line] | some f in vnc_unencrypted.deny] == [["[DEFAULT] vncserver_listen", 12]] with input as doc
}

test_allow_the_old_name_where_nova_ignores_it if {
	doc := _old_name(fx.version("nova-compute", "26.2.2", [26, 2, 2]))
	count(vnc_unencrypted.deny) == 0 with input as doc
}

test_old_name_with_an_unknown_nova_is_not_evaluated if {
	doc := _old_name(null)
	count(vnc_unencrypted.deny) == 0 with input as doc
	count(vnc_unencrypted.not_evaluated) == 1 with input as doc
}
