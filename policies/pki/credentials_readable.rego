# METADATA
# title: A credential for libvirt or for peers is readable by every local user
# description: |
#   Beside the certificates sit other secrets: libvirt's SASL password database
#   (/etc/libvirt/passwd.db, passwords "in clear text"), its Kerberos keytab, libvirt
#   auth.conf files with passwords (Kolla's auth.conf), and the SSH keys nova uses to reach
#   peers for migrations (TripleO's /etc/nova/migration/identity). Readable by "other", any
#   local account can log in to the peers' libvirtd.
# related_resources:
#   - ref: https://libvirt.org/auth.html
#     description: "libvirt: connection authentication"
# schemas:
#   - input: schema.host
# custom:
#   id: PKI-011
#   severity: high
#   security_severity: 7.5
#   cwe: [732, 522]
#   remediation: "`chmod 0600` the file (0640 with the service's group where a service must read it)."
#   messages:
#     default: "{file} is readable by every user (mode {mode})"
package migpolicy.checks.pki.credentials_readable

import data.migpolicy.lib.pki
import data.migpolicy.lib.result

deny contains result.fail_fixed(_chain, "default", location, args, [], fix) if {
	some file in input.pki.credentials
	is_number(file.mode)
	bits.and(file.mode, 4) != 0
	location := {"file": file.path, "line": 1, "column": 1}
	args := {"file": file.host_path, "mode": pki.octal(file.mode)}
	fix := result.command("Make the file unreadable by others", concat(" ", ["chmod o-rwx", file.host_path]))
}

not_evaluated contains result.skip(_chain, pki.modes_unknown)

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
