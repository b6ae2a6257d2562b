# METADATA
# title: A stray copy of a private key lies in a certificate folder
# description: |
#   QEMU reads `server-key.pem` and `client-key.pem`, libvirtd its `key_file` (by default
#   `serverkey.pem` and `clientkey.pem`). Any other private key in these folders - the first
#   Nova guide's listing shows a `server-key-stripped.pem` beside the real key - is an extra
#   copy of the host's identity that nothing uses and nobody rotates or protects.
# related_resources:
#   - ref: https://www.qemu.org/docs/master/system/tls.html
#     description: "QEMU: TLS setup for network services"
# schemas:
#   - input: schema.host
# custom:
#   id: PKI-012
#   severity: medium
#   security_severity: 5.5
#   cwe: [522]
#   remediation: Delete the copy (shred it) once nothing refers to it.
#   messages:
#     default: "{file} is a private key that neither QEMU nor libvirtd reads"
package migpolicy.checks.pki.stray_key

import data.migpolicy.lib.pki
import data.migpolicy.lib.result

_used_names := {"server-key.pem", "client-key.pem", "serverkey.pem", "clientkey.pem"}

_configured contains file if {
	some daemon in ["libvirtd", "virtproxyd"]
	file := input[daemon].options.key_file.value
	is_string(file)
}

deny contains result.fail(_chain, "default", pki.at(file), {"file": file.host_path}) if {
	some file in pki.keys
	parts := split(file.host_path, "/")
	not parts[count(parts) - 1] in _used_names
	not file.host_path in _configured
	not _ca_key(file)
}

# A CA's key is PKI-004's.
_ca_key(file) if {
	some path in file.matches
	pki.ca_certificates[path]
}

not_evaluated contains result.skip(_chain, pki.uncollected)

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
