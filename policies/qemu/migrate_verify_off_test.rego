package migpolicy.checks.qemu.migrate_verify_off_test

import data.migpolicy.checks.qemu.migrate_verify_off
import data.migpolicy.lib.fixtures_test as fx

_native_tls := {
	"live_migration_with_native_tls": fx.nova_option(true, 5492),
	"live_migration_scheme": fx.nova_option("tls", 5241),
}

test_deny_default_verify_off if {
	doc := fx.host(_native_tls, {}, {"default_tls_x509_verify": fx.qemu_option(0, 20)}, null)
	migrate_verify_off.deny == {{
		"rule": "QEMU-001",
		"message": "default",
		"location": {"file": fx.qemu_conf, "line": 20, "column": 1},
		"args": {"option": "default_tls_x509_verify"},
		"related": [],
		"fix": {"description": "Verify the source's client certificate", "edits": [{"location": {"file": fx.qemu_conf, "line": 20, "column": 1}, "action": "replace", "text": "default_tls_x509_verify = 1"}]},
	}} with input as doc
}

test_deny_migrate_verify_off_overrides_default if {
	doc := fx.host(
		_native_tls, {},
		{"default_tls_x509_verify": fx.qemu_option(1, 20), "migrate_tls_x509_verify": fx.qemu_option(0, 40)},
		null,
	)
	migrate_verify_off.deny == {{
		"rule": "QEMU-001",
		"message": "default",
		"location": {"file": fx.qemu_conf, "line": 40, "column": 1},
		"args": {"option": "migrate_tls_x509_verify"},
		"related": [],
		"fix": {"description": "Verify the source's client certificate", "edits": [{"location": {"file": fx.qemu_conf, "line": 40, "column": 1}, "action": "replace", "text": "migrate_tls_x509_verify = 1"}]},
	}} with input as doc
}

test_allow_verify_default_on if {
	doc := fx.host(_native_tls, {}, {}, null)
	count(migrate_verify_off.deny) == 0 with input as doc
}

test_allow_migrate_verify_on_over_default_off if {
	doc := fx.host(
		_native_tls, {},
		{"default_tls_x509_verify": fx.qemu_option(0, 20), "migrate_tls_x509_verify": fx.qemu_option(1, 40)},
		null,
	)
	count(migrate_verify_off.deny) == 0 with input as doc
}

test_allow_without_native_tls if {
	doc := fx.host({}, {}, {"default_tls_x509_verify": fx.qemu_option(0, 20)}, null)
	count(migrate_verify_off.deny) == 0 with input as doc
}
