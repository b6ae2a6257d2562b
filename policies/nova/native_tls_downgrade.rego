# METADATA
# title: nova 19 to 22 silently drops native TLS on old libvirt or QEMU
# description: |
#   In nova 19.0.0 to 22.x (Stein to Victoria) the libvirt driver added VIR_MIGRATE_TLS only
#   when libvirt was at least 4.4.0 and QEMU at least 2.11.0, and said nothing when they
#   were older: `live_migration_with_native_tls = true` then migrated in clear text. This is
#   one explanation of what OSSN-0089 observed on clouds of that era.
# related_resources:
#   - ref: https://wiki.openstack.org/wiki/OSSN/OSSN-0089
#     description: "OSSN-0089: Missing configuration option in Secure Live Migration guide leads to unencrypted traffic"
#   - ref: https://docs.openstack.org/nova/latest/admin/secure-live-migration-with-qemu-native-tls.html
#     description: "Nova: Secure live migration with QEMU-native TLS (Prerequisites)"
# schemas:
#   - input: schema.host
# custom:
#   id: NOVA-011
#   severity: high
#   security_severity: 7.5
#   cwe: [693]
#   remediation: Upgrade libvirt to 4.4.0 or later and QEMU to 2.11 or later on every compute host.
#   messages:
#     default: >-
#       nova {nova} drops native TLS without a warning on libvirt {libvirt} with QEMU {qemu}
#       (needs libvirt 4.4.0 and QEMU 2.11.0)
package migpolicy.checks.nova.native_tls_downgrade

import data.migpolicy.lib.nova
import data.migpolicy.lib.result
import data.migpolicy.lib.versions

deny contains result.fail(_chain, "default", location, args) if {
	nova.native_tls
	versions.at_least(versions.nova, [19, 0, 0])
	versions.below(versions.nova, [23, 0, 0])
	_too_old
	location := nova.option("libvirt", "live_migration_with_native_tls").location
	args := {"nova": input.versions.nova.version, "libvirt": _shown("libvirt"), "qemu": _shown("qemu")}
}

# Either version alone being too old is enough: the other may be unknown.
_shown(component) := input.versions[component].version if not is_null(input.versions[component])

_shown(component) := "(unknown)" if is_null(input.versions[component])

_too_old if versions.below(versions.libvirt, [4, 4, 0])

_too_old if versions.below(versions.qemu, [2, 11, 0])

not_evaluated contains result.skip(_chain, reason) if {
	nova.native_tls
	not _too_old
	some component in ["nova", "libvirt", "qemu"]
	reason := versions.unknown_reason(component)
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
