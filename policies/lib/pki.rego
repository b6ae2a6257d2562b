# METADATA
# title: PKI helpers
# description: The certificate and key files the loader found, and whether checks of them can be evaluated.
# schemas:
#   - input: schema.host
package migpolicy.lib.pki

import data.migpolicy.lib.libvirt

# METADATA
# title: files_in
# description: The files found in a certificate folder (by its path on the host).
files_in(host_path) := [file | some file in input.pki.files; _dirname(file.host_path) == host_path]

_dirname(path) := concat("/", array.slice(parts, 0, count(parts) - 1)) if parts := split(path, "/")

# METADATA
# title: uncollected
# description: Why the tree cannot show the certificates, when it cannot.
uncollected := input.pki.not_collected

# METADATA
# title: modes_unknown
# scope: document
# description: Why file modes and owners cannot be checked, when they cannot.
modes_unknown := input.pki.not_collected

modes_unknown := object.get(input.pki, "modes_reason", "the tree's file modes are not the host's") if {
	not input.pki.not_collected
	input.pki.modes == "not-meaningful"
}

# Arrays, not sets: a set hashes each whole file object, and policy.wasm spent more time on
# that than on the PKI checks themselves. input.pki.files holds each file once.

# METADATA
# title: keys
# description: Every private key file found.
keys := [file | some file in input.pki.files; file.kind == "private-key"]

# METADATA
# title: certificates
# description: Every certificate with the file that holds it.
certificates := [{"file": file, "certificate": certificate} |
	some file in input.pki.files
	some certificate in file.certificates
]

# METADATA
# title: ca_certificates
# description: |
#   The CA certificates of each file that holds any, by the file's path: a key's matches are
#   looked up here, one lookup a match, rather than every key against every certificate.
ca_certificates[file.path] := cas if {
	some file in input.pki.files
	file.kind == "certificate"
	cas := [certificate | some certificate in file.certificates; certificate.is_ca]
	count(cas) > 0
}

# METADATA
# title: at
# description: The location of a whole file.
at(file) := {"file": file.path, "line": 1, "column": 1}

# METADATA
# title: octal
# description: A file mode as the four octal digits ls and chmod use.
octal(mode) := concat("", [
	format_int(bits.and(bits.rsh(mode, 9), 7), 10),
	format_int(bits.and(bits.rsh(mode, 6), 7), 10),
	format_int(bits.and(bits.rsh(mode, 3), 7), 10),
	format_int(bits.and(mode, 7), 10),
])

# METADATA
# title: key_pairs
# description: |
#   The private keys and the certificates they must belong to, by role: QEMU's migration
#   folder (server-key.pem with server-cert.pem, client-key.pem with client-cert.pem) and the
#   libvirt daemons' (the TLS listener's key_file with its cert_file, libvirtd's where none
#   listens; private/clientkey.pem with clientcert.pem).
#   The key file and the certificate file, as found, with the role.
key_pairs contains {"role": role, "key": key, "certificate": certificate} if {
	some role, paths in _pair_paths
	some key in input.pki.files
	key.host_path == paths.key
	key.kind == "private-key"
	some certificate in input.pki.files
	certificate.host_path == paths.certificate
	certificate.kind == "certificate"
}

_qemu_dir := input.pki.qemu.migrate_dir.host_path

default _server_daemon := "libvirtd"

_server_daemon := libvirt.tls_daemon

_pair_paths := {
	"QEMU's migration server": {
		"key": concat("/", [_qemu_dir, "server-key.pem"]),
		"certificate": concat("/", [_qemu_dir, "server-cert.pem"]),
	},
	"QEMU's migration client": {
		"key": concat("/", [_qemu_dir, "client-key.pem"]),
		"certificate": concat("/", [_qemu_dir, "client-cert.pem"]),
	},
	concat("", [_server_daemon, "'s TLS server"]): {
		"key": object.get(input[_server_daemon].options, ["key_file", "value"], "/etc/pki/libvirt/private/serverkey.pem"),
		"certificate": object.get(input[_server_daemon].options, ["cert_file", "value"], "/etc/pki/libvirt/servercert.pem"),
	},
	"libvirtd's TLS client": {
		"key": "/etc/pki/libvirt/private/clientkey.pem",
		"certificate": "/etc/pki/libvirt/clientcert.pem",
	},
}

# METADATA
# title: mismatched
# description: The key pairs whose key does not belong to the certificate (its public key is another).
mismatched contains pair if {
	some pair in key_pairs

	# A key that could not be compared (encrypted, unreadable) has no matches: no claim.
	is_array(pair.key.matches)
	not pair.certificate.path in pair.key.matches
}
