# METADATA
# title: A certificate has expired or is not valid yet
# description: |
#   libvirt and QEMU reject certificates outside their validity period ("has expired", "is
#   not yet active"): migrations and remote connections fail, and the quick fix operators
#   reach for is turning verification off.
# related_resources:
#   - ref: https://libvirt.org/kbase/tlscerts.html
#     description: "libvirt: TLS x509 certificate configuration"
# schemas:
#   - input: schema.host
# custom:
#   id: PKI-005
#   severity: medium
#   security_severity: 5.3
#   cwe: [298]
#   remediation: Renew the certificate (and automate renewal, e.g. with certmonger).
#   messages:
#     expired: "{file}: certificate {subject} expired {days} days ago"
#     not_yet: "{file}: certificate {subject} is not valid for another {days} days"
package migpolicy.checks.pki.certificate_validity

import data.migpolicy.lib.pki
import data.migpolicy.lib.result

deny contains result.fail(_chain, "expired", pki.at(entry.file), args) if {
	some entry in pki.certificates
	entry.certificate.not_after < input.scan_time
	days := floor((input.scan_time - entry.certificate.not_after) / 86400)
	args := {"file": entry.file.host_path, "subject": entry.certificate.subject, "days": days}
}

deny contains result.fail(_chain, "not_yet", pki.at(entry.file), args) if {
	some entry in pki.certificates
	entry.certificate.not_before > input.scan_time
	days := ceil((entry.certificate.not_before - input.scan_time) / 86400)
	args := {"file": entry.file.host_path, "subject": entry.certificate.subject, "days": days}
}

not_evaluated contains result.skip(_chain, pki.uncollected)

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
