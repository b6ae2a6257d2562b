# METADATA
# title: nova connects to the destination libvirtd over plain TCP
# description: |
#   nova builds the URI of the destination libvirtd from `live_migration_uri`, else
#   `live_migration_scheme`, else the default `tcp` (nova/virt/libvirt/driver.py): with no
#   scheme the migration control connection is `qemu+tcp://`, which libvirt documents as
#   "plain unencrypted TCP ... insecure and should not be used". The destination must then
#   accept TCP connections on port 16509, which OSSN-0007 warns were recommended without
#   any authentication. When native TLS is on, NOVA-002 reports this case.
# related_resources:
#   - ref: https://wiki.openstack.org/wiki/OSSN/OSSN-0089
#     description: "OSSN-0089: Missing configuration option in Secure Live Migration guide leads to unencrypted traffic"
#   - ref: https://wiki.openstack.org/wiki/OSSN/OSSN-0007
#     description: "OSSN-0007: Live migration instructions recommend unsecured libvirt remote access"
#   - ref: https://libvirt.org/uri.html
#     description: "libvirt: connection URIs (the tcp transport)"
# schemas:
#   - input: schema.host
# custom:
#   id: NOVA-001
#   severity: high
#   security_severity: 7.5
#   cwe: [319]
#   remediation: |
#     Set `live_migration_scheme = tls` in the `[libvirt]` section of nova.conf (with libvirtd
#     listening for TLS on 16514 on every compute host), or `ssh` where TLS is not available.
#   messages:
#     default: >-
#       nova connects to the destination libvirtd with qemu+tcp://: the migration control
#       connection is not encrypted
package migpolicy.checks.nova.control_plain_tcp

import data.migpolicy.lib.nova
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", _location, {}) if {
	nova.kvm
	not nova.native_tls
	nova.control_transport == "tcp"
	nova.uri_template
}

deny contains result.fail_fixed(_chain, "default", _location, {}, [], fix) if {
	nova.kvm
	not nova.native_tls
	nova.control_transport == "tcp"
	not nova.uri_template
	fix := nova.set_to("libvirt", "live_migration_scheme", _scheme_tls, concat("", ["Set ", _scheme_tls]))
}

_location := nova.option("libvirt", "live_migration_uri").location if {
	nova.uri_template
} else := nova.where("libvirt", "live_migration_scheme")

_scheme_tls := "live_migration_scheme = tls"

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
