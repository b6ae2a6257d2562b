# METADATA
# title: Router
# description: Collects the findings of every check, one entrypoint per kind of input document.
package migpolicy.main

import data.migpolicy.lib.fleet_entry
import data.migpolicy.lib.nova
import data.migpolicy.lib.verdict

# METADATA
# title: Host report
# description: |
#   For one host document: the findings of every host check, the verdict per migration
#   channel, and the checks that could not be evaluated on this input, with the reason.
# entrypoint: true
host := {
	"findings": host_findings,
	"verdict": verdict.host,
	"not_evaluated": not_evaluated,
	"fleet_entry": fleet_entry.entry,
}

# The checks are reached through references with variables, which evaluate only their deny
# (and not_evaluated) rules: iterating over data.migpolicy.checks itself would build every
# helper rule of every check as well.

# METADATA
# title: Host findings
# description: |
#   The findings of every host check for one host document. A host whose compute_driver is
#   not libvirt does not migrate through libvirt: no libvirt migration check applies to it.
host_findings contains finding if {
	nova.libvirt_driver
	some area, check, finding
	data.migpolicy.checks[area][check].deny[finding]
}

# METADATA
# title: Not evaluated
# scope: document
# description: |
#   Checks that the input cannot decide (a sosreport holds no /etc/pki, a container layout no
#   package list), and, on a host that does not migrate through libvirt, the checks that would
#   have reported something there, as not applicable.
not_evaluated contains skipped if {
	nova.libvirt_driver
	some area, check, skipped
	data.migpolicy.checks[area][check].not_evaluated[skipped]
}

not_evaluated contains {"rule": finding.rule, "reason": _not_applicable} if {
	not nova.libvirt_driver
	some area, check, finding
	data.migpolicy.checks[area][check].deny[finding]
}

_not_applicable := concat("", [
	"not applicable: compute_driver is ", nova.option("DEFAULT", "compute_driver").value,
	", so nova does not migrate through libvirt on this host",
])

# METADATA
# title: Fleet report
# description: |
#   For the fleet document: the findings of every fleet check, the hosts whose migrations
#   fail a handshake with their peers (by root, with the reason), and the fleet checks that
#   cannot be evaluated for a host, with the reason.
# entrypoint: true
fleet := {
	"findings": fleet_findings,
	"failures": data.migpolicy.fleet_checks.fleet.peer_trust.failures,
	"not_evaluated": fleet_not_evaluated,
}

# METADATA
# title: Fleet not evaluated
# description: The fleet checks that cannot be evaluated for a host (by its root), and why.
fleet_not_evaluated contains skipped if {
	some area, check, skipped
	data.migpolicy.fleet_checks[area][check].not_evaluated[skipped]
}

# METADATA
# title: Fleet findings
# description: The findings of every fleet check.
fleet_findings contains finding if {
	some area, check, finding
	data.migpolicy.fleet_checks[area][check].deny[finding]
}
