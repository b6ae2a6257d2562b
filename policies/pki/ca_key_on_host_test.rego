package migpolicy.checks.pki.ca_key_on_host_test

import data.migpolicy.checks.pki.ca_key_on_host
import data.migpolicy.lib.fixtures_test as fx

test_deny_ca_key if {
	files := [
		fx.certificate_file("/etc/pki/CA/cacert.pem", {"subject": "CN=Migration CA", "is_ca": true}),
		fx.key_file("/etc/pki/CA/private/cakey.pem", 384, ["etc/pki/CA/cacert.pem"]),
	]
	ca_key_on_host.deny == {{
		"rule": "PKI-004", "message": "default",
		"location": {"file": "etc/pki/CA/private/cakey.pem", "line": 1, "column": 1},
		"args": {"file": "/etc/pki/CA/private/cakey.pem", "ca": "CN=Migration CA"}, "related": [],
	}} with input as fx.with_pki(fx.defaults, files)
}

test_allow_host_keys_only if {
	count(ca_key_on_host.deny) == 0 with input as fx.with_pki(fx.defaults, fx.qemu_folder)
}

test_allow_a_leaf_key_whose_certificate_file_also_holds_the_chain if {
	chain := object.union(
		fx.certificate_file("/etc/pki/libvirt/servercert.pem", {"subject": "CN=compute-1"}),
		{"certificates": [
			fx.certificate({"subject": "CN=compute-1"}),
			fx.certificate({"subject": "CN=Intermediate CA", "is_ca": true}),
		]},
	)
	files := [chain, fx.key_file("/etc/pki/libvirt/private/serverkey.pem", 384, ["etc/pki/libvirt/servercert.pem"])]
	count(ca_key_on_host.deny) == 0 with input as fx.with_pki(fx.defaults, files)
}
