# METADATA
# title: nova puts instance consoles on the network without VeNCrypt
# description: |
#   nova writes `[vnc] server_listen` into each instance's definition, overriding qemu.conf.
#   On an address other than loopback and with `auth_schemes` lacking `vencrypt`, the VNC
#   console of every instance - keystrokes and screens - crosses the network in clear text
#   between the compute host and the console proxy.
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
#     default: "[vnc] server_listen = {address} without VeNCrypt: consoles cross the network in clear text"
package migpolicy.checks.nova.vnc_unencrypted

import data.migpolicy.lib.nova
import data.migpolicy.lib.result

deny contains result.fail(rego.metadata.chain(), "default", listen.location, {"address": listen.value}) if {
	nova.option("vnc", "enabled").value == true
	listen := nova.option("vnc", "server_listen")
	listen.source == "file"
	not startswith(listen.value, "127.")
	listen.value != "::1"
	not contains(lower(nova.option("vnc", "auth_schemes").value), "vencrypt")
}
