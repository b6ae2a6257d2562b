package migpolicy.checks.pki.key_mismatch_test

import data.migpolicy.checks.pki.key_mismatch
import data.migpolicy.lib.fixtures_test as fx

_cert := fx.certificate_file("/etc/pki/qemu/server-cert.pem", {})

_key(matches) := fx.key_file("/etc/pki/qemu/server-key.pem", 384, matches)

test_deny_a_key_that_is_not_the_certificates if {
	doc := fx.with_pki(fx.native_tls_with_scheme, [_cert, _key(["etc/pki/qemu/client-cert.pem"])])
	key_mismatch.deny == {{
		"rule": "PKI-013", "message": "default",
		"location": {"file": "etc/pki/qemu/server-key.pem", "line": 1, "column": 1},
		"args": {
			"key": "/etc/pki/qemu/server-key.pem", "certificate": "/etc/pki/qemu/server-cert.pem",
			"role": "QEMU's migration server",
		},
		"related": [{"file": "etc/pki/qemu/server-cert.pem", "line": 1, "column": 1}],
	}} with input as doc
}

test_allow_a_key_that_matches if {
	doc := fx.with_pki(fx.native_tls_with_scheme, [_cert, _key(["etc/pki/qemu/server-cert.pem"])])
	count(key_mismatch.deny) == 0 with input as doc
}

test_allow_a_key_without_its_certificate if {
	count(key_mismatch.deny) == 0 with input as fx.with_pki(fx.native_tls_with_scheme, [_key([])])
}

# virtproxyd serves TLS (the modular daemons): its key and certificate are the server pair,
# not libvirtd's files.
test_deny_the_listening_virtproxyds_pair if {
	files := [
		fx.certificate_file("/etc/pki/libvirt/servercert.pem", {}),
		fx.key_file("/etc/pki/libvirt/private/serverkey.pem", 384, []),
	]
	doc := fx.with_units(fx.with_pki(fx.native_tls_with_scheme, files), {
		"virtproxyd.socket": fx.unit("enabled", "etc/systemd/system/sockets.target.wants/virtproxyd.socket"),
		"virtproxyd-tls.socket": fx.unit("enabled", "etc/systemd/system/sockets.target.wants/virtproxyd-tls.socket"),
	})
	[f.args.role | some f in key_mismatch.deny] == ["virtproxyd's TLS server"] with input as doc
}
