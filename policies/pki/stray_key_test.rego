package migpolicy.checks.pki.stray_key_test

import data.migpolicy.checks.pki.stray_key
import data.migpolicy.lib.fixtures_test as fx

test_deny_stripped_copy if {
	files := array.concat(fx.qemu_folder, [fx.key_file("/etc/pki/qemu/server-key-stripped.pem", 384, [])])
	stray_key.deny == {{
		"rule": "PKI-012", "message": "default",
		"location": {"file": "etc/pki/qemu/server-key-stripped.pem", "line": 1, "column": 1},
		"args": {"file": "/etc/pki/qemu/server-key-stripped.pem"}, "related": [],
	}} with input as fx.with_pki(fx.defaults, files)
}

test_allow_configured_key_file if {
	doc := fx.with_pki(
		fx.host({}, {"key_file": fx.libvirtd_option("/etc/pki/libvirt/private/compute-1.key", 270)}, {}, null),
		[fx.key_file("/etc/pki/libvirt/private/compute-1.key", 384, [])],
	)
	count(stray_key.deny) == 0 with input as doc
}

test_allow_guide_folder if {
	count(stray_key.deny) == 0 with input as fx.with_pki(fx.defaults, fx.qemu_folder)
}
