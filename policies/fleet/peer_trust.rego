# METADATA
# title: A peer's TLS handshake with this host fails
# description: |
#   Each end of a migration's TLS connections verifies the other's certificate against its
#   own CA file: the source's libvirtd the destination daemon's server certificate (against
#   /etc/pki/CA/cacert.pem), the destination daemon the source's client certificate (its
#   `ca_file`), and the same for QEMU's migration stream (`ca-cert.pem` in the migration
#   folder; the destination only with `migrate_tls_x509_verify`). A certificate is trusted
#   when the peer's CA file holds a certificate with its issuer's name whose key verifies its
#   signature: a CA regenerated under the same name is not the same CA. Where the peer
#   cannot verify it, every migration between the two fails ("The certificate hasn't got a
#   known issuer"), which invites turning verification off.
# related_resources:
#   - ref: https://libvirt.org/kbase/tlscerts.html
#     description: "libvirt: TLS x509 certificate configuration"
#   - ref: https://www.qemu.org/docs/master/system/tls.html
#     description: "QEMU: TLS setup for network services"
# schemas:
#   - input: schema.fleet
# custom:
#   id: FLEET-006
#   severity: medium
#   security_severity: 5.3
#   cwe: [295]
#   remediation: >-
#     Issue every host's certificates from the CA all hosts hold (or install that CA, with its
#     intermediates, in every host's CA file for the role).
#   messages:
#     rejected: >-
#       {peers} cannot verify {host}'s {role} certificate {file}: no CA certificate in their
#       CA file signed it (its issuer: {issuer}), so migrations between them fail
#     blind: >-
#       {host}'s {file} verifies none of its {count} peers' {role} certificates (issued by
#       {issuer}): its migrations fail
package migpolicy.fleet_checks.fleet.peer_trust

import data.migpolicy.lib.result

# Verifiers are grouped by what they trust (fleets deploy one CA file everywhere), so each
# certificate is compared once per distinct CA file rather than once per peer.

_role_names := {
	"libvirt-client": "libvirt client",
	"libvirt-server": "libvirt server",
	"qemu-client": "QEMU migration client",
	"qemu-server": "QEMU migration server",
}

_groups[[verifier.role, verifier.cas]] contains [host.root, host.name, verifier.file] if {
	some host in input.hosts
	some verifier in host.trust.verifies
}

_presenters[role] contains [host.root, presented] if {
	some host in input.hosts
	some presented in host.trust.presents
	role := presented.role
}

_trusts(cas, chain) if {
	some link in chain
	some ca in cas
	ca.subject == link.issuer
	ca.public_key_sha256 in link.signed_by
}

# Certainly rejected: no link is signed by a CA the file holds, and no link's issuer is a
# name the file holds that the presenter's host could not check the signature for.
_rejects(cas, chain) if {
	not _trusts(cas, chain)
	every link in chain {
		_decided(cas, link)
	}
}

_decided(_, link) if count(link.signed_by) > 0

_decided(cas, link) if {
	count(link.signed_by) == 0
	every ca in cas {
		ca.subject != link.issuer
	}
}

_rejected_by[group] := {root |
	some [root, presented] in _presenters[group[0]]
	_rejects(group[1], presented.chain)
} if {
	some group, _ in _groups
}

# A CA file that a minority of hosts share and that rejects the certificates of every other
# peer of a role (two or more) is what is wrong: reported there, and not counted against
# each certificate. Two halves of a fleet on two CAs are not that: each half's certificates
# are reported as rejected by the other half.
_blind contains [role, cas] if {
	some [role, cas], members in _groups
	holders := {root | some [root, _, _] in members}
	others := {root | some [root, _] in _presenters[role]} - holders
	count(others) >= 2
	count(holders) < count(others)
	others == _rejected_by[[role, cas]] & others
}

# The peers that reject a certificate: their number and the first three [name, CA file] by
# name, from the first four of each rejecting group (a host is in one group a role), so a
# fleet split in two costs a few entries a certificate, not a list of half the fleet.
_rejecters[[root, presented.file]] := {"count": total, "first": first} if {
	some role, presenters in _presenters
	some [root, presented] in presenters

	# Looked up first: a certificate every peer trusts (most of a fleet) costs one lookup.
	_rejected[[role, root]]
	groups := [group |
		some group, _ in _groups
		group[0] == role
		not _blind[group]
		_rejected_by[group][root]
	]
	total := sum([n |
		some group in groups
		n := count(_groups[group]) - _member(group, root)
	])
	first := array.slice(
		sort([[name, file] |
			some group in groups
			some [name, file, peer] in array.slice(_sorted_members[group], 0, 4)
			peer != root
		]),
		0, 3,
	)
}

