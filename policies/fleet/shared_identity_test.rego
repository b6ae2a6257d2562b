package migpolicy.fleet_checks.fleet.shared_identity_test

import data.migpolicy.fleet_checks.fleet.shared_identity
import data.migpolicy.lib.fixtures_test as fx

_copy_of_compute_1(host) := [{
	"file": concat("/", [host, "etc/pki/qemu/server-cert.pem"]), "issuer": "O=Example Cloud,CN=Migration CA",
	"serial": "serial-compute-1", "public_key_sha256": "key-compute-1",
}]

test_deny_copied_certificate if {
	doc := fx.fleet([
		fx.fleet_host("compute-1", {}),
		fx.fleet_host("compute-2", {"certificates": _copy_of_compute_1("compute-2")}),
	])
	shared_identity.deny == {{
		"rule": "FLEET-003", "message": "key",
		"location": {"file": "compute-2/etc/pki/qemu/server-cert.pem", "line": 1, "column": 1},
		"args": {
			"host": "compute-2", "file": "compute-2/etc/pki/qemu/server-cert.pem",
			"peer": "compute-1", "peer_file": "compute-1/etc/pki/qemu/server-cert.pem",
		},
		"related": [{"file": "compute-1/etc/pki/qemu/server-cert.pem", "line": 1, "column": 1}],
	}} with input as doc
}

test_deny_one_finding_per_copy_not_per_pair if {
	copies := [fx.fleet_host(name, {"certificates": _copy_of_compute_1(name)}) |
		some name in ["compute-2", "compute-3", "compute-4"]
	]
	findings := shared_identity.deny with input as fx.fleet(array.concat([fx.fleet_host("compute-1", {})], copies))
	{[f.args.host, f.args.peer] | some f in findings} == {
		["compute-2", "compute-1"], ["compute-3", "compute-1"], ["compute-4", "compute-1"],
	}
}

test_deny_reused_serial_with_another_key if {
	reissued := [{
		"file": "compute-2/etc/pki/qemu/server-cert.pem", "issuer": "O=Example Cloud,CN=Migration CA",
		"serial": "serial-compute-1", "public_key_sha256": "key-compute-2",
	}]
	doc := fx.fleet([fx.fleet_host("compute-1", {}), fx.fleet_host("compute-2", {"certificates": reissued})])
	{[f.message, f.args.host] | some f in shared_identity.deny with input as doc} == {["serial", "compute-2"]}
}

test_allow_same_key_in_two_files_of_one_host if {
	certificates := array.concat(_copy_of_compute_1("compute-1"), [{
		"file": "compute-1/etc/pki/libvirt/servercert.pem", "issuer": "O=Example Cloud,CN=Migration CA",
		"serial": "serial-compute-1", "public_key_sha256": "key-compute-1",
	}])
	doc := fx.fleet([fx.fleet_host("compute-1", {"certificates": certificates}), fx.fleet_host("compute-2", {})])
	count(shared_identity.deny) == 0 with input as doc
}

test_allow_own_certificates if {
	doc := fx.fleet([fx.fleet_host("compute-1", {}), fx.fleet_host("compute-2", {})])
	count(shared_identity.deny) == 0 with input as doc
}
