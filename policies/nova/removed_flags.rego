# METADATA
# title: Removed migration flag options are still set
# description: |
#   `live_migration_flag` and `block_migration_flag` were removed in nova 14.0.0 (Newton).
#   OSSN-0007 told operators to add VIR_MIGRATE_TUNNELLED to `live_migration_flag`; on any
#   current nova the option is an unknown key that oslo.config ignores, so an administrator
#   who reads it believes migrations are tunnelled when they are not.
# related_resources:
#   - ref: https://wiki.openstack.org/wiki/OSSN/OSSN-0007
#     description: "OSSN-0007: Live migration instructions recommend unsecured libvirt remote access"
#   - ref: https://docs.openstack.org/releasenotes/nova/newton.html
#     description: "nova 14.0.0 (Newton) release notes"
# schemas:
#   - input: schema.host
# custom:
#   id: NOVA-013
#   severity: medium
#   security_severity: 4.3
#   cwe: [693]
#   remediation: |
#     Delete `live_migration_flag` and `block_migration_flag`, and set
#     `live_migration_with_native_tls = true` with `live_migration_scheme = tls` instead.
#   messages:
#     default: "[{section}] {option} was removed in nova 14.0.0: its flags are ignored"
package migpolicy.checks.nova.removed_flags

import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", setting.location, {"section": section, "option": name}) if {
	some section in ["libvirt", "DEFAULT"]
	some name in ["live_migration_flag", "block_migration_flag"]
	setting := input.nova.sections[section].options[name]
	setting.source == "file"
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
