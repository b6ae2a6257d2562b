# METADATA
# title: A certificate uses a weak key or signature
# description: |
#   RSA keys shorter than 2048 bits and signatures with SHA-1 or MD5 can be broken or forged
#   with affordable effort; GnuTLS flags such certificates as using an "insecure algorithm"
#   and current distributions refuse them. A forged host certificate lets an attacker pose as
#   a compute host.
# related_resources:
#   - ref: https://libvirt.org/kbase/tlscerts.html
#     description: "libvirt: TLS x509 certificate configuration"
# schemas:
#   - input: schema.host
# custom:
#   id: PKI-009
#   severity: medium
#   security_severity: 5.9
#   cwe: [326, 327]
#   remediation: >-
#     Re-issue the certificate with an RSA key of at least 2048 bits (or ECDSA P-256) and a SHA-256 signature.
#   messages:
#     key: "{file}: certificate {subject} has a {bits}-bit RSA key"
#     signature: "{file}: certificate {subject} is signed with {algorithm}"
package migpolicy.checks.pki.weak_crypto

import data.migpolicy.lib.pki
import data.migpolicy.lib.result

deny contains result.fail(_chain, "key", pki.at(entry.file), args) if {
	some entry in pki.certificates
	entry.certificate.key_type == "rsa"
	entry.certificate.key_bits < 2048
	args := {"file": entry.file.host_path, "subject": entry.certificate.subject, "bits": entry.certificate.key_bits}
}

deny contains result.fail(_chain, "signature", pki.at(entry.file), args) if {
	some entry in pki.certificates
	not entry.certificate.self_issued
	some weak in {"sha1", "md5"}
	contains(lower(entry.certificate.signature_algorithm), weak)
	args := {
		"file": entry.file.host_path, "subject": entry.certificate.subject,
		"algorithm": entry.certificate.signature_algorithm,
	}
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
