# METADATA
# title: nova puts instance consoles on the network without VeNCrypt
# description: |
#   nova writes `[vnc] server_listen` into each instance's definition, overriding qemu.conf.
#   On an address other than loopback and with `auth_schemes` lacking `vencrypt`, the VNC
#   console of every instance - keystrokes and screens - crosses the network in clear text
#   between the compute host and the console proxy. The older names count where nova reads
#   them: `[DEFAULT] vnc_enabled`, and `vncserver_listen` (in `[DEFAULT]` or `[vnc]`) before
#   nova 25.0.0.
# related_resources:
#   - ref: https://docs.openstack.org/nova/latest/admin/remote-console-access.html
#     description: "nova: remote console access (VeNCrypt)"
# schemas:
#   - input: schema.host
# custom:
#   id: NOVA-021
#   severity: medium
#   security_severity: 5.3
#   cwe: [319]
#   remediation: >-
#     Set `[vnc] auth_schemes = vencrypt` with `vencrypt_client_key`, `vencrypt_client_cert` and `vencrypt_ca_certs`,
#     and `vnc_tls = 1` in qemu.conf.
#   messages:
#     default: "{option} = {address} without VeNCrypt: consoles cross the network in clear text"
package migpolicy.checks.nova.vnc_unencrypted

import data.migpolicy.lib.nova
import data.migpolicy.lib.result
import data.migpolicy.lib.versions

deny contains result.fail(_chain, "default", listen.location, args) if {
	_effective("enabled").value == true
	listen := _effective("server_listen")
	listen.location
	not startswith(listen.value, "127.")
	listen.value != "::1"
	not contains(lower(nova.option("vnc", "auth_schemes").value), "vencrypt")
	args := {"option": listen.name, "address": listen.value}
}

# The value nova reads: an older name's where it wins and the release honours it.
_effective(name) := {"value": old.value, "location": old.location, "name": old.name} if {
	old := nova.option("vnc", name).deprecated
	_honoured(old)
} else := {"value": option.value, "location": option.location, "name": concat("", ["[vnc] ", name])} if {
	option := nova.option("vnc", name)
	option.source == "file"
} else := {"value": nova.option("vnc", name).value, "name": concat("", ["[vnc] ", name])}

_honoured(old) if is_null(old.removed_in)

_honoured(old) if versions.below(versions.nova, old.removed_in)

not_evaluated contains result.skip(_chain, reason) if {
	some name in ["enabled", "server_listen"]
	old := nova.option("vnc", name).deprecated
	is_array(old.removed_in)
	not versions.nova
	reason := concat("", [
		old.name, " is read by nova before ", concat(".", [format_int(n, 10) | some n in old.removed_in]),
		" only: ", versions.unknown_reason("nova"),
	])
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
