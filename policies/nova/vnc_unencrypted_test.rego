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
		"args": {"address": "192.0.2.21"}, "related": [],
	}} with input as _doc("none")
}

test_allow_vencrypt if {
	count(vnc_unencrypted.deny) == 0 with input as _doc("vencrypt,none")
}
