# METADATA
# title: virt_type cannot migrate securely
# description: |
#   nova builds migration URIs only for kvm and qemu from `live_migration_scheme`. With
#   `virt_type = lxc` live migration is not available at all; with `parallels` the URI is
#   hard-coded as `parallels+tcp://`, plain TCP whatever the scheme says.
# related_resources:
#   - ref: https://docs.openstack.org/nova/latest/configuration/config.html#libvirt.virt_type
#     description: "nova.conf: [libvirt] virt_type"
# schemas:
#   - input: schema.host
# custom:
#   id: NOVA-025
#   severity: medium
#   security_severity: 4.3
#   cwe: [319]
#   remediation: Use `virt_type = kvm` for hosts that live-migrate instances.
#   messages:
#     parallels: virt_type = parallels migrates over parallels+tcp://, unencrypted, whatever live_migration_scheme says
#     other: virt_type = "{type}" has no live migration URI in nova
package migpolicy.checks.nova.virt_type

import data.migpolicy.lib.nova
import data.migpolicy.lib.result

deny contains result.fail(_chain, message, setting.location, {"type": setting.value}) if {
	setting := nova.option("libvirt", "virt_type")
	setting.source == "file"
	not nova.kvm
	message := _message(setting.value)
}

_message("parallels") := "parallels"

_message(type) := "other" if type != "parallels"

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
