# METADATA
# title: Native TLS with libvirt older than 4.4.0 or QEMU older than 2.11
# description: |
#   The Nova guide's first prerequisite for QEMU-native TLS is libvirt 4.4.0 and QEMU 2.11.
#   Older versions cannot run TLS on the migration and NBD streams the way nova asks them
#   to; nova 19 to 22 even drops the request without a word (NOVA-011).
# related_resources:
#   - ref: https://docs.openstack.org/nova/latest/admin/secure-live-migration-with-qemu-native-tls.html
#     description: "Nova: Secure live migration with QEMU-native TLS (Prerequisites)"
# schemas:
#   - input: schema.host
# custom:
#   id: VER-001
#   severity: high
#   security_severity: 7.5
#   cwe: [693]
#   remediation: Upgrade libvirt to 4.4.0 or later and QEMU to 2.11 or later.
#   messages:
#     default: native TLS needs libvirt 4.4.0 and QEMU 2.11; this host has {component} {version}
package migpolicy.checks.versions.native_tls_prerequisites

import data.migpolicy.lib.nova
import data.migpolicy.lib.result
import data.migpolicy.lib.versions

_minimum := {"libvirt": [4, 4, 0], "qemu": [2, 11, 0]}

deny contains result.fail(_chain, "default", installed.location, args) if {
	nova.native_tls
	not _nova_reports_it
	some component, minimum in _minimum
	installed := input.versions[component]
	versions.below(installed.numbers, minimum)
	args := {"component": component, "version": installed.version}
}

# nova 19 to 22 silently drops native TLS here; NOVA-011 says so.
_nova_reports_it if {
	versions.at_least(versions.nova, [19, 0, 0])
	versions.below(versions.nova, [23, 0, 0])
}

not_evaluated contains result.skip(_chain, reason) if {
	nova.native_tls
	some component in ["libvirt", "qemu"]
	reason := versions.unknown_reason(component)
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
