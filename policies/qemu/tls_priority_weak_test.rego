package migpolicy.checks.qemu.tls_priority_weak_test

import data.migpolicy.checks.qemu.tls_priority_weak
import data.migpolicy.lib.fixtures_test as fx

test_deny_compat if {
	doc := fx.host({}, {}, {"migrate_tls_priority": fx.qemu_option("NORMAL:%COMPAT", 500)}, null)
	tls_priority_weak.deny == {{
		"rule": "QEMU-010", "message": "default",
		"location": {"file": fx.qemu_conf, "line": 500, "column": 1},
		"args": {"option": "migrate_tls_priority", "priority": "NORMAL:%COMPAT", "token": "%COMPAT"}, "related": [],
	}} with input as doc
}

test_allow_system if {
	doc := fx.host({}, {}, {"migrate_tls_priority": fx.qemu_option("@SYSTEM", 500)}, null)
	count(tls_priority_weak.deny) == 0 with input as doc
}
