# METADATA
# title: Tunnelled live migration is deprecated and leaves disks in clear
# description: |
#   `live_migration_tunnelled` is deprecated for removal since nova 23.0.0 (Wallaby). It
#   sends memory through the libvirtd connection, which costs CPU and memory bandwidth, and
#   it cannot carry the disks of a block migration, which then travel in clear. The Nova
#   guide recommends QEMU-native TLS instead.
# related_resources:
#   - ref: https://docs.openstack.org/nova/latest/admin/secure-live-migration-with-qemu-native-tls.html
#     description: "Nova: Secure live migration with QEMU-native TLS"
# schemas:
#   - input: schema.host
# custom:
#   id: NOVA-010
#   severity: low
#   security_severity: 3.1
#   cwe: [477]
#   remediation: |
#     Replace `live_migration_tunnelled = true` with `live_migration_with_native_tls = true`
#     and `live_migration_scheme = tls`.
#   messages:
#     default: live_migration_tunnelled is deprecated since nova 23.0.0 (this host runs {version})
package migpolicy.checks.nova.tunnelled_deprecated

import data.migpolicy.lib.nova
import data.migpolicy.lib.result
import data.migpolicy.lib.versions

deny contains result.fail(_chain, "default", location, {"version": input.versions.nova.version}) if {
	nova.tunnelled
	versions.at_least(versions.nova, [23, 0, 0])
	location := nova.option("libvirt", "live_migration_tunnelled").location
}

not_evaluated contains result.skip(_chain, reason) if {
	nova.tunnelled
	reason := versions.unknown_reason("nova")
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
