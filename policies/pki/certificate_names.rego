# METADATA
# title: The server certificate does not name the address peers connect to
# description: |
#   The migration source checks that the destination's server certificates (QEMU's with
#   native TLS, the libvirt daemon's for a `qemu+tls` connection) name the host it connects
#   to: the destination's `live_migration_inbound_addr`, else its host name (libvirt:
#   "Certificate ... owner does not match the hostname"; QEMU's tls-hostname). A certificate
#   without that name in its SANs (or CN) makes migrations to this host fail - and invites
#   `no_verify=1`.
# related_resources:
#   - ref: https://libvirt.org/kbase/tlscerts.html
#     description: "libvirt: TLS x509 certificate configuration"
#   - ref: https://www.qemu.org/docs/master/system/tls.html
#     description: "QEMU: TLS setup for network services"
# schemas:
#   - input: schema.host
# custom:
#   id: PKI-007
#   severity: medium
#   security_severity: 5.3
#   cwe: [297]
#   remediation: Re-issue the server certificate with the name (or IP address) peers use in its subjectAltName.
#   messages:
#     default: "{file} names {names}, not {target}, the address peers migrate to"
package migpolicy.checks.pki.certificate_names

import data.migpolicy.lib.pki
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", pki.at(entry.file), args) if {
	some entry in pki.misnamed
	args := {"file": entry.file.host_path, "names": concat(", ", entry.names), "target": entry.target}
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
