# METADATA
# title: Site checks on live migration
# description: This site's own rules, run by migpolicy beside its pack.
package site.migration_network

# METADATA
# title: Migrations must use the migration network
# description: |
#   At this site live migrations travel on 192.0.2.0/24 only. A host whose
#   live_migration_inbound_addr lies elsewhere receives migrations over another network,
#   where the firewall was not written for them.
# related_resources:
#   - ref: https://docs.openstack.org/nova/latest/configuration/config.html#libvirt.live_migration_inbound_addr
#     description: "nova.conf: [libvirt] live_migration_inbound_addr"
# scope: document
# entrypoint: true
# custom:
#   id: SITE-001
#   severity: medium
#   security_severity: 5.0
#   cwe: [923]
#   remediation: Set live_migration_inbound_addr to the host's address on 192.0.2.0/24.
#   messages:
#     default: "live_migration_inbound_addr {address} is not on the migration network {network}"
deny contains finding if {
	setting := input.nova.sections.libvirt.options.live_migration_inbound_addr
	setting.source == "file"
	not net.cidr_contains(_network, setting.value)
	finding := {
		"message": "default",
		"location": setting.location,
		"args": {"address": setting.value, "network": _network},
	}
}

_network := "192.0.2.0/24"
