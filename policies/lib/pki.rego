# METADATA
# title: PKI helpers
# description: The certificate and key files the loader found, and whether checks of them can be evaluated.
# schemas:
#   - input: schema.host
package migpolicy.lib.pki

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.nova

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
#   The files whose first certificate, the one a key's `matches` compares it with, is a CA's,
#   by the file's path: a key's matches are looked up here, one lookup a match. A leaf's file
#   that also holds its chain (servercert.pem with the intermediate after it) is not a CA's:
#   the key matches the leaf.
ca_certificates[file.path] := [first] if {
	some file in input.pki.files
	file.kind == "certificate"
	first := file.certificates[0]
	first.is_ca
}

# METADATA
# title: at
# description: The location of a whole file.
at(file) := {"file": file.path, "line": 1, "column": 1}

# METADATA
# title: octal
# description: |
#   A file mode as the four octal digits ls and chmod use (one format_int: 0o10000 above the
#   mode makes five digits, the first dropped).
octal(mode) := substring(format_int(bits.and(mode, 4095) + 4096, 8), 1, 4)

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

# METADATA
# title: misnamed
# description: |
#   The server certificates peers check against this host's address (QEMU's with native TLS,
#   the libvirt daemon's for a qemu+tls connection) that do not name it: the address nova
#   migrates to (live_migration_inbound_addr, else the host name). The file, its names, the
#   address and the connection (qemu or libvirt).
misnamed contains {"file": entry.file, "names": names, "target": _target, "connection": connection} if {
	# OpenSSL prints IPv6 SANs uncompressed (2001:DB8:0:0:0:0:0:11): not compared, never claimed.
	not contains(_target, ":")
	some entry in certificates
	some [path, connection] in _server_certificates
	entry.file.host_path == path
	names := array.concat(entry.certificate.san_dns, entry.certificate.san_ip)
	count(names) > 0
	not _covered(_target, entry.certificate)
}

# The address nova migrates to: the destination's live_migration_inbound_addr, else its
# service host name ([DEFAULT] host, else the host name).
_target := nova.option("libvirt", "live_migration_inbound_addr").value if {
	is_string(nova.option("libvirt", "live_migration_inbound_addr").value)
} else := nova.option("DEFAULT", "host").value if {
	nova.option("DEFAULT", "host").source in {"file", "environment"}
	is_string(nova.option("DEFAULT", "host").value)
} else := input.host.name if input.host.name_source == "tree"

# A daemon may serve QEMU's certificate too: a pair per connection, never a conflict.
_server_certificates contains [concat("/", [_qemu_dir, "server-cert.pem"]), "qemu"] if nova.native_tls

_server_certificates contains [path, "libvirt"] if {
	nova.control_transport == "tls"
	not _no_verify
	path := object.get(input[libvirt.tls_daemon].options, ["cert_file", "value"], "/etc/pki/libvirt/servercert.pem")
}

_no_verify if contains(nova.uri_template, "no_verify=1")

_covered(target, certificate) if lower(target) in {lower(name) | some name in certificate.san_dns}

_covered(target, certificate) if target in certificate.san_ip

_covered(target, certificate) if {
	parts := split(lower(target), ".")
	parent := concat(".", array.slice(parts, 1, count(parts)))
	some name in certificate.san_dns
	startswith(name, "*.")
	parent == substring(lower(name), 2, -1)
}

# METADATA
# title: qemu_out_of_date
# description: |
#   QEMU's migration certificates (server-cert.pem, client-cert.pem) outside their validity
#   at the scan time: QEMU refuses to load them ("The server certificate ... has expired"),
#   so every migration with native TLS fails on this host's side.
qemu_out_of_date contains entry.file if {
	some name in ["server-cert.pem", "client-cert.pem"]
	some entry in certificates
	entry.file.host_path == concat("/", [_qemu_dir, name])
	_out_of_date(entry.certificate)
}

_out_of_date(certificate) if certificate.not_after < input.scan_time

_out_of_date(certificate) if certificate.not_before > input.scan_time
