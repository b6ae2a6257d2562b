package migpolicy.checks.nova.virt_type_test

import data.migpolicy.checks.nova.virt_type
import data.migpolicy.lib.fixtures_test as fx

test_deny_parallels if {
	doc := fx.host({"virt_type": fx.nova_option("parallels", 5100)}, {}, {}, null)
	virt_type.deny == {{
		"rule": "NOVA-025", "message": "parallels",
		"location": {"file": fx.nova_conf, "line": 5100, "column": 1},
		"args": {"type": "parallels"}, "related": [],
	}} with input as doc
}

test_allow_kvm if {
	doc := fx.host({"virt_type": fx.nova_option("kvm", 5100)}, {}, {}, null)
	count(virt_type.deny) == 0 with input as doc
}
