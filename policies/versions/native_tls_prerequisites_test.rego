package migpolicy.checks.versions.native_tls_prerequisites_test

import data.migpolicy.checks.versions.native_tls_prerequisites
import data.migpolicy.lib.fixtures_test as fx

_with(nova) := fx.with_versions(fx.native_tls_with_scheme, {
	"nova": nova,
	"libvirt": fx.version("libvirt-daemon", "3.9.0-1", [3, 9, 0]),
	"qemu": fx.version("qemu-kvm", "2.12.0-1", [2, 12, 0]),
})

test_deny_old_libvirt if {
	native_tls_prerequisites.deny == {{
		"rule": "VER-001", "message": "default",
		"location": {"file": "var/lib/dpkg/status", "line": 1, "column": 1},
		"args": {"component": "libvirt", "version": "3.9.0-1"}, "related": [],
	}} with input as _with(null)
}

test_allow_left_to_nova_011_on_nova_20 if {
	count(native_tls_prerequisites.deny) == 0 with input as _with(fx.version("nova-compute", "20.6.0-1", [20, 6, 0]))
}
