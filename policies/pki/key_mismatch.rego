# METADATA
# title: A private key does not belong to its certificate
# description: |
#   A TLS endpoint presents its certificate and proves it with the private key beside it: a key
#   whose public half is not the certificate's fails at once. libvirtd 9 refuses to start
#   ("The certificate and the given key do not match"), so no TLS listener; QEMU cannot set up
#   its migration TLS credentials, so every migration with native TLS fails. Replaced or
#   re-issued certificates left with the old key are the usual cause.
# related_resources:
#   - ref: https://libvirt.org/kbase/tlscerts.html
#     description: "libvirt: TLS x509 certificate configuration"
#   - ref: https://www.qemu.org/docs/master/system/tls.html
#     description: "QEMU: TLS setup for network services"
# schemas:
#   - input: schema.host
# custom:
#   id: PKI-013
#   severity: high
#   security_severity: 7.5
#   cwe: [295]
#   remediation: >-
#     Install the key that was issued with the certificate, or issue a new certificate for the key
#     (and check it with `openssl x509 -noout -pubkey -in cert | cmp - <(openssl pkey -pubout -in key)`).
#   messages:
#     default: "{key} does not belong to {certificate}: {role} cannot complete a TLS handshake"
package migpolicy.checks.pki.key_mismatch

import data.migpolicy.lib.pki
import data.migpolicy.lib.result

deny contains result.fail_related(_chain, "default", pki.at(pair.key), args, related) if {
	some pair in pki.mismatched
	args := {"key": pair.key.host_path, "certificate": pair.certificate.host_path, "role": pair.role}
	related := [pki.at(pair.certificate)]
}

not_evaluated contains result.skip(_chain, pki.uncollected) if pki.uncollected

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
