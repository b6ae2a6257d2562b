# METADATA
# title: libvirtd skips the sanity checks of its own certificates
# description: |
#   `tls_no_sanity_certificate = 1` makes libvirtd load its certificates without checking
#   expiry, key usage and the CA chain ("disable sanity checks which is not a good idea"),
#   so a broken or expired identity is only noticed when peers reject it.
# related_resources:
#   - ref: https://libvirt.org/kbase/tlscerts.html
#     description: "libvirt: TLS x509 certificate configuration"
# schemas:
#   - input: schema.host
# custom:
#   id: LV-007
#   severity: low
#   security_severity: 3.1
#   cwe: [295]
#   remediation: Remove `tls_no_sanity_certificate` and fix what the checks report.
#   messages:
#     default: "{daemon} has tls_no_sanity_certificate = 1"
package migpolicy.checks.libvirtd.tls_no_sanity

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", setting.location, {"daemon": daemon}) if {
	some daemon in ["libvirtd", "virtproxyd"]
	setting := libvirt.daemon_option(daemon, "tls_no_sanity_certificate")
	setting.value == 1
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
