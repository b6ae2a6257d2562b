# METADATA
# title: An inline comment became part of a migration option's value
# description: |
#   oslo.config has no inline comments: `live_migration_scheme = tls # encrypted` sets the
#   scheme to "tls # encrypted", which libvirt rejects, and `live_migration_with_native_tls =
#   true # TLS` is not a boolean, so nova-compute refuses to start. Comments must stand on
#   their own line, starting in the first column.
# related_resources:
#   - ref: https://docs.openstack.org/oslo.config/latest/configuration/format.html
#     description: "oslo.config: configuration file format"
# schemas:
#   - input: schema.host
# custom:
#   id: NOVA-015
#   severity: medium
#   security_severity: 4.3
#   cwe: [436]
#   remediation: Move the comment to a line of its own above the option.
#   messages:
#     default: "[libvirt] {option} = \"{value}\": the comment is part of the value"
package migpolicy.checks.nova.inline_comment

import data.migpolicy.lib.nova
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", setting.location, args) if {
	some name in nova.migration_option_names
	setting := nova.option("libvirt", name)
	is_string(setting.value)
	_inline_comment(setting.value)
	args := {"option": name, "value": setting.value}
}

# A `#` or `;` after white space (RE2's \s: space, tab, newline, form feed, carriage return).
# String tests rather than a regex: policy.wasm compiles a regex again on every evaluation.
_inline_comment(value) if {
	some space in {" ", "\t", "\n", "\f", "\r"}
	some mark in {"#", ";"}
	contains(value, concat("", [space, mark]))
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
