# METADATA
# title: No host firewall protects the migration ports
# description: |
#   No firewall service (firewalld, iptables, nftables) is enabled, so libvirt's ports and
#   QEMU's migration ports accept connections from every network that reaches the host. The
#   first Nova guide even suggests `systemctl stop firewalld` when migrations fail; OSSN-0007
#   recommends letting only the compute hosts reach these ports.
# related_resources:
#   - ref: https://wiki.openstack.org/wiki/OSSN/OSSN-0007
#     description: "OSSN-0007: Live migration instructions recommend unsecured libvirt remote access"
#   - ref: https://docs.openstack.org/nova/latest/admin/secure-live-migration-with-qemu-native-tls.html
#     description: "Nova: Secure live migration with QEMU-native TLS"
# schemas:
#   - input: schema.host
# custom:
#   id: FW-001
#   severity: medium
#   security_severity: 6.5
#   cwe: [284]
#   remediation: Enable a host firewall that allows 16514 and the migration port range only from the compute hosts.
#   messages:
#     default: "no firewall service is enabled while {daemon} listens on {transport} port {port}"
package migpolicy.checks.firewall.no_firewall

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", listener.locations[0], args) if {
	input.firewall.service == "none"
	some listener in libvirt.listeners
	count(listener.locations) > 0
	args := {"daemon": listener.daemon, "transport": listener.transport, "port": listener.port}
}

not_evaluated contains result.skip(_chain, input.firewall.reason) if input.firewall.service == "unknown"

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
