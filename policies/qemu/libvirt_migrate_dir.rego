# METADATA
# title: /etc/pki/libvirt-migrate silently replaces the configured certificate folder
# description: |
#   When `migrate_tls_x509_cert_dir` is not set, libvirt uses /etc/pki/libvirt-migrate for
#   migration TLS whenever that folder exists, and only otherwise `default_tls_x509_cert_dir`
#   (virQEMUDriverConfigSetDefaults). A leftover folder overrides the certificates the
#   administrator configured and checked.
# related_resources:
#   - ref: https://libvirt.org/kbase/migration.html
#     description: "libvirt: guest migration"
# schemas:
#   - input: schema.host
# custom:
#   id: QEMU-003
#   severity: low
#   security_severity: 2.0
#   cwe: [436]
#   remediation: Remove /etc/pki/libvirt-migrate, or set `migrate_tls_x509_cert_dir` explicitly to the folder you mean.
#   messages:
#     default: "default_tls_x509_cert_dir is {default}, but migrations use /etc/pki/libvirt-migrate, which exists"
package migpolicy.checks.qemu.libvirt_migrate_dir

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", setting.location, {"default": setting.value}) if {
	input.pki.qemu.migrate_dir.source == "libvirt-migrate"
	setting := libvirt.qemu_option("default_tls_x509_cert_dir")
	setting.source == "file"
	setting.value != input.pki.qemu.migrate_dir.host_path
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
