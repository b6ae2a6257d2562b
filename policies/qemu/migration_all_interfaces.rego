# METADATA
# title: QEMU accepts incoming migrations on every interface
# description: |
#   Without `migration_address` the destination QEMU listens for migration streams on all
#   addresses (0.0.0.0 or ::) in the migration port range. OSSN-0007: since libvirt 1.1.4,
#   `migration_address` restricts the interfaces these ephemeral ports listen on.
# related_resources:
#   - ref: https://wiki.openstack.org/wiki/OSSN/OSSN-0007
#     description: "OSSN-0007: Live migration instructions recommend unsecured libvirt remote access"
# schemas:
#   - input: schema.host
# custom:
#   id: QEMU-006
#   severity: low
#   security_severity: 3.7
#   cwe: [1327]
#   remediation: Set `migration_address` in qemu.conf to the host's address on the migration network.
#   messages:
#     default: "migration_address is {value}: incoming migrations are accepted on every interface"
package migpolicy.checks.qemu.migration_all_interfaces

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", location, {"value": _shown(value)}) if {
	value := libvirt.qemu_option("migration_address").value
	value in {null, "0.0.0.0", "::", "[::]"}
	location := libvirt.qemu_where("migration_address")
}

_shown(null) := "not set"

_shown(value) := concat("", ["\"", value, "\""]) if value != null

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
