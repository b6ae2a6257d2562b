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
#     default: "{host} is also the name of the host in {other}"
package migpolicy.fleet_checks.fleet.duplicate_names

import data.migpolicy.lib.result

_roots[host.name] contains host.root if some host in input.hosts

deny contains result.fail(rego.metadata.chain(), "default", host.name_location, args) if {
	some host in input.hosts
	some other in _roots[host.name]
	other != host.root
	args := {"host": host.name, "other": other}
}
