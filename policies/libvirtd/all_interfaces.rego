# METADATA
# title: libvirtd listens on every network interface
# description: |
#   With no `listen_addr` (or a socket unit whose ListenStream= is a bare port) the libvirt
#   API listens on every interface, including networks that have no business reaching the
#   hypervisor. OSSN-0007: "the libvirt daemon only needs to listen for remote TCP
#   connections on the interface that is used for this communication".
# related_resources:
#   - ref: https://wiki.openstack.org/wiki/OSSN/OSSN-0007
#     description: "OSSN-0007: Live migration instructions recommend unsecured libvirt remote access"
# schemas:
#   - input: schema.host
# custom:
#   id: LV-008
#   severity: medium
#   security_severity: 5.3
#   cwe: [1327]
#   remediation: |
#     Set `listen_addr` to the migration network's address (traditional mode), or
#     `ListenStream=<address>:<port>` in a drop-in of the socket unit (socket activation).
#   messages:
#     default: "{daemon} listens for {transport} on port {port} on every interface"
package migpolicy.checks.libvirtd.all_interfaces

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

_wildcards := {null, "", "0.0.0.0", "::", "[::]", "*"}

deny contains result.fail_related(_chain, "default", location, args, listener.locations) if {
	some listener in libvirt.listeners
	listener.activation == "traditional"
	libvirt.daemon_option(listener.daemon, "listen_addr").value in _wildcards
	location := libvirt.where(listener.daemon, "listen_addr")
	args := {"daemon": listener.daemon, "transport": listener.transport, "port": listener.port}
}

deny contains result.fail(_chain, "default", listener.locations[0], args) if {
	some listener in libvirt.listeners
	listener.activation == "socket"
	unit := concat("", [listener.daemon, "-", listener.transport, ".socket"])
	some stream in object.get(input.daemon.units[unit], "listen", [listener.port])
	_wildcard_stream(stream)
	args := {"daemon": listener.daemon, "transport": listener.transport, "port": listener.port}
}

# A bare port number. Not a regex: policy.wasm compiles a regex again on every evaluation.
_wildcard_stream(stream) if {
	stream != ""
	trim_left(stream, "0123456789") == ""
}

_wildcard_stream(stream) if startswith(stream, "0.0.0.0:")

_wildcard_stream(stream) if startswith(stream, "[::]:")

not_evaluated contains result.skip(_chain, libvirt.listeners_unknown)

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
