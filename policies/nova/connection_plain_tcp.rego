# METADATA
# title: nova-compute talks to libvirtd over plain TCP
# description: |
#   `[libvirt] connection_uri` is how nova-compute reaches its own hypervisor. A `qemu+tcp://`
#   URI sends every libvirt call - including instance definitions and migration commands -
#   unencrypted through the network stack, and needs libvirtd listening on TCP (Kolla-Ansible
#   writes this when libvirt TLS is off).
# related_resources:
#   - ref: https://libvirt.org/uri.html
#     description: "libvirt: connection URIs"
# schemas:
#   - input: schema.host
# custom:
#   id: NOVA-024
#   severity: medium
#   security_severity: 5.3
#   cwe: [319]
#   remediation: Use the local socket (`qemu:///system`, the default) or `qemu+tls://` with certificates.
#   messages:
#     default: connection_uri "{uri}" reaches libvirtd over plain TCP
package migpolicy.checks.nova.connection_plain_tcp

import data.migpolicy.lib.nova
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", setting.location, {"uri": setting.value}) if {
	setting := nova.option("libvirt", "connection_uri")
	is_string(setting.value)
	startswith(lower(setting.value), "qemu+tcp://")
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
