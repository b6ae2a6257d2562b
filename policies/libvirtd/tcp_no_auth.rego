# METADATA
# title: libvirtd accepts TCP connections without authentication
# description: |
#   With `auth_tcp = "none"` and a TCP listener (`--listen` with `listen_tcp = 1`, or the
#   libvirtd-tcp.socket / virtproxyd-tcp.socket unit enabled), libvirtd or virtproxyd accepts
#   connections on TCP port 16509 from anyone who can reach it, unauthenticated and
#   unencrypted, and gives them the full libvirt API: control of every instance on the
#   hypervisor, which is root on the host in all but name. OSSN-0007 reports that the
#   OpenStack instructions for live migration recommended exactly this configuration.
# related_resources:
#   - ref: https://wiki.openstack.org/wiki/OSSN/OSSN-0007
#     description: "OSSN-0007: Live migration instructions recommend unsecured libvirt remote access"
#   - ref: https://libvirt.org/remote.html
#     description: "libvirt: remote support"
#   - ref: https://libvirt.org/auth.html
#     description: "libvirt: connection authentication"
# schemas:
#   - input: schema.host
# custom:
#   id: LV-001
#   severity: critical
#   security_severity: 9.8
#   cwe: [306]
#   remediation: |
#     Stop listening on plain TCP: set `listen_tcp = 0` and `listen_tls = 1` in libvirtd.conf
#     and use TLS with client certificates (`auth_tls = "none"` plus `tls_allowed_dn_list`),
#     or at the very least require SASL with GSSAPI (`auth_tcp = "sasl"`).
#   messages:
#     default: >-
#       {daemon} listens on TCP port {port} with auth_tcp = "none": anyone who reaches the
#       port controls the hypervisor (OSSN-0007)
package migpolicy.checks.libvirtd.tcp_no_auth

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

deny contains result.fail_fixed(_chain, "default", auth.location, args, listener.locations, fix) if {
	some listener in libvirt.listeners
	listener.transport == "tcp"
	auth := libvirt.daemon_option(listener.daemon, "auth_tcp")
	auth.value == "none"
	args := {"daemon": listener.daemon, "port": listener.port}
	fix := _fix(listener)
}

# SASL alone would leave a plain-TCP port whose mechanisms rarely encrypt (LV-002, LV-003):
# the fix closes the port; migrations go over TLS (NOVA-001's fix).
_fix(listener) := libvirt.set_to(listener.daemon, "listen_tcp", "listen_tcp = 0", _close) if {
	listener.activation == "traditional"
} else := result.command(_close, concat("", ["systemctl disable --now ", listener.daemon, "-tcp.socket"]))

not_evaluated contains result.skip(_chain, unknown.reason) if {
	some unknown in libvirt.not_collected
}

not_evaluated contains result.skip(_chain, libvirt.listeners_unknown)

_close := "Stop listening on plain TCP; migrate over TLS instead"

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
