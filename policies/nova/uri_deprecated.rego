# METADATA
# title: live_migration_uri overrides live_migration_scheme
# description: |
#   `live_migration_uri` has been deprecated since nova 15.0.0 (Ocata) and, when set, wins
#   over `live_migration_scheme` (driver.py formats it with the destination address). A
#   leftover `qemu+tcp://%s/system` or an old template silently defeats
#   `live_migration_scheme = tls`, and the option may be removed without notice.
# related_resources:
#   - ref: https://docs.openstack.org/nova/latest/configuration/config.html#libvirt.live_migration_uri
#     description: "nova.conf: [libvirt] live_migration_uri"
# schemas:
#   - input: schema.host
# custom:
#   id: NOVA-006
#   severity: medium
#   security_severity: 4.3
#   cwe: [477]
#   remediation: |
#     Remove `live_migration_uri` and set `live_migration_scheme` (and, on the destination,
#     `live_migration_inbound_addr`) instead.
#   messages:
#     default: >-
#       live_migration_uri is set ("{uri}"): deprecated since nova 15.0.0, and it overrides
#       live_migration_scheme
package migpolicy.checks.nova.uri_deprecated

import data.migpolicy.lib.nova
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", option.location, {"uri": nova.uri_template}) if {
	option := nova.option("libvirt", "live_migration_uri")
	nova.uri_template
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
