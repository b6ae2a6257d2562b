# METADATA
# title: migration_address or migration_host is a loopback address
# description: |
#   libvirt refuses a `migration_address` or `migration_host` that is the local machine
#   ("must not be the address of the local machine"): migrations to this host fail.
# related_resources:
#   - ref: https://libvirt.org/kbase/migration.html
#     description: "libvirt: guest migration"
# schemas:
#   - input: schema.host
# custom:
#   id: QEMU-007
#   severity: low
#   security_severity: 2.0
#   cwe: [20]
#   remediation: Use the host's address (or name) on the migration network.
#   messages:
#     default: "{option} = \"{value}\" is the local machine: libvirt rejects it"
package migpolicy.checks.qemu.migration_localhost

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", setting.location, args) if {
	some option in ["migration_address", "migration_host"]
	setting := libvirt.qemu_option(option)
	is_string(setting.value)
	_loopback(setting.value)
	args := {"option": option, "value": setting.value}
}

_loopback(value) if value in {"localhost", "::1", "localhost.localdomain"}

_loopback(value) if startswith(value, "127.")

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
