# METADATA
# title: Compute hosts disagree on how they migrate
# description: |
#   The migration source decides the transport: its scheme, native TLS and tunnelling
#   (nova/virt/libvirt/driver.py). When hosts differ, an instance moved from a well
#   configured host to a badly configured one leaves it in clear text, and mixed native TLS
#   fails migrations outright. Every compute host of a cloud needs the same settings.
# related_resources:
#   - ref: https://docs.openstack.org/nova/latest/admin/secure-live-migration-with-qemu-native-tls.html
#     description: "Nova: Secure live migration with QEMU-native TLS (on all relevant compute nodes)"
# schemas:
#   - input: schema.fleet
# custom:
#   id: NOVA-019
#   severity: medium
#   security_severity: 5.3
#   cwe: [693]
#   remediation: Give every compute host the same `[libvirt]` migration settings (native TLS, scheme tls).
#   messages:
#     default: >-
#       {host} migrates with {settings}, unlike {count} other hosts ({majority})
package migpolicy.fleet_checks.fleet.transport_disagreement

import data.migpolicy.lib.result

_settings(host) := concat(", ", [
	concat("", ["transport ", host.transport.control]),
	concat("", ["native TLS ", _word(host.transport.native_tls)]),
	concat("", ["tunnelled ", _word(host.transport.tunnelled)]),
])

_word(true) := "on"

_word(false) := "off"

_roots_by_settings[_settings(host)] contains host.root if some host in input.hosts

_counts[settings] := count(roots) if some settings, roots in _roots_by_settings

_majority := max({n | some n in _counts})

_common := sort([settings | some settings, n in _counts; n == _majority])[0]

deny contains result.fail(_chain, "default", host.transport.location, args) if {
	count(_counts) > 1
	some host in input.hosts
	_settings(host) != _common
	args := {"host": host.name, "settings": _settings(host), "count": _majority, "majority": _common}
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
