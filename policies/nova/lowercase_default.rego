# METADATA
# title: A [default] section is not [DEFAULT]
# description: |
#   oslo.config lower-cases every section name except DEFAULT, which must be written in
#   capitals: `[default]` or `[Default]` is a section of its own that nova never reads, and
#   every option under it silently keeps its default.
# related_resources:
#   - ref: https://docs.openstack.org/oslo.config/latest/configuration/format.html
#     description: "oslo.config: configuration file format"
# schemas:
#   - input: schema.host
# custom:
#   id: NOVA-017
#   severity: medium
#   security_severity: 4.3
#   cwe: [436]
#   remediation: Rename the section header to `[DEFAULT]`, in capitals.
#   messages:
#     default: "[{section}] is not [DEFAULT]: nova ignores the {count} options under it"
package migpolicy.checks.nova.lowercase_default

import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", section.anchor, {"section": name, "count": n}) if {
	some name, section in input.nova.sections
	name != "DEFAULT"
	upper(name) == "DEFAULT"
	n := count([o | some o in section.options; o.source == "file"])
	n > 0
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
