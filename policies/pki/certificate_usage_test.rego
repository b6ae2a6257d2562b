package migpolicy.checks.pki.certificate_usage_test

import data.migpolicy.checks.pki.certificate_usage
import data.migpolicy.lib.fixtures_test as fx

test_deny_ca_as_server_certificate if {
	file := fx.certificate_file("/etc/pki/qemu/server-cert.pem", {"is_ca": true})
	certificate_usage.deny == {{
		"rule": "PKI-006", "message": "ca",
		"location": {"file": "etc/pki/qemu/server-cert.pem", "line": 1, "column": 1},
		"args": {"file": "/etc/pki/qemu/server-cert.pem", "role": "server"}, "related": [],
	}} with input as fx.with_pki(fx.defaults, [file])
}

test_deny_critical_eku_without_client_auth if {
	changes := {"ext_key_usage": ["serverAuth"], "ext_key_usage_critical": true}
	file := fx.certificate_file("/etc/pki/qemu/client-cert.pem", changes)
	{f.message | some f in certificate_usage.deny} == {"ext_key_usage"} with input as fx.with_pki(fx.defaults, [file])
}

test_allow_proper_leaves if {
	count(certificate_usage.deny) == 0 with input as fx.with_pki(fx.defaults, fx.qemu_folder)
}
