# METADATA
# title: Any local user can drive libvirtd through its socket
# description: |
#   With `auth_unix_rw = "none"` the read-write UNIX socket authenticates nobody, and with
#   `unix_sock_rw_perms` writable by others (such as "0777" or "0666") every local account -
#   a compromised service, a tenant's agent - can control every instance and start
#   migrations. libvirt's template calls disabling polkit with such modes "an insecure
#   configuration".
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

deny contains result.fail(rego.metadata.chain(), "default", perms.location, args) if {
	some daemon in ["libvirtd", "virtproxyd"]
	libvirt.daemon_option(daemon, "auth_unix_rw").value == "none"
	perms := libvirt.daemon_option(daemon, "unix_sock_rw_perms")
	is_string(perms.value)
	digits := split(perms.value, "")
	digits[count(digits) - 1] in {"2", "3", "6", "7"}
	args := {"daemon": daemon, "perms": perms.value}
}
