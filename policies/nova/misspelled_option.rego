# METADATA
# title: A migration option is misspelled or in the wrong section
# description: |
#   oslo.config reads only the options nova registers, each in its own section, and
#   silently ignores every other key. `live_migration_schema = tls` in `[libvirt]`, or
#   `live_migration_scheme = tls` under `[DEFAULT]`, leaves the default in force - for the
#   scheme that is plain TCP - with no error anywhere.
# related_resources:
#   - ref: https://docs.openstack.org/oslo.config/latest/configuration/format.html
#     description: "oslo.config: configuration file format"
# schemas:
#   - input: schema.host
# custom:
#   id: NOVA-014
#   severity: medium
#   security_severity: 5.3
#   cwe: [693]
#   remediation: Move or rename the setting to the option nova reads (shown in the message).
#   messages:
#     default: "[{section}] {key} is not read by nova; it looks like [{near_section}] {near_option}"
package migpolicy.checks.nova.misspelled_option

import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", setting.location, args) if {
	some section, key
	setting := input.nova.sections[section].options[key]
	near := setting.near
	args := {"section": section, "key": key, "near_section": near.section, "near_option": near.option}
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
