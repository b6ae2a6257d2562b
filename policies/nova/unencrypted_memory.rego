# METADATA
# title: Instance memory and device state migrate unencrypted
# description: |
#   QEMU sends an instance's RAM and device state straight to the destination QEMU on a port
#   in 49152-49215. That stream is encrypted only by QEMU-native TLS
#   (`[libvirt] live_migration_with_native_tls = true`) or by tunnelling it through an
#   encrypted libvirtd connection (`live_migration_tunnelled = true` with a tls or ssh
#   transport). With neither, anyone on the migration network can read guest memory,
#   including keys and passwords held in it, and can tamper with it. nova's defaults, and
#   Kolla-Ansible's and the charms' templates, leave both off.
# related_resources:
#   - ref: https://docs.openstack.org/nova/latest/admin/secure-live-migration-with-qemu-native-tls.html
#     description: "Nova: Secure live migration with QEMU-native TLS"
#   - ref: https://wiki.openstack.org/wiki/OSSN/OSSN-0007
#     description: "OSSN-0007: Live migration instructions recommend unsecured libvirt remote access"
# schemas:
#   - input: schema.host
# custom:
#   id: NOVA-003
#   severity: high
#   security_severity: 7.5
#   cwe: [319]
#   remediation: |
#     Set `live_migration_with_native_tls = true` and `live_migration_scheme = tls` in the
#     `[libvirt]` section of nova.conf, with QEMU certificates in /etc/pki/qemu and
#     `default_tls_x509_verify = 1` in qemu.conf on every compute host.
#   messages:
#     neither: >-
#       neither live_migration_with_native_tls nor live_migration_tunnelled is enabled:
#       instance memory and device state cross the network in clear text
#     tunnelled_clear: >-
#       live_migration_tunnelled is true but the libvirt transport is "{transport}", which does
#       not encrypt: instance memory and device state cross the network in clear text
package migpolicy.checks.nova.unencrypted_memory

import data.migpolicy.lib.nova
import data.migpolicy.lib.result

deny contains result.fail(_chain, "neither", location, {}) if {
	not nova.native_tls
	not nova.tunnelled
	location := nova.where("libvirt", "live_migration_with_native_tls")
}

deny contains result.fail(_chain, "tunnelled_clear", location, args) if {
	not nova.native_tls
	nova.tunnelled
	not nova.control_transport in nova.encrypted_transports
	location := nova.option("libvirt", "live_migration_tunnelled").location
	args := {"transport": nova.control_transport}
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
