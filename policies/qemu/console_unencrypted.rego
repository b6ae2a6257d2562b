# METADATA
# title: Graphical consoles listen on the network without TLS
# description: |
#   With `vnc_listen` (or `spice_listen`) on a non-loopback address and no `vnc_tls` /
#   `spice_tls`, instance consoles - keystrokes, passwords typed into guests, screens -
#   travel in clear text over ports from 5900 up.
# related_resources:
#   - ref: https://libvirt.org/formatdomain.html#graphical-framebuffers
#     description: "libvirt: graphical framebuffers"
# schemas:
#   - input: schema.host
# custom:
#   id: QEMU-008
#   severity: medium
#   security_severity: 5.3
#   cwe: [319]
#   remediation: >-
#     Set `vnc_tls = 1` (and `spice_tls = 1`) with certificates, or listen on a loopback or management-only
#     address.
#   messages:
#     default: "{protocol}_listen = \"{address}\" without {protocol}_tls: consoles travel in clear text"
package migpolicy.checks.qemu.console_unencrypted

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", listen.location, args) if {
	some protocol in ["vnc", "spice"]
	listen := libvirt.qemu_option(concat("", [protocol, "_listen"]))
	listen.source == "file"
	not startswith(listen.value, "127.")
	listen.value != "::1"
	libvirt.qemu_option(concat("", [protocol, "_tls"])).value != 1
	args := {"protocol": protocol, "address": listen.value}
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
