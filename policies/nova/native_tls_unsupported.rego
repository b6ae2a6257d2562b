# METADATA
# title: live_migration_with_native_tls on a nova that does not know it
# description: |
#   `live_migration_with_native_tls` first appeared in nova 19.0.0 (Stein). Older releases
#   ignore the unknown option, like any key oslo.config is not asked for, so the setting
#   looks like protection and gives none.
# related_resources:
#   - ref: https://docs.openstack.org/releasenotes/nova/stein.html
#     description: "nova 19.0.0 (Stein) release notes"
# schemas:
#   - input: schema.host
# custom:
#   id: NOVA-012
#   severity: high
#   security_severity: 7.5
#   cwe: [693]
#   remediation: Upgrade nova to 19.0.0 or later, or use `live_migration_tunnelled` with a tls transport meanwhile.
#   messages:
#     default: nova {version} ignores live_migration_with_native_tls (it appeared in 19.0.0)
package migpolicy.checks.nova.native_tls_unsupported

import data.migpolicy.lib.nova
import data.migpolicy.lib.result
import data.migpolicy.lib.versions

deny contains result.fail(_chain, "default", location, {"version": input.versions.nova.version}) if {
	nova.native_tls
	versions.below(versions.nova, [19, 0, 0])
	location := nova.option("libvirt", "live_migration_with_native_tls").location
}

not_evaluated contains result.skip(_chain, reason) if {
	nova.native_tls
	reason := versions.unknown_reason("nova")
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
