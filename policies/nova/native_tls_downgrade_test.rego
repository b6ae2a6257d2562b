package migpolicy.checks.nova.native_tls_downgrade_test

import data.migpolicy.checks.nova.native_tls_downgrade
import data.migpolicy.lib.fixtures_test as fx

_train(libvirt) := fx.with_versions(fx.native_tls_with_scheme, {
	"nova": fx.version("nova-compute", "20.6.0-1", [20, 6, 0]),
	"libvirt": fx.version("libvirt-daemon", libvirt, [4, 0, 0]),
	"qemu": fx.version("qemu-kvm", "2.12.0-1", [2, 12, 0]),
})

test_deny_train_with_libvirt_4_0 if {
	native_tls_downgrade.deny == {{
		"rule": "NOVA-011", "message": "default",
		"location": {"file": fx.nova_conf, "line": 5492, "column": 1},
		"args": {"nova": "20.6.0-1", "libvirt": "4.0.0-1", "qemu": "2.12.0-1"}, "related": [],
	}} with input as _train("4.0.0-1")
}

test_allow_wallaby if {
	doc := fx.with_versions(_train("4.0.0-1"), {"nova": fx.version("nova-compute", "23.0.0-1", [23, 0, 0])})
	count(native_tls_downgrade.deny) == 0 with input as doc
}

test_not_evaluated_without_versions if {
	count(native_tls_downgrade.not_evaluated) == 3 with input as fx.native_tls_with_scheme
}

test_an_old_qemu_alone_is_enough if {
	doc := fx.with_versions(fx.native_tls_with_scheme, {
		"nova": fx.version("nova-compute", "20.1.0-1", [20, 1, 0]),
		"qemu": fx.version("qemu-kvm-ev", "2.10.0-21.el7", [2, 10, 0]),
	})
	[finding] := [f | some f in native_tls_downgrade.deny] with input as doc
	finding.args == {"nova": "20.1.0-1", "libvirt": "(unknown)", "qemu": "2.10.0-21.el7"}
	count(native_tls_downgrade.not_evaluated) == 0 with input as doc
}
