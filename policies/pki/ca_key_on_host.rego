# METADATA
# title: The CA's private key is on a compute host
# description: |
#   Whoever can read the CA key can mint a certificate for any name and so impersonate every
#   compute host, to QEMU's migration stream and to libvirtd alike. QEMU: `ca-key.pem` "must
#   not be disclosed/copied anywhere except the host responsible for issuing certificates".
# related_resources:
#   - ref: https://www.qemu.org/docs/master/system/tls.html
#     description: "QEMU: TLS setup for network services"
#   - ref: https://libvirt.org/kbase/tlscerts.html
#     description: "libvirt: TLS x509 certificate configuration"
# schemas:
#   - input: schema.host
# custom:
#   id: PKI-004
#   severity: critical
#   security_severity: 9.1
#   cwe: [522, 321]
#   remediation: >-
#     Remove the CA key from the host (keep it offline on the issuing host) and consider re-issuing certificates.
#   messages:
#     default: "{file} is the private key of the CA {ca}"
package migpolicy.checks.pki.ca_key_on_host

import data.migpolicy.lib.pki
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", pki.at(key), {"file": key.host_path, "ca": ca.subject}) if {
	some key in pki.keys
	some path in key.matches
	some ca in pki.ca_certificates[path]
}

not_evaluated contains result.skip(_chain, pki.uncollected)

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
