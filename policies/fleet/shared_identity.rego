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

# Certificates are grouped by key and by issuer and serial; each host that shares one is
# reported once per certificate, against the group's first holder, so a fleet where every
# host holds a copy gives n findings, not n * n.

_by_key[cert.public_key_sha256] contains [host.name, cert.file] if {
	some host in input.hosts
	some cert in host.certificates
}

_by_serial[[cert.issuer, cert.serial]] contains [host.name, cert.file, cert.public_key_sha256] if {
	some host in input.hosts
	some cert in host.certificates
}

_first_by_key[key] := min(holders) if some key, holders in _by_key

_first_by_serial[serial] := min(holders) if some serial, holders in _by_serial

deny contains result.fail_related(_chain, "key", location, args, related) if {
	some host in input.hosts
	some mine in host.certificates
	[peer, peer_file] := _first_by_key[mine.public_key_sha256]
	peer != host.name
	location := {"file": mine.file, "line": 1, "column": 1}
	related := [{"file": peer_file, "line": 1, "column": 1}]
	args := {"host": host.name, "file": mine.file, "peer": peer, "peer_file": peer_file}
}

deny contains result.fail_related(_chain, "serial", location, args, related) if {
	some host in input.hosts
	some mine in host.certificates
	[peer, peer_file, peer_key] := _first_by_serial[[mine.issuer, mine.serial]]
	peer != host.name
	peer_key != mine.public_key_sha256
	location := {"file": mine.file, "line": 1, "column": 1}
	related := [{"file": peer_file, "line": 1, "column": 1}]
	args := {"host": host.name, "file": mine.file, "peer": peer, "peer_file": peer_file}
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
