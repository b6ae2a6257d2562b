# METADATA
# title: nova cannot read its configuration
# description: |
#   oslo.config stops at the first line it cannot parse - an indented comment or section
#   header (a line that starts with a space continues the previous value, and with no value
#   open it is "Unexpected continuation line"), a missing `]`, an assignment before any
#   section - and nova-compute does not start: no instance on this host can be migrated or
#   managed until the file is fixed. An indented comment right after a migration option is
#   no error but is appended to its value.
# related_resources:
#   - ref: https://docs.openstack.org/oslo.config/latest/configuration/format.html
#     description: "oslo.config: configuration file format"
# schemas:
#   - input: schema.host
# custom:
#   id: NOVA-016
#   severity: medium
#   security_severity: 4.3
#   cwe: [436]
#   remediation: Start comments and section headers in the first column; indent only the continuation of a value.
#   messages:
#     parse: "oslo.config refuses this file ({error}): nova-compute does not start"
#     continued: "[libvirt] {option} continues onto the next line, so its value is \"{value}\""
package migpolicy.checks.nova.config_unreadable

import data.migpolicy.lib.nova
import data.migpolicy.lib.result

deny contains result.fail(_chain, "parse", error.location, {"error": error.message}) if {
	error := input.nova.error
}

deny contains result.fail(_chain, "continued", setting.location, args) if {
	some name in nova.migration_option_names
	setting := nova.option("libvirt", name)
	is_string(setting.value)
	contains(setting.value, "\n")
	args := {"option": name, "value": setting.value}
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
