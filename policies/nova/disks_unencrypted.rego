# METADATA
# title: Disks of a block migration travel unencrypted
# description: |
#   When instances use local disks, a live migration copies them to the destination over
#   NBD on QEMU's migration ports. Only QEMU-native TLS (`live_migration_with_native_tls`)
#   encrypts that stream; tunnelling through libvirtd does not cover it ("it cannot handle
#   live migration of disks in a non-shared storage setup", Nova guide). Without native
#   TLS, every block migration sends the guest's disk contents in clear text.
# related_resources:
#   - ref: https://docs.openstack.org/nova/latest/admin/secure-live-migration-with-qemu-native-tls.html
#     description: "Nova: Secure live migration with QEMU-native TLS (Context)"
# schemas:
#   - input: schema.host
# custom:
#   id: NOVA-004
#   severity: high
#   security_severity: 7.5
#   cwe: [319]
#   remediation: |
#     Set `live_migration_with_native_tls = true` and `live_migration_scheme = tls` in
#     `[libvirt]`, with QEMU certificates in /etc/pki/qemu, instead of relying on tunnelling.
#   messages:
#     default: >-
#       live_migration_with_native_tls is not enabled: disks copied by a block migration
#       cross the network in clear text
package migpolicy.checks.nova.disks_unencrypted

import data.migpolicy.lib.nova
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", location, {}) if {
	nova.kvm
	not nova.native_tls
	location := nova.where("libvirt", "live_migration_with_native_tls")
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
