package migpolicy.checks.pki.issuer_mismatch_test

import data.migpolicy.checks.pki.issuer_mismatch
import data.migpolicy.lib.fixtures_test as fx

test_deny_leaf_from_another_ca if {
	files := array.concat(
		[fx.certificate_file("/etc/pki/qemu/ca-cert.pem", {"subject": "O=Example Cloud,CN=Migration CA", "is_ca": true})],
		[fx.certificate_file("/etc/pki/qemu/server-cert.pem", {"issuer": "CN=Other CA"})],
	)
	issuer_mismatch.deny == {{
		"rule": "PKI-008", "message": "default",
		"location": {"file": "etc/pki/qemu/server-cert.pem", "line": 1, "column": 1},
		"args": {
			"file": "/etc/pki/qemu/server-cert.pem", "issuer": "CN=Other CA",
			"ca_file": "/etc/pki/qemu/ca-cert.pem", "ca": "O=Example Cloud,CN=Migration CA",
		},
		"related": [],
	}} with input as fx.with_pki(fx.defaults, files)
}

test_allow_same_ca if {
	count(issuer_mismatch.deny) == 0 with input as fx.with_pki(fx.defaults, fx.qemu_folder)
}
