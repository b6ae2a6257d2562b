# METADATA
# title: Compute hosts trust different CAs
# description: |
#   Each host verifies its peers against the CA certificate in its own folders. Hosts that
#   trust different CAs cannot verify each other ("hasn't got a known issuer"): migrations
#   between them fail, and the usual workaround is to disable verification.
# related_resources:
#   - ref: https://libvirt.org/kbase/tlscerts.html
#     description: "libvirt: TLS x509 certificate configuration"
# schemas:
#   - input: schema.fleet
# custom:
#   id: FLEET-001
#   severity: medium
#   security_severity: 5.3
#   cwe: [295]
#   remediation: Distribute the same CA certificate (with intermediates) to every compute host.
#   messages:
#     default: "{host} trusts a different CA than {count} other hosts"
package migpolicy.fleet_checks.fleet.ca_disagreement

import data.migpolicy.lib.result

_roots_by_cas[host.ca_fingerprints] contains host.root if {
	some host in input.hosts
	count(host.ca_fingerprints) > 0
}

_counts[cas] := count(roots) if some cas, roots in _roots_by_cas

_majority := max({n | some n in _counts})

_common := sort([cas | some cas, n in _counts; n == _majority])[0]

deny contains result.fail(_chain, "default", _where(host), args) if {
	count(_counts) > 1
	some host in input.hosts
	count(host.ca_fingerprints) > 0
	host.ca_fingerprints != _common
	args := {"host": host.name, "count": _majority}
}

# At the host's CA file, which holds the evidence; at its name where a document lacks it.
_where(host) := location if {
	location := object.get(host, "ca_location", null)
	is_object(location)
} else := host.name_location

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
