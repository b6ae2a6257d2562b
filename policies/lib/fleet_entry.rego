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
}

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
