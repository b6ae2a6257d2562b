# METADATA
# title: live_migration_uri does not hold exactly one %s
# description: |
#   nova formats `live_migration_uri` with Python's `%` operator and the destination
#   address (`uri % dest`). A template without `%s` connects every migration to the same
#   host; one with two or more raises TypeError and every live migration fails.
# related_resources:
#   - ref: https://docs.openstack.org/nova/latest/configuration/config.html#libvirt.live_migration_uri
#     description: "nova.conf: [libvirt] live_migration_uri"
# schemas:
#   - input: schema.host
# custom:
#   id: NOVA-008
#   severity: low
#   security_severity: 3.1
#   cwe: [628]
#   remediation: Write the URI with exactly one `%s` where the destination host goes, e.g. `qemu+tls://%s/system`.
#   messages:
#     default: live_migration_uri "{uri}" holds {count} %s placeholders; nova needs exactly one
package migpolicy.checks.nova.uri_template

import data.migpolicy.lib.nova
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", location, {"uri": nova.uri_template, "count": n}) if {
	location := nova.option("libvirt", "live_migration_uri").location
	n := count(split(nova.uri_template, "%s")) - 1
	n != 1
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
