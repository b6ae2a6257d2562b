# METADATA
# title: A TLS certificate folder named in qemu.conf does not exist
# description: |
#   libvirt checks at start-up that an explicitly set `default_tls_x509_cert_dir` or
#   `migrate_tls_x509_cert_dir` exists ("... directory '...' does not exist") and the QEMU
#   driver refuses to load, so no instance on the host can be started or migrated.
# related_resources:
#   - ref: https://libvirt.org/kbase/tlscerts.html
#     description: "libvirt: TLS x509 certificate configuration"
# schemas:
#   - input: schema.host
# custom:
#   id: QEMU-004
#   severity: medium
#   security_severity: 4.3
#   cwe: [20]
#   remediation: Create the folder with the certificates, or correct the path.
#   messages:
#     default: "{option} = \"{dir}\" does not exist: the QEMU driver refuses to start"
package migpolicy.checks.qemu.cert_dir_missing

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.pki
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", setting.location, args) if {
	not pki.uncollected
	some option in ["default_tls_x509_cert_dir", "migrate_tls_x509_cert_dir"]
	setting := libvirt.qemu_option(option)
	setting.source == "file"
	some dir in input.pki.dirs
	dir.host_path == setting.value
	dir.path != null
	not dir.exists
	args := {"option": option, "dir": setting.value}
}

not_evaluated contains result.skip(_chain, pki.uncollected)

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
