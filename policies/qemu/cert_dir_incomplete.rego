# METADATA
# title: QEMU's migration certificate folder lacks files native TLS needs
# description: |
#   With native TLS the destination QEMU is the TLS server of the migration stream and needs
#   `ca-cert.pem`, `server-cert.pem` and `server-key.pem`; the source, when peer
#   verification is on, presents `client-cert.pem` and `client-key.pem` (QEMU's TLS guide).
#   libvirt reads them from `migrate_tls_x509_cert_dir`, else /etc/pki/libvirt-migrate when it
#   exists, else `default_tls_x509_cert_dir`. A missing file makes migrations fail, which
#   pushes operators to turn TLS or verification off.
# related_resources:
#   - ref: https://www.qemu.org/docs/master/system/tls.html
#     description: "QEMU: TLS setup for network services"
#   - ref: https://docs.openstack.org/nova/latest/admin/secure-live-migration-with-qemu-native-tls.html
#     description: "Nova: Secure live migration with QEMU-native TLS"
# schemas:
#   - input: schema.host
# custom:
#   id: QEMU-002
#   severity: medium
#   security_severity: 5.3
#   cwe: [295]
#   remediation: >-
#     Install the host's certificate and key (and the CA certificate) into the folder under the names QEMU
#     expects.
#   messages:
#     missing: "native TLS is on but {dir} lacks {files}"
#     no_dir: "native TLS is on but QEMU's migration certificate folder {dir} does not exist"
package migpolicy.checks.qemu.cert_dir_incomplete

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.nova
import data.migpolicy.lib.pki
import data.migpolicy.lib.result

_needed := ["ca-cert.pem", "server-cert.pem", "server-key.pem"]

_client := ["client-cert.pem", "client-key.pem"]

_required := array.concat(_needed, _client) if libvirt.migrate_tls_verify == 1

_required := _needed if libvirt.migrate_tls_verify != 1

_dir := input.pki.qemu.migrate_dir

_location := libvirt.qemu_where("migrate_tls_x509_cert_dir") if {
	_dir.source == "explicit"
} else := libvirt.qemu_where("default_tls_x509_cert_dir")

deny contains result.fail(_chain, "missing", _location, args) if {
	nova.native_tls
	not pki.uncollected
	_dir.exists
	present := {_basename(file.host_path) | some file in pki.files_in(_dir.host_path)}
	missing := [name | some name in _required; not name in present]
	count(missing) > 0
	args := {"dir": _dir.host_path, "files": concat(", ", missing)}
}

deny contains result.fail(_chain, "no_dir", _location, {"dir": _dir.host_path}) if {
	nova.native_tls
	not pki.uncollected
	_dir.path != null
	not _dir.exists
}

not_evaluated contains result.skip(_chain, pki.uncollected) if nova.native_tls

# A folder the tree does not hold (a bare /etc/kolla, a repository whose hosts mount it): its
# certificates are not shown, which is not the same as there being none.
not_evaluated contains result.skip(_chain, reason) if {
	nova.native_tls
	not pki.uncollected
	not _dir_in_tree
	reason := concat("", [_dir.host_path, " is not in the tree, so QEMU's certificates there are not shown"])
}

_dir_in_tree if _dir.path != null

_basename(path) := parts[count(parts) - 1] if parts := split(path, "/")

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
