# METADATA
# title: Any local user can drive libvirtd through its socket
# description: |
#   With `auth_unix_rw = "none"` the read-write UNIX socket authenticates nobody, and with
#   `unix_sock_rw_perms` writable by others (such as "0777" or "0666") every local account -
#   a compromised service, a tenant's agent - can control every instance and start
#   migrations. libvirt's template calls disabling polkit with such modes "an insecure
#   configuration". Under socket activation the socket unit's `SocketMode=` decides the mode
#   (Debian 12's libvirtd.socket ships 0666) and `unix_sock_rw_perms` is ignored.
# related_resources:
#   - ref: https://libvirt.org/auth.html
#     description: "libvirt: connection authentication (UNIX sockets)"
# schemas:
#   - input: schema.host
# custom:
#   id: LV-013
#   severity: high
#   security_severity: 7.8
#   cwe: [732]
#   remediation: Set `unix_sock_rw_perms = "0770"` with a dedicated `unix_sock_group`, or keep polkit authentication.
#   messages:
#     default: "{daemon}'s read-write socket has mode {perms} and auth_unix_rw = \"none\""
package migpolicy.checks.libvirtd.unix_socket_open

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", mode.location, args) if {
	some daemon in ["libvirtd", "virtproxyd"]
	libvirt.daemon_option(daemon, "auth_unix_rw").value == "none"
	mode := _rw_mode(daemon)
	digits := split(mode.value, "")
	digits[count(digits) - 1] in {"2", "3", "6", "7"}
	args := {"daemon": daemon, "perms": mode.value}
}

# The read-write socket's mode: under socket activation the unit's SocketMode= (systemd's
# default 0666; unix_sock_rw_perms is ignored, libvirt 9 measured), else unix_sock_rw_perms.
_rw_mode(daemon) := {"value": unit.socket_mode, "location": unit.socket_mode_location} if {
	libvirt.socket_activated(daemon)
	unit := input.daemon.units[concat("", [daemon, ".socket"])]
	is_string(unit.socket_mode)
} else := {"value": "0666", "location": unit.location} if {
	libvirt.socket_activated(daemon)
	unit := input.daemon.units[concat("", [daemon, ".socket"])]
} else := {"value": perms.value, "location": perms.location} if {
	not libvirt.socket_activated(daemon)
	perms := libvirt.daemon_option(daemon, "unix_sock_rw_perms")
	is_string(perms.value)
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
