# METADATA
# title: libvirtd's TCP listener relies on a SASL mechanism that does not encrypt
# description: |
#   On the plain TCP listener (port 16509) only SASL can protect the connection, and libvirt
#   says "only the GSSAPI plugin is considered acceptably secure"; DIGEST-MD5 and SCRAM-SHA-1
#   are "strongly discouraged", and others (PLAIN, SCRAM-SHA-256 on TCP) give no session
#   encryption at all. Kolla-Ansible's default without TLS is DIGEST-MD5. Without a mech_list
#   Cyrus offers every installed plugin.
# related_resources:
#   - ref: https://libvirt.org/auth.html
#     description: "libvirt: connection authentication (SASL)"
# schemas:
#   - input: schema.host
# custom:
#   id: LV-002
#   severity: high
#   security_severity: 7.4
#   cwe: [327, 319]
#   remediation: |
#     Stop listening on plain TCP and use TLS (listen_tls, client certificates); if TCP must
#     stay, set `mech_list: gssapi` in /etc/sasl2/libvirt.conf with a Kerberos keytab.
#   messages:
#     weak: "{daemon} accepts TCP on port {port} with SASL mechanisms {mechanisms}: only GSSAPI encrypts"
#     unset: "{daemon} accepts TCP on port {port} with SASL but no mech_list: every installed mechanism is offered"
package migpolicy.checks.libvirtd.sasl_weak

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

deny contains result.fail_related(_chain, "weak", input.sasl.location, args, listener.locations) if {
	some listener in libvirt.listeners
	listener.transport == "tcp"
	libvirt.daemon_option(listener.daemon, "auth_tcp").value == "sasl"
	some mechanism in input.sasl.mechanisms
	mechanism != "gssapi"
	args := {"daemon": listener.daemon, "port": listener.port, "mechanisms": concat(", ", input.sasl.mechanisms)}
}

deny contains result.fail_related(_chain, "unset", location, args, listener.locations) if {
	is_null(input.sasl.mechanisms)
	some listener in libvirt.listeners
	listener.transport == "tcp"
	auth := libvirt.daemon_option(listener.daemon, "auth_tcp")
	auth.value == "sasl"
	location := object.get(auth, "location", listener.locations[0])
	args := {"daemon": listener.daemon, "port": listener.port}
}

not_evaluated contains result.skip(_chain, libvirt.listeners_unknown)

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
