# METADATA
# title: libvirtd's key is readable by an unrelated group
# description: |
#   libvirtd's `serverkey.pem` and `clientkey.pem` let their holder act as this host towards
#   every peer's libvirt API. virt-pki-validate expects the server key to be 0600 root;
#   deployments that share them with nova (Kolla) or QEMU use those groups. Any other group
#   with read access widens who can impersonate the host.
# related_resources:
#   - ref: https://libvirt.org/kbase/tlscerts.html
#     description: "libvirt: TLS x509 certificate configuration"
# schemas:
#   - input: schema.host
# custom:
#   id: PKI-003
#   severity: medium
#   security_severity: 5.5
#   cwe: [732]
#   remediation: "`chmod 0600` the key (or `0640` with group nova or qemu where a service needs it)."
#   messages:
#     default: "{file} is readable by group {group}"
#     unnamed_group: "{file} is readable by group id {gid}, which the tree names nowhere (no /etc/group)"
package migpolicy.checks.pki.libvirt_key_group

import data.migpolicy.lib.pki
import data.migpolicy.lib.result

_trusted_groups := {"root", "qemu", "libvirt-qemu", "nova", "kvm", "libvirt"}

deny contains result.fail(
	_chain, "default", pki.at(file),
	{"file": file.host_path, "group": file.group},
) if {
	some file in _group_readable
	file.group != null
	not file.group in _trusted_groups
}

# Without /etc/group only the id is known; 0 is root's group on every Linux host.
deny contains result.fail(
	_chain, "unnamed_group", pki.at(file),
	{"file": file.host_path, "gid": file.gid},
) if {
	some file in _group_readable
	is_null(file.group)
	file.gid != null
	file.gid != 0
}

_group_readable contains file if {
	some file in pki.keys
	startswith(file.host_path, "/etc/pki/libvirt/")
	bits.and(file.mode, 32) != 0
}

not_evaluated contains result.skip(_chain, pki.modes_unknown)

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
