# METADATA
# title: Router
# description: Collects the findings of every check, one entrypoint per kind of input document.
package migpolicy.main

import data.migpolicy.lib.fleet_entry
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
# description: The findings of every host check for one host document.
host_findings contains finding if {
	some area, check, finding
	data.migpolicy.checks[area][check].deny[finding]
}

# METADATA
# title: Not evaluated
# description: Checks that the input cannot decide (a sosreport holds no /etc/pki, a container layout no package list).
not_evaluated contains skipped if {
	some area, check, skipped
	data.migpolicy.checks[area][check].not_evaluated[skipped]
}

# METADATA
# title: Fleet report
# description: The findings of every fleet check for the fleet document.
# entrypoint: true
fleet := {"findings": fleet_findings}

# METADATA
# title: Fleet findings
# description: The findings of every fleet check.
fleet_findings contains finding if {
	some area, check, finding
	data.migpolicy.fleet_checks[area][check].deny[finding]
}
