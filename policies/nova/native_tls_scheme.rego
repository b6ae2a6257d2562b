# METADATA
# title: Native TLS is on but nova connects to the destination over plain TCP
# description: |
#   With `[libvirt] live_migration_with_native_tls = true` nova asks QEMU to encrypt the
#   migration streams, but the URI it opens to the destination libvirtd is built from
#   `live_migration_uri`, else `live_migration_scheme`, else the hard-coded default `tcp`
#   (nova/virt/libvirt/driver.py). The first Nova guide for QEMU-native TLS named only
#   `live_migration_with_native_tls`; clouds that followed it kept `qemu+tcp://`, and
#   OSSN-0089 reports that the RAM of their instances was still migrated in clear text,
#   with no error and no warning. The destination must also accept unauthenticated or
#   SASL-only TCP on port 16509 for such a migration to work at all.
# related_resources:
#   - ref: https://wiki.openstack.org/wiki/OSSN/OSSN-0089
#     description: "OSSN-0089: Missing configuration option in Secure Live Migration guide leads to unencrypted traffic"
#   - ref: https://bugs.launchpad.net/nova/+bug/1919357
#     description: Launchpad bug 1919357
#   - ref: https://docs.openstack.org/nova/latest/admin/secure-live-migration-with-qemu-native-tls.html
#     description: "Nova: Secure live migration with QEMU-native TLS"
# schemas:
#   - input: schema.host
# custom:
#   id: NOVA-002
#   severity: high
#   security_severity: 8.1
#   cwe: [319]
#   remediation: |
#     Add `live_migration_scheme = tls` to the `[libvirt]` section of nova.conf on every compute
#     host (or replace a `qemu+tcp://` `live_migration_uri` with `qemu+tls://%s/system`), make
#     libvirtd listen for TLS on 16514, and restart nova-compute.
#   messages:
#     unset: >-
#       live_migration_with_native_tls is true but neither live_migration_scheme nor
#       live_migration_uri is set, so nova connects with qemu+tcp:// (OSSN-0089)
#     tcp: >-
#       live_migration_with_native_tls is true but the migration URI's transport is
#       "{transport}", so nova's connection to the destination is not encrypted (OSSN-0089)
package migpolicy.checks.nova.native_tls_scheme

import data.migpolicy.lib.nova
import data.migpolicy.lib.result

deny contains result.fail_fixed(_chain, "unset", location, {}, [scheme], fix) if {
	nova.native_tls
	not _transport_configured
	location := nova.option("libvirt", "live_migration_with_native_tls").location
	scheme := nova.where("libvirt", "live_migration_scheme")
	fix := nova.set_to("libvirt", "live_migration_scheme", _scheme_tls, concat("", ["Set ", _scheme_tls]))
}

deny contains result.fail(_chain, "tcp", _deciding_location, {"transport": nova.control_transport}) if {
	nova.native_tls
	_transport_configured
	not nova.control_transport in nova.encrypted_transports
}

_transport_configured if nova.set_in_file("libvirt", "live_migration_scheme")

_transport_configured if nova.set_in_file("libvirt", "live_migration_uri")

_deciding_location := nova.option("libvirt", "live_migration_uri").location if {
	nova.uri_template
} else := nova.option("libvirt", "live_migration_scheme").location

_scheme_tls := "live_migration_scheme = tls"

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
