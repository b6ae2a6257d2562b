# METADATA
# title: The migration URI turns off verification of the peer
# description: |
#   libvirt's URI parameters can disable the checks that authenticate the destination:
#   `no_verify=1` makes the tls transport skip the server certificate check and the ssh
#   transport auto-accept new host keys; `known_hosts_verify=ignore` or `auto` does the same
#   for libssh and libssh2. An attacker on the migration network can then pose as the
#   destination and receive the instance. OpenStack-Ansible's old default URI carried
#   `no_verify=1`.
# related_resources:
#   - ref: https://libvirt.org/uri.html
#     description: "libvirt: connection URIs (transport parameters)"
# schemas:
#   - input: schema.host
# custom:
#   id: NOVA-007
#   severity: high
#   security_severity: 7.4
#   cwe: [295]
#   remediation: |
#     Remove `no_verify=1` and `known_hosts_verify=ignore|auto` from `live_migration_uri`
#     (better: replace the URI with `live_migration_scheme`), and distribute the peers' host
#     keys or certificates instead.
#   messages:
#     default: >-
#       live_migration_uri contains "{parameter}": the destination's identity is not verified
package migpolicy.checks.nova.uri_unverified

import data.migpolicy.lib.nova
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", location, {"parameter": parameter}) if {
	location := nova.option("libvirt", "live_migration_uri").location
	parameters := split(nova.uri_template, "?")[1]
	some parameter in split(parameters, "&")
	lower(parameter) in {"no_verify=1", "known_hosts_verify=ignore", "known_hosts_verify=auto"}
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
