# METADATA
# title: Two hosts have the same name
# description: |
#   nova uses the destination's host name for the migration URI (unless
#   `live_migration_inbound_addr` is set) and certificates name hosts. Two trees naming the
#   same host are either a copy scanned twice or two hosts that peers cannot tell apart.
# related_resources:
#   - ref: https://docs.openstack.org/nova/latest/configuration/config.html#DEFAULT.host
#     description: "nova.conf: [DEFAULT] host"
# schemas:
#   - input: schema.fleet
# custom:
#   id: FLEET-004
#   severity: medium
#   security_severity: 4.3
#   cwe: [694]
#   remediation: Give every compute host a unique name (etc/hostname, [DEFAULT] host).
#   messages:
#     default: "{count} hosts are named {host}: {roots}"
package migpolicy.fleet_checks.fleet.duplicate_names

import data.migpolicy.lib.result

_roots[host.name] contains host.root if some host in input.hosts

_name_location[host.root] := host.name_location if some host in input.hosts

# One finding a shared name, at the first of its hosts (by folder), the others related:
# a finding for every pair of 1,000 hosts under two names made a 406 MB SARIF log.
deny contains result.fail_related(_chain, "default", location, args, related) if {
	some name, roots in _roots
	count(roots) > 1
	ordered := sort(roots)
	location := object.get(_name_location, ordered[0], null)
	shown := array.slice(ordered, 0, 5)
	args := {"host": name, "count": count(ordered), "roots": _listed(shown, count(ordered) - count(shown))}
	related := [object.get(_name_location, root, null) | some root in array.slice(ordered, 1, count(ordered))]
}

_listed(shown, 0) := concat(", ", shown)

_listed(shown, more) := sprintf("%s and %d more", [concat(", ", shown), more]) if more > 0

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
