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
#     refused: "{host} refuses {peer}: its client certificate {dn} matches no entry of tls_allowed_dn_list"
#     stranger: "{host} admits \"{pattern}\", which matches no compute host's client certificate"
#     wildcard: "{host} admits \"{pattern}\": a wildcard common name admits any certificate so named"
package migpolicy.fleet_checks.fleet.dn_list_peers

import data.migpolicy.lib.result

_admits(patterns, dn) if {
	some pattern in patterns
	glob.match(pattern, [], dn)
}

deny contains result.fail(rego.metadata.chain(), "refused", host.allowed_dns.location, args) if {
	some host in input.hosts
	patterns := host.allowed_dns.patterns
	some peer in input.hosts
	peer.name != host.name
	some dn in peer.client_dns
	not _admits(patterns, dn)
	args := {"host": host.name, "peer": peer.name, "dn": dn}
}

deny contains result.fail(rego.metadata.chain(), "stranger", host.allowed_dns.location, args) if {
	some host in input.hosts
	some pattern in host.allowed_dns.patterns
	not contains(pattern, "*")
	every peer in input.hosts {
		every dn in peer.client_dns {
			not glob.match(pattern, [], dn)
		}
	}
	args := {"host": host.name, "pattern": pattern}
}

deny contains result.fail(rego.metadata.chain(), "wildcard", host.allowed_dns.location, args) if {
	some host in input.hosts
	some pattern in host.allowed_dns.patterns
	regex.match(`CN=[^,]*\*`, pattern)
	args := {"host": host.name, "pattern": pattern}
}
