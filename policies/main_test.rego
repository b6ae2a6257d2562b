package migpolicy.main_test

import data.migpolicy.lib.fixtures_test as fixtures
import data.migpolicy.main

_ironic := object.union(fixtures.defaults, {"nova": {"sections": {"DEFAULT": {
	"present": true,
	"anchor": {"file": "etc/nova/nova.conf", "line": 1, "column": 1},
	"options": {"compute_driver": fixtures.nova_option("ironic.IronicDriver", 2)},
}}}})

test_a_libvirt_host_has_findings if {
	count(main.host_findings) > 0 with input as fixtures.defaults
}

test_another_compute_driver_has_none_only_not_applicable_checks if {
	count(main.host_findings) == 0 with input as _ironic
	skipped := main.not_evaluated with input as _ironic
	count(skipped) > 0
	every skip in skipped {
		skip.reason == "not applicable: compute_driver is ironic.IronicDriver, so nova does not migrate through libvirt on this host"
	}
}
