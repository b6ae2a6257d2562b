# METADATA
# title: libvirt's TLS port or QEMU's migration ports are open to every source
# description: |
#   The host firewall accepts the TLS port (16514) or QEMU's migration port range
#   (49152-49215 by default) from anywhere. Certificates still protect these ports, but every
#   network that reaches them can probe the daemons, exhaust the migration ports, and - with
#   CA-wide trust - connect with any certificate the CA signed. OSSN-0007 and the Nova guide
#   open them to the compute hosts.
# related_resources:
#   - ref: https://wiki.openstack.org/wiki/OSSN/OSSN-0007
#     description: "OSSN-0007: Live migration instructions recommend unsecured libvirt remote access"
# schemas:
#   - input: schema.host
# custom:
#   id: FW-003
#   severity: medium
#   security_severity: 5.3
#   cwe: [284]
#   remediation: Allow these ports only from the compute hosts' migration network (firewalld zone sources, iptables -s).
#   messages:
#     tls: "{service} accepts libvirt's TLS port {port} from any source"
#     migration: "{service} accepts QEMU's migration ports {from}-{to} from any source"
package migpolicy.checks.firewall.ports_open

import data.migpolicy.lib.firewall
import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

deny contains result.fail(_chain, "tls", exposure.locations[0], args) if {
	input.firewall.service != "none"
	some listener in libvirt.listeners
	listener.transport == "tls"
	exposure := firewall.exposure(listener.port)
	exposure.status == "open-to-all"
	args := {"service": input.firewall.service, "port": listener.port}
}

deny contains result.fail(_chain, "migration", range.locations[0], args) if {
	input.firewall.service != "none"
	range := firewall.migration_range
	range.status == "open-to-all"
	args := {"service": input.firewall.service, "from": range.from, "to": range.to}
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
