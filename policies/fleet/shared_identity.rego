# METADATA
# title: Two hosts share a key or a certificate
# description: |
#   A certificate identifies one host. When two hosts hold the same key (or the same issuer
#   and serial), each can pose as the other, a DN allow list cannot tell them apart, and one
#   host's compromise is both hosts'. It usually means a certificate was copied instead of
#   issued.
# related_resources:
#   - ref: https://libvirt.org/kbase/tlscerts.html
#     description: "libvirt: TLS x509 certificate configuration"
# schemas:
#   - input: schema.fleet
# custom:
#   id: FLEET-003
#   severity: high
#   security_severity: 7.4
#   cwe: [323]
#   remediation: Issue each host its own key and certificate.
#   messages:
#     key: "{host}'s {file} has the same key as {peer}'s {peer_file}"
#     serial: "{host}'s {file} has the same issuer and serial as {peer}'s {peer_file}"
package migpolicy.fleet_checks.fleet.shared_identity

import data.migpolicy.lib.result

_pairs contains [host, mine, peer, theirs] if {
	some host in input.hosts
	some peer in input.hosts
	host.name < peer.name
	some mine in host.certificates
	some theirs in peer.certificates
}

deny contains result.fail_related(rego.metadata.chain(), "key", location, args, related) if {
	some [host, mine, peer, theirs] in _pairs
	mine.public_key_sha256 == theirs.public_key_sha256
	location := {"file": mine.file, "line": 1, "column": 1}
	related := [{"file": theirs.file, "line": 1, "column": 1}]
	args := {"host": host.name, "file": mine.file, "peer": peer.name, "peer_file": theirs.file}
}

deny contains result.fail_related(rego.metadata.chain(), "serial", location, args, related) if {
	some [host, mine, peer, theirs] in _pairs
	mine.public_key_sha256 != theirs.public_key_sha256
	mine.issuer == theirs.issuer
	mine.serial == theirs.serial
	location := {"file": mine.file, "line": 1, "column": 1}
	related := [{"file": theirs.file, "line": 1, "column": 1}]
	args := {"host": host.name, "file": mine.file, "peer": peer.name, "peer_file": theirs.file}
}
