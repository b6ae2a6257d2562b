# METADATA
# title: The destination accepts migrations without TLS
# description: |
#   Native TLS is chosen by the source: a destination whose peers (or one misconfigured
#   source) migrate without VIR_MIGRATE_TLS still accepts the plain stream. Since libvirt
#   6.9, `migrate_tls_force = 1` in qemu.conf "will prevent any migration which is not using
#   VIR_MIGRATE_TLS", so one host's mistake cannot expose the instances moved to this one.
# related_resources:
#   - ref: https://libvirt.org/kbase/migration.html
#     description: "libvirt: guest migration"
# schemas:
#   - input: schema.host
# custom:
#   id: QEMU-005
#   severity: low
#   security_severity: 3.7
#   cwe: [319]
#   remediation: Set `migrate_tls_force = 1` in qemu.conf on every host that migrates with native TLS.
#   messages:
#     default: "native TLS is on but migrate_tls_force is not set: this host also accepts unencrypted migrations"
package migpolicy.checks.qemu.tls_not_forced

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.nova
import data.migpolicy.lib.result
import data.migpolicy.lib.versions

deny contains result.fail(_chain, "default", libvirt.qemu_where("migrate_tls_force"), {}) if {
	nova.native_tls
	libvirt.qemu_option("migrate_tls_force").value != 1
	versions.at_least(versions.libvirt, [6, 9, 0])
}

not_evaluated contains result.skip(_chain, reason) if {
	nova.native_tls
	libvirt.qemu_option("migrate_tls_force").value != 1
	reason := versions.unknown_reason("libvirt")
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
