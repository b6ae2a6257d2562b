package migpolicy.fleet_checks.fleet.shared_identity_test

import data.migpolicy.fleet_checks.fleet.shared_identity
import data.migpolicy.lib.fixtures_test as fx

_copied := [{
	"file": "compute-2/etc/pki/qemu/server-cert.pem", "issuer": "O=Example Cloud,CN=Migration CA",
	"serial": "serial-compute-1", "public_key_sha256": "key-compute-1",
}]

test_deny_copied_certificate if {
	doc := fx.fleet([fx.fleet_host("compute-1", {}), fx.fleet_host("compute-2", {"certificates": _copied})])
	shared_identity.deny == {{
		"rule": "FLEET-003", "message": "key",
		"location": {"file": "compute-1/etc/pki/qemu/server-cert.pem", "line": 1, "column": 1},
		"args": {
			"host": "compute-1", "file": "compute-1/etc/pki/qemu/server-cert.pem",
			"peer": "compute-2", "peer_file": "compute-2/etc/pki/qemu/server-cert.pem",
		},
		"related": [{"file": "compute-2/etc/pki/qemu/server-cert.pem", "line": 1, "column": 1}],
	}} with input as doc
}

test_allow_own_certificates if {
	doc := fx.fleet([fx.fleet_host("compute-1", {}), fx.fleet_host("compute-2", {})])
	count(shared_identity.deny) == 0 with input as doc
}
