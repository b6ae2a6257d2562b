# METADATA
# title: QEMU cannot read its own migration key
# description: |
#   QEMU runs as qemu.conf's `user` and `group`, and must read `server-key.pem` and
#   `client-key.pem` in its certificate folder. A key only root can read (0600 root) makes
#   native TLS migrations fail; the current Nova guide asks for 0640 with group qemu.
# related_resources:
#   - ref: https://docs.openstack.org/nova/latest/admin/secure-live-migration-with-qemu-native-tls.html
#     description: "Nova: Secure live migration with QEMU-native TLS (file permissions)"
# schemas:
#   - input: schema.host
# custom:
#   id: PKI-002
#   severity: low
#   security_severity: 3.1
#   cwe: [732]
#   remediation: "`chown root:<qemu group>` and `chmod 0640` the keys in QEMU's certificate folder."
#   messages:
#     default: >-
#       {file} (owner {owner}, group {group}, mode {mode}) is not readable by QEMU's user {user} or group
#       {qemu_group}
package migpolicy.checks.pki.qemu_key_unreadable

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.nova
import data.migpolicy.lib.pki
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", pki.at(file), args) if {
	nova.native_tls
	user := libvirt.qemu_option("user").value
	is_string(user)
	group := libvirt.qemu_option("group").value
	some file in pki.files_in(input.pki.qemu.migrate_dir.host_path)
	file.kind == "private-key"
	not _readable(file, user, group)
	args := {
		"file": file.host_path, "owner": file.owner, "group": file.group,
		"mode": pki.octal(file.mode), "user": user, "qemu_group": group,
	}
}

_readable(file, user, _) if {
	file.owner == user
	bits.and(file.mode, 256) != 0
}

_readable(file, _, group) if {
	file.group == group
	bits.and(file.mode, 32) != 0
}

_readable(file, _, _) if bits.and(file.mode, 4) != 0

not_evaluated contains result.skip(_chain, pki.modes_unknown) if nova.native_tls

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
