# METADATA
# title: Tunnelled migration and native TLS are both enabled
# description: |
#   nova refuses to start the libvirt driver when `live_migration_tunnelled` and
#   `live_migration_with_native_tls` are both true ("Setting both ... at the same time is
#   invalid", nova/virt/libvirt/driver.py), so nova-compute does not come up on this host.
#   The Nova guide warns that the combination is disallowed. Tunnelling is deprecated since
#   23.0.0 (Wallaby) and never protects block-migration disks; native TLS protects every stream.
# related_resources:
#   - ref: https://docs.openstack.org/nova/latest/admin/secure-live-migration-with-qemu-native-tls.html
#     description: "Nova: Secure live migration with QEMU-native TLS"
#   - ref: https://docs.openstack.org/nova/latest/configuration/config.html#libvirt.live_migration_tunnelled
#     description: "nova.conf: [libvirt] live_migration_tunnelled"
# schemas:
#   - input: schema.host
# custom:
#   id: NOVA-005
#   severity: medium
#   security_severity: 5.3
#   cwe: [670]
#   remediation: |
#     Remove `live_migration_tunnelled` (or set it to false) in `[libvirt]` and keep
#     `live_migration_with_native_tls = true` with `live_migration_scheme = tls`.
#   messages:
#     default: >-
#       live_migration_tunnelled and live_migration_with_native_tls are both true;
#       nova-compute refuses to start with this combination
package migpolicy.checks.nova.tunnelled_with_native_tls

import data.migpolicy.lib.nova
import data.migpolicy.lib.result

deny contains result.fail_fixed(_chain, "default", tunnelled.location, {}, [native.location], fix) if {
	nova.tunnelled
	nova.native_tls
	tunnelled := nova.option("libvirt", "live_migration_tunnelled")
	native := nova.option("libvirt", "live_migration_with_native_tls")
	fix := nova.set_to("libvirt", "live_migration_tunnelled", "live_migration_tunnelled = false", "Turn tunnelling off")
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
