# METADATA
# title: A console password is set in qemu.conf
# description: |
#   `vnc_password` and `spice_password` in qemu.conf are one shared, clear-text password for
#   every instance's console on the host (VNC uses only its first 8 characters). Anyone who
#   reads the file - or a support bundle of it - can open every console.
# related_resources:
#   - ref: https://libvirt.org/kbase/secureusage.html
#     description: "libvirt: secure usage"
# schemas:
#   - input: schema.host
# custom:
#   id: QEMU-009
#   severity: low
#   security_severity: 3.7
#   cwe: [260]
#   remediation: >-
#     Remove the shared password; protect consoles with TLS and per-instance access through nova's console
#     proxies.
#   messages:
#     default: "{option} is set in qemu.conf: one clear-text password for every console"
package migpolicy.checks.qemu.console_password

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", setting.location, {"option": option}) if {
	some option in ["vnc_password", "spice_password"]
	setting := libvirt.qemu_option(option)
	setting.source == "file"
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
