# METADATA
# title: nbd_tls is on but block migrations are still unencrypted
# description: |
#   `nbd_tls = 1` in qemu.conf turns on TLS for NBD disk devices that QEMU opens on remote
#   storage; it does not protect the NBD stream of a block migration, which follows nova's
#   `live_migration_with_native_tls`. TripleO sets both when `UseTLSTransportForNbd` is on;
#   with native TLS off, disks still cross the network in clear.
# related_resources:
#   - ref: https://libvirt.org/kbase/tlscerts.html
#     description: "libvirt: TLS x509 certificate configuration"
# schemas:
#   - input: schema.host
# custom:
#   id: QEMU-011
#   severity: info
#   security_severity: 0.5
#   cwe: [693]
#   remediation: Enable `live_migration_with_native_tls` in nova; `nbd_tls` alone does not cover migrations.
#   messages:
#     default: "nbd_tls = 1 does not encrypt block migrations; live_migration_with_native_tls is off"
package migpolicy.checks.qemu.nbd_tls_misread

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.nova
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", setting.location, {}) if {
	setting := libvirt.qemu_option("nbd_tls")
	setting.value == 1
	not nova.native_tls
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
