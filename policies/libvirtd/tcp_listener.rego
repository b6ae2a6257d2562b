# METADATA
# title: libvirtd listens on plain TCP
# description: |
#   A TCP listener (port 16509) can carry the libvirt API and tunnelled migrations without
#   TLS; libvirt's documentation says it should not be used except for debugging. Even with
#   SASL it exposes a plaintext-capable, root-equivalent API port; TLS on 16514 with client
#   certificates is the supported way for compute hosts to reach each other.
# related_resources:
#   - ref: https://libvirt.org/daemons.html
#     description: "libvirt: daemons and their sockets"
#   - ref: https://wiki.openstack.org/wiki/OSSN/OSSN-0007
#     description: "OSSN-0007: Live migration instructions recommend unsecured libvirt remote access"
# schemas:
#   - input: schema.host
# custom:
#   id: LV-003
#   severity: medium
#   security_severity: 5.9
#   cwe: [319]
#   remediation: |
#     Set `listen_tcp = 0` (or disable libvirtd-tcp.socket / virtproxyd-tcp.socket) and use the
#     TLS listener with `live_migration_scheme = tls`.
#   messages:
#     default: "{daemon} listens on TCP port {port} ({activation} mode)"
package migpolicy.checks.libvirtd.tcp_listener

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", listener.locations[0], args) if {
	some listener in libvirt.listeners
	listener.transport == "tcp"
	libvirt.daemon_option(listener.daemon, "auth_tcp").value != "none"
	args := {"daemon": listener.daemon, "port": listener.port, "activation": listener.activation}
}

not_evaluated contains result.skip(_chain, libvirt.listeners_unknown)

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
