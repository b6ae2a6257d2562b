package migpolicy.checks.qemu.libvirt_migrate_dir_test

import data.migpolicy.checks.qemu.libvirt_migrate_dir
import data.migpolicy.lib.fixtures_test as fx

_migrate_dir := {
	"host_path": "/etc/pki/libvirt-migrate", "path": "etc/pki/libvirt-migrate",
	"exists": true, "source": "libvirt-migrate",
}

test_deny_leftover_folder if {
	doc := object.union(
		fx.host({}, {}, {"default_tls_x509_cert_dir": fx.qemu_option("/etc/pki/qemu", 25)}, null),
		{"pki": {"qemu": {"migrate_dir": _migrate_dir}}},
	)
	libvirt_migrate_dir.deny == {{
		"rule": "QEMU-003", "message": "default",
		"location": {"file": fx.qemu_conf, "line": 25, "column": 1},
		"args": {"default": "/etc/pki/qemu"}, "related": [],
	}} with input as doc
}

test_allow_default_source if {
	doc := fx.host({}, {}, {"default_tls_x509_cert_dir": fx.qemu_option("/etc/pki/qemu", 25)}, null)
	count(libvirt_migrate_dir.deny) == 0 with input as doc
}
