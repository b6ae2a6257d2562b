package migpolicy.checks.pki.certificate_validity_test

import data.migpolicy.checks.pki.certificate_validity
import data.migpolicy.lib.fixtures_test as fx

test_deny_expired if {
	file := fx.certificate_file("/etc/pki/libvirt/servercert.pem", {"not_after": 1794913600})
	certificate_validity.deny == {{
		"rule": "PKI-005", "message": "expired",
		"location": {"file": "etc/pki/libvirt/servercert.pem", "line": 1, "column": 1},
		"args": {"file": "/etc/pki/libvirt/servercert.pem", "subject": "O=Example Cloud,CN=compute-1.example.org", "days": 1},
		"related": [],
	}} with input as fx.with_pki(fx.defaults, [file])
}

test_deny_not_yet_valid if {
	file := fx.certificate_file("/etc/pki/libvirt/servercert.pem", {"not_before": 1795086400})
	{f.message | some f in certificate_validity.deny} == {"not_yet"} with input as fx.with_pki(fx.defaults, [file])
}

test_allow_valid if {
	count(certificate_validity.deny) == 0 with input as fx.with_pki(fx.defaults, fx.qemu_folder)
}
