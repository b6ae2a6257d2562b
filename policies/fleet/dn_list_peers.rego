# METADATA
# title: A host's allowed DN list and its peers' certificates do not fit
# description: |
#   `tls_allowed_dn_list` should name exactly the compute hosts. A peer whose client
#   certificate matches no entry is refused, so its migrations to this host fail. An entry
#   that matches no compute host, or a wildcard on the common name, admits identities that
#   are not compute hosts: the over-broad trust the QEMU migration-identity thread warns about
#   ("any host with a valid cert gets allowed").
# related_resources:
#   - ref: https://libvirt.org/kbase/tlscerts.html
#     description: "libvirt: TLS x509 certificate configuration"
#   - ref: https://lists.gnu.org/archive/html/qemu-devel/2019-09/msg00370.html
#     description: "qemu-devel: UUID validation during migration"
# schemas:
#   - input: schema.fleet
# custom:
#   id: FLEET-002
#   severity: medium
#   security_severity: 5.3
#   cwe: [863]
#   remediation: List exactly the compute hosts' client certificate DNs in `tls_allowed_dn_list` on every host.
#   messages:
#     refused: "{host} refuses {count} compute host certificate(s), {peer}'s {dn} among them: no entry matches"
#     stranger: "{host} admits \"{pattern}\", which matches no compute host's client certificate"
#     wildcard: "{host} admits \"{pattern}\": a wildcard common name admits any certificate so named"
package migpolicy.fleet_checks.fleet.dn_list_peers

import data.migpolicy.lib.result

# Every list is compared with the fleet once per distinct list (fleets deploy one list
# everywhere), and exact entries are looked up in a set, so a fleet of n hosts costs about
# n lookups instead of n * n * entries glob matches.

_fleet_dns contains dn if {
	some peer in input.hosts
	some dn in peer.client_dns
}

_holders[dn] contains peer.name if {
	some peer in input.hosts
	some dn in peer.client_dns
}

_first_holder[dn] := min(names) if some dn, names in _holders

_lists contains host.allowed_dns.patterns if some host in input.hosts

_is_glob(pattern) if regex.match(`[*?\[\]{}\\]`, pattern)

_exact[patterns] := {pattern | some pattern in patterns; not _is_glob(pattern)} if some patterns in _lists

_globs[patterns] := [pattern | some pattern in patterns; _is_glob(pattern)] if some patterns in _lists

# A lookup by key: policy.wasm evaluates `dn in set` by walking the set.
_admits(patterns, dn) if _exact[patterns][dn]

_admits(patterns, dn) if {
	some pattern in _globs[patterns]
	glob.match(pattern, [], dn)
}

_refused[patterns] := {dn | some dn in _fleet_dns; not _admits(patterns, dn)} if some patterns in _lists

_strangers[patterns] := unknown_names | unmatched_globs if {
	some patterns in _lists
	unknown_names := {pattern | some pattern in _exact[patterns]; not _fleet_dns[pattern]}
	unmatched_globs := {pattern |
		some pattern in _globs[patterns]
		not contains(pattern, "*")
		every dn in _fleet_dns {
			not glob.match(pattern, [], dn)
		}
	}
}

# A DN matches no host's client certificate only if every host's certificates are known:
# a sosreport carries no /etc/pki, so its hosts' names are not evidence of absence.
_every_client_known if {
	every peer in input.hosts {
		count(peer.client_dns) > 0
	}
}

deny contains result.fail(_chain, "refused", host.allowed_dns.location, args) if {
	some host in input.hosts
	refused := _refused[host.allowed_dns.patterns] - {dn | some dn in host.client_dns}
	count(refused) > 0
	dn := min(refused)
	args := {"host": host.name, "count": count(refused), "peer": _first_holder[dn], "dn": dn}
}

deny contains result.fail(_chain, "stranger", host.allowed_dns.location, args) if {
	_every_client_known
	some host in input.hosts
	some pattern in _strangers[host.allowed_dns.patterns]
	args := {"host": host.name, "pattern": pattern}
}

deny contains result.fail(_chain, "wildcard", host.allowed_dns.location, args) if {
	some host in input.hosts
	some pattern in host.allowed_dns.patterns
	regex.match(`CN=[^,]*\*`, pattern)
	args := {"host": host.name, "pattern": pattern}
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
