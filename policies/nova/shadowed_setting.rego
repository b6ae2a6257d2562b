# METADATA
# title: A migration option is set more than once
# description: |
#   oslo.config lets the last file (nova.conf, then nova-compute.conf, then the *.conf.d
#   folders in sorted order) and, within a file, the last line win. A migration option set
#   in several places is easy to misread: the value that counts may not be the one an
#   administrator looked at.
# related_resources:
#   - ref: https://docs.openstack.org/oslo.config/latest/configuration/format.html
#     description: "oslo.config: configuration file format"
# schemas:
#   - input: schema.host
# custom:
#   id: NOVA-018
#   severity: low
#   security_severity: 2.0
#   cwe: [436]
#   remediation: Keep one setting of each migration option, in the file that wins.
#   messages:
#     default: "[libvirt] {option} is set {count} times; this setting wins"
package migpolicy.checks.nova.shadowed_setting

import data.migpolicy.lib.nova
import data.migpolicy.lib.result

deny contains result.fail_related(_chain, "default", setting.location, args, setting.shadowed) if {
	some name in nova.migration_option_names
	setting := nova.option("libvirt", name)
	count(setting.shadowed) > 0
	args := {"option": name, "count": count(setting.shadowed) + 1}
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
