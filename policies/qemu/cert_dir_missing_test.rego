package migpolicy.checks.qemu.cert_dir_missing_test

import data.migpolicy.checks.qemu.cert_dir_missing
import data.migpolicy.lib.fixtures_test as fx

test_deny_missing_folder if {
	doc := object.union(
		fx.host({}, {}, {"migrate_tls_x509_cert_dir": fx.qemu_option("/etc/pki/migration", 120)}, null),
		{"pki": {"dirs": [{"host_path": "/etc/pki/migration", "path": "etc/pki/migration", "exists": false}]}},
	)
	cert_dir_missing.deny == {{
		"rule": "QEMU-004", "message": "default",
		"location": {"file": fx.qemu_conf, "line": 120, "column": 1},
		"args": {"option": "migrate_tls_x509_cert_dir", "dir": "/etc/pki/migration"}, "related": [],
	}} with input as doc
}

test_allow_existing_folder if {
	doc := object.union(
		fx.host({}, {}, {"migrate_tls_x509_cert_dir": fx.qemu_option("/etc/pki/migration", 120)}, null),
		{"pki": {"dirs": [{"host_path": "/etc/pki/migration", "path": "etc/pki/migration", "exists": true}]}},
	)
	count(cert_dir_missing.deny) == 0 with input as doc
}
