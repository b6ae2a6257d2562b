# METADATA
# title: The firewall blocks QEMU's migration ports
# description: |
#   Incoming migrations connect to the destination QEMU on a port in `migration_port_min` to
#   `migration_port_max` (49152-49215 by default; TripleO uses 61152-61215). A firewall that
#   accepts none of them makes every live migration to this host fail ("No route to host"),
#   and the Nova guide's old advice was to stop the firewall.
# related_resources:
#   - ref: https://docs.openstack.org/nova/latest/admin/secure-live-migration-with-qemu-native-tls.html
#     description: "Nova: Secure live migration with QEMU-native TLS (firewall ports)"
# schemas:
#   - input: schema.host
# custom:
#   id: FW-004
#   severity: low
#   security_severity: 3.1
#   cwe: [284]
#   remediation: Allow the migration port range from the compute hosts (and keep the firewall running).
#   messages:
#     default: "{service} accepts none of QEMU's migration ports {from}-{to}: migrations to this host fail"
package migpolicy.checks.firewall.migration_ports_closed

import data.migpolicy.lib.firewall
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", input.firewall.location, args) if {
	range := firewall.migration_range
	range.status == "closed"
	args := {"service": input.firewall.service, "from": range.from, "to": range.to}
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
