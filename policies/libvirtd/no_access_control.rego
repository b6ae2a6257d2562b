# METADATA
# title: A network-exposed libvirt daemon has no access control driver
# description: |
#   Without `access_drivers`, every client that authenticates to libvirtd may call every API:
#   a migration peer can also destroy, reconfigure or read the memory of any instance on
#   this host. libvirt's polkit access driver can restrict what each identity may do.
# related_resources:
#   - ref: https://libvirt.org/acl.html
#     description: "libvirt: access control"
# schemas:
#   - input: schema.host
# custom:
#   id: LV-017
#   severity: low
#   security_severity: 3.1
#   cwe: [862]
#   remediation: Consider `access_drivers = [ "polkit" ]` with rules that limit migration peers to the migration APIs.
#   messages:
#     default: >-
#       {daemon} listens on {transport} port {port} with no access_drivers: authenticated
#       clients may call every API
package migpolicy.checks.libvirtd.no_access_control

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", location, args) if {
	some listener in libvirt.listeners
	libvirt.daemon_option(listener.daemon, "access_drivers").value == null
	location := libvirt.where(listener.daemon, "access_drivers")
	args := {"daemon": listener.daemon, "transport": listener.transport, "port": listener.port}
}

not_evaluated contains result.skip(_chain, libvirt.listeners_unknown)

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
