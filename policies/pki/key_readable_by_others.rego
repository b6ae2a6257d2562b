# METADATA
# title: A private key is readable by every local user
# description: |
#   The keys in /etc/pki/qemu and /etc/pki/libvirt are the host's identity for migrations and
#   for the libvirt API. Readable by "other", any local account - a compromised service, a
#   container escape - can impersonate the host, decrypt or tamper with migrations, and
#   control peers' libvirtd. The first Nova guide's own listing shows `server-key.pem` as
#   `-rw----r--` and `client-key.pem` as `-rw-r--r--`; QEMU says keys "should be kept
#   protected with file mode 0600".
# related_resources:
#   - ref: https://www.qemu.org/docs/master/system/tls.html
#     description: "QEMU: TLS setup for network services"
#   - ref: https://docs.openstack.org/nova/latest/admin/secure-live-migration-with-qemu-native-tls.html
#     description: "Nova: Secure live migration with QEMU-native TLS (file permissions)"
# schemas:
#   - input: schema.host
# custom:
#   id: PKI-001
#   severity: critical
#   security_severity: 9.0
#   cwe: [732]
#   remediation: "`chmod 0640` the key and `chown root:qemu` it (QEMU's keys), or `chmod 0600` for libvirtd's."
#   messages:
#     default: "{file} is a private key readable by every user (mode {mode})"
package migpolicy.checks.pki.key_readable_by_others

import data.migpolicy.lib.pki
import data.migpolicy.lib.result

deny contains result.fail_fixed(_chain, "default", pki.at(file), args, [], fix) if {
	some file in pki.keys
	is_number(file.mode)
	bits.and(file.mode, 4) != 0
	args := {"file": file.host_path, "mode": pki.octal(file.mode)}
	fix := result.command("Make the key unreadable by others", concat(" ", ["chmod o-rwx", file.host_path]))
}

not_evaluated contains result.skip(_chain, pki.modes_unknown)

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
