# METADATA
# title: Firewall helpers
# description: The exposure of the migration ports that the loader computed from the host's firewall.
# schemas:
#   - input: schema.host
package migpolicy.lib.firewall

import data.migpolicy.lib.libvirt

# METADATA
# title: exposure
# description: The exposure of the port range holding a port.
exposure(port) := range if {
	some range in input.firewall.ports
	range.from <= to_number(port)
	to_number(port) <= range.to
}

# METADATA
# title: migration_range
# description: The exposure of QEMU's migration port range.
migration_range := range if {
	some range in input.firewall.ports
	range.from == libvirt.qemu_option("migration_port_min").value
	range.to == libvirt.qemu_option("migration_port_max").value
}
