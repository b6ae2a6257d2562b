# METADATA
# title: Router
# description: Collects the findings of every check, one entrypoint per kind of input document.
package migpolicy.main

# METADATA
# title: Host findings
# description: The findings of every host check for one host document.
# entrypoint: true
host_findings contains finding if {
	some area in data.migpolicy.checks
	some check in area
	some finding in check.deny
}

# METADATA
# title: Fleet findings
# description: The findings of every fleet check for the fleet document.
# entrypoint: true
fleet_findings contains finding if {
	some area in data.migpolicy.fleet_checks
	some check in area
	some finding in check.deny
}
