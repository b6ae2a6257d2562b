# METADATA
# title: Fleet entry
# description: |
#   The compact summary of one host that the fleet checks compare across hosts: its
#   transport settings, the identities its certificates carry, the CA it trusts and the DNs
#   it admits. Computed here from the host document, so the facts are read in one place.
# schemas:
#   - input: schema.host
package migpolicy.lib.fleet_entry

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.nova
import data.migpolicy.lib.pki

_client_files := {"client-cert.pem", "clientcert.pem"}

_name(path) := parts[count(parts) - 1] if parts := split(path, "/")

# METADATA
# title: entry
# description: The host's fleet entry (schemas/fleet.json, hosts[]).
entry := {
	"name": input.host.name,
	"root": input.host.root,
	"name_location": _name_location,
	"transport": {
		"control": nova.control_transport,
		"native_tls": _native_tls,
		"tunnelled": _tunnelled,
		"location": nova.where("libvirt", "live_migration_with_native_tls"),
	},
	"client_dns": sort({entry.certificate.subject |
		some entry in pki.certificates
		_name(entry.file.host_path) in _client_files
	}),
	"allowed_dns": _allowed_dns,
	"ca_fingerprints": sort({entry.certificate.fingerprint_sha256 |
		some entry in pki.certificates
		entry.certificate.is_ca
	}),
	"ca_location": _ca_location,
	# sort: iterating a set has no defined order, and Wasm's differs from topdown's.
	"certificates": sort([{
		"file": entry.file.path,
		"issuer": entry.certificate.issuer,
		"serial": entry.certificate.serial,
		"public_key_sha256": entry.certificate.public_key_sha256,
	} |
		some entry in pki.certificates
		not entry.certificate.is_ca
	]),
	"trust": {
		"presents": sort([presented | some presented in _presents]),
		"verifies": sort([verifier | some verifier in _verifies]),
		"not_collected": _pki_not_collected,
	},
}

default _pki_not_collected := null

_pki_not_collected := pki.uncollected

# Trust: what each end of the two TLS connections of a migration presents and verifies. The
# source's libvirtd connects to the destination's TLS listener (libvirt-client, -server), and
# the source's QEMU to the destination's (qemu-client, -server). A client always verifies the
# server (nova's URI could say no_verify=1); a server verifies clients unless told not to.

_certificate_file(host_path) := file if {
	some file in input.pki.files
	file.host_path == host_path
	file.kind == "certificate"
}

_presents contains {
	"role": role,
	"file": file.path,
	"host_path": file.host_path,
	"chain": [{"issuer": c.issuer, "signed_by": object.get(c, "signed_by", [])} | some c in file.certificates],
} if {
	some role, host_path in _presented_paths
	file := _certificate_file(host_path)
}

_verifies contains {
	"role": role,
	"file": file.path,
	"host_path": file.host_path,
	"cas": [{"subject": c.subject, "public_key_sha256": c.public_key_sha256} | some c in file.certificates],
} if {
	some role, host_path in _verifying_paths
	file := _certificate_file(host_path)
}

_qemu_dir := input.pki.qemu.migrate_dir.host_path

_libvirt_client_pki if {
	nova.control_transport == "tls"
	not _uri_says("pkipath=")
}

_uri_says(text) if contains(nova.uri_template, text)

_daemon_file(option, default_path) := object.get(input[libvirt.tls_daemon].options, [option, "value"], default_path)

_presented_paths["libvirt-client"] := "/etc/pki/libvirt/clientcert.pem" if _libvirt_client_pki

_presented_paths["libvirt-server"] := _daemon_file("cert_file", "/etc/pki/libvirt/servercert.pem")

_presented_paths["qemu-client"] := concat("/", [_qemu_dir, "client-cert.pem"]) if nova.native_tls

_presented_paths["qemu-server"] := concat("/", [_qemu_dir, "server-cert.pem"])

# Each entry names the role of the peer certificates the file verifies.
_verifying_paths["libvirt-server"] := "/etc/pki/CA/cacert.pem" if {
	_libvirt_client_pki
	not _uri_says("no_verify=1")
}

_verifying_paths["libvirt-client"] := _daemon_file("ca_file", "/etc/pki/CA/cacert.pem") if {
	libvirt.daemon_option(libvirt.tls_daemon, "tls_no_verify_certificate").value != 1
}

_verifying_paths["qemu-server"] := concat("/", [_qemu_dir, "ca-cert.pem"]) if nova.native_tls

_verifying_paths["qemu-client"] := concat("/", [_qemu_dir, "ca-cert.pem"]) if libvirt.migrate_tls_verify == 1

_ca_files := sort({entry.file.path | some entry in pki.certificates; entry.certificate.is_ca})

default _ca_location := null

_ca_location := {"file": _ca_files[0], "line": 1, "column": 1} if count(_ca_files) > 0

default _native_tls := false

_native_tls if nova.native_tls

default _tunnelled := false

_tunnelled if nova.tunnelled

_name_location := {"file": input.nova.files[0], "line": 1, "column": 1}

_name_location := input.nova.sections.libvirt.anchor if count(input.nova.files) == 0

_allowed := [{"daemon": daemon, "patterns": setting.value, "location": setting.location} |
	some daemon in ["libvirtd", "virtproxyd"]
	setting := libvirt.daemon_option(daemon, "tls_allowed_dn_list")
	is_array(setting.value)
]

default _allowed_dns := null

_allowed_dns := _allowed[0]
