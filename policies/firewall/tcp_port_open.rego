# METADATA
# title: libvirt's plain TCP port is open to every source
# description: |
#   The host firewall accepts connections to libvirtd's TCP port from anywhere while a TCP
#   listener runs there. Whatever authentication libvirtd does, the plaintext-capable API is
#   reachable from every network; OSSN-0007 asks for access from the compute hosts only.
# related_resources:
#   - ref: https://wiki.openstack.org/wiki/OSSN/OSSN-0007
#     description: "OSSN-0007: Live migration instructions recommend unsecured libvirt remote access"
# schemas:
#   - input: schema.host
# custom:
#   id: FW-002
#   severity: high
#   security_severity: 7.5
#   cwe: [284]
#   remediation: >-
#     Close the TCP port, or allow it only from the compute hosts' addresses (a firewalld zone with their
#     sources).
#   messages:
#     default: "{service} accepts TCP port {port} from any source while {daemon} listens on it"
package migpolicy.checks.firewall.tcp_port_open

import data.migpolicy.lib.firewall
import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

deny contains result.fail_related(_chain, "default", location, args, listener.locations) if {
	input.firewall.service != "none"
	some listener in libvirt.listeners
	listener.transport == "tcp"
	exposure := firewall.exposure(listener.port)
	exposure.status == "open-to-all"
	location := exposure.locations[0]
	args := {"service": input.firewall.service, "port": listener.port, "daemon": listener.daemon}
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
