package migpolicy.checks.pki.weak_crypto_test

import data.migpolicy.checks.pki.weak_crypto
import data.migpolicy.lib.fixtures_test as fx

test_deny_rsa_1024_sha1 if {
	changes := {"key_bits": 1024, "signature_algorithm": "sha1WithRSAEncryption"}
	file := fx.certificate_file("/etc/pki/libvirt/servercert.pem", changes)
	{f.message | some f in weak_crypto.deny} == {"key", "signature"} with input as fx.with_pki(fx.defaults, [file])
}

test_allow_modern if {
	count(weak_crypto.deny) == 0 with input as fx.with_pki(fx.defaults, fx.qemu_folder)
}
