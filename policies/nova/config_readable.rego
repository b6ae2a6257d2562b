# METADATA
# title: nova's configuration is readable by every local user
# description: |
#   nova.conf holds the message queue's and the database's credentials and the service
#   users' passwords. Readable by "other", every local account can take them and act as
#   nova - including starting migrations. Debian installs it 0640 root:nova.
# related_resources:
#   - ref: https://docs.openstack.org/nova/latest/configuration/index.html
#     description: "nova: configuration"
# schemas:
#   - input: schema.host
# custom:
#   id: NOVA-022
#   severity: high
#   security_severity: 7.5
#   cwe: [732, 260]
#   remediation: "`chown root:nova` and `chmod 0640` the file."
#   messages:
#     default: "{file} is readable by every user (mode {mode}) and holds nova's credentials"
package migpolicy.checks.nova.config_readable

import data.migpolicy.lib.pki
import data.migpolicy.lib.result

deny contains result.fail_fixed(_chain, "default", location, args, [], fix) if {
	some file in input.nova.file_modes
	is_number(file.mode)
	bits.and(file.mode, 4) != 0
	file.path in _holding_credentials
	location := {"file": file.path, "line": 1, "column": 1}
	args := {"file": file.host_path, "mode": pki.octal(file.mode)}
	fix := result.command("Make the file unreadable by others", concat(" ", ["chmod o-rwx", file.host_path]))
}

# The files that set a credential (a password, a URL with user information), where it is
# in force or shadowed by a later file: a readable file without one discloses nothing.
_holding_credentials contains location.file if {
	some section in input.nova.sections
	some name, option in section.options
	option.secret

	# Redacted for safety, yet not a credential: rbd_secret_uuid names a libvirt secret.
	not endswith(name, "_uuid")
	some location in array.concat([object.get(option, "location", {"file": ""})], object.get(option, "shadowed", []))
}

not_evaluated contains result.skip(_chain, pki.modes_unknown)

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
