package migpolicy.checks.libvirtd.partial_tls_files_test

import data.migpolicy.checks.libvirtd.partial_tls_files
import data.migpolicy.lib.fixtures_test as fx

test_deny_key_and_cert_without_ca if {
	doc := fx.host(
		{}, {
			"key_file": fx.libvirtd_option("/etc/pki/libvirt/private/serverkey.pem", 270),
			"cert_file": fx.libvirtd_option("/etc/pki/libvirt/servercert.pem", 271),
		},
		{}, null,
	)
	partial_tls_files.deny == {{
		"rule": "LV-011", "message": "default",
		"location": {"file": fx.libvirtd_conf, "line": 270, "column": 1},
		"args": {"daemon": "libvirtd", "set": "key_file, cert_file", "missing": "ca_file"}, "related": [],
	}} with input as doc
}

test_allow_kolla_empty_ca_file if {
	doc := fx.host({}, {"ca_file": fx.libvirtd_option("", 5)}, {}, null)
	count(partial_tls_files.deny) == 0 with input as doc
}