# The [role, root] of every presenter some group that is not blind rejects.
_rejected contains [group[0], root] if {
	some group, roots in _rejected_by
	not _blind[group]
	some root in roots
}

_sorted_members[group] := sort([[name, file, root] | some [root, name, file] in members]) if {
	some group, members in _groups
}

_membership contains [group, root] if {
	some group, members in _groups
	some [root, _, _] in members
}

# Set lookups by key, not `in`: policy.wasm's `in` walks a set (measured: a fleet split in
# two took 90 s at 1,920 hosts).
_member(group, root) := 1 if _membership[[group, root]]

_member(group, root) := 0 if not _membership[[group, root]]

_at(file) := {"file": file, "line": 1, "column": 1}

_peer_list(rejecters) := concat(", ", [name | some [name, _] in rejecters.first]) if {
	rejecters.count <= 3
} else := concat("", [
	concat(", ", [name | some [name, _] in rejecters.first]),
	" and ", format_int(rejecters.count - 3, 10), " more",
])

deny contains result.fail_related(_chain, "rejected", _at(presented.file), args, related) if {
	some host in input.hosts
	some presented in host.trust.presents
	rejecters := _rejecters[[host.root, presented.file]]
	rejecters.count > 0
	related := [_at(file) | some [_, file] in rejecters.first]
	args := {
		"peers": _peer_list(rejecters), "host": host.name, "role": _role_names[presented.role],
		"file": presented.host_path, "issuer": presented.chain[0].issuer,
	}
}

deny contains result.fail_related(_chain, "blind", _at(verifier.file), args, related) if {
	some host in input.hosts
	some verifier in host.trust.verifies
	_blind[[verifier.role, verifier.cas]]
	ordered := _sorted_presenters[verifier.role]

	# The first few peers and their number, without walking every presenter for every host.
	peers := array.slice([p | some p in array.slice(ordered, 0, 4); p[0] != host.root], 0, 3)
	related := [_at(presented.file) | some [_, presented] in peers]
	args := {
		"host": host.name, "file": verifier.host_path, "count": count(ordered) - _own(verifier.role, host.root),
		"role": _role_names[verifier.role], "issuer": peers[0][1].chain[0].issuer,
	}
}

_sorted_presenters[role] := sort([[root, presented] | some [root, presented] in presenters]) if {
	some role, presenters in _presenters
}

_presenting contains [role, root] if {
	some role, presenters in _presenters
	some [root, _] in presenters
}

_own(role, root) := 1 if _presenting[[role, root]]

_own(role, root) := 0 if not _presenting[[role, root]]

# METADATA
# title: failures
# description: |
#   The hosts whose migrations fail a TLS handshake, by root, with the reason: a certificate
#   of theirs a peer cannot verify, or a CA file that verifies no peer's.
failures[root] := min(reasons) if {
	some root, reasons in _failure_reasons
}

_failure_reasons[host.root] contains reason if {
	some host in input.hosts
	some presented in host.trust.presents
	rejecters := _rejecters[[host.root, presented.file]]
	rejecters.count > 0
	reason := concat("", [
		_peer_list(rejecters), " cannot verify its ", _role_names[presented.role],
		" certificate (", presented.host_path, ")",
	])
}

_failure_reasons[host.root] contains reason if {
	some host in input.hosts
	some verifier in host.trust.verifies
	_blind[[verifier.role, verifier.cas]]
	reason := concat("", [verifier.host_path, " verifies no peer's ", _role_names[verifier.role], " certificate"])
}

# METADATA
# title: not_evaluated
# description: The hosts whose certificates the tree cannot show, though their migrations use TLS.
not_evaluated contains object.union(result.skip(_chain, reason), {"root": host.root}) if {
	count(input.hosts) > 1
	some host in input.hosts
	is_string(host.trust.not_collected)
	_uses_tls(host)
	reason := concat("", ["its peers' trust in its certificates cannot be checked: ", host.trust.not_collected])
}

_uses_tls(host) if host.transport.control == "tls"

_uses_tls(host) if host.transport.native_tls

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
