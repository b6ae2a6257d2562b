package migpolicy.fleet_checks.fleet.transport_disagreement_test

import data.migpolicy.fleet_checks.fleet.transport_disagreement
import data.migpolicy.lib.fixtures_test as fx

test_deny_the_odd_host if {
	odd := fx.fleet_host("compute-3", {"transport": {
		"control": "tcp", "native_tls": true, "tunnelled": false,
		"location": {"file": "compute-3/etc/nova/nova.conf", "line": 5492, "column": 1},
	}})
	doc := fx.fleet([fx.fleet_host("compute-1", {}), fx.fleet_host("compute-2", {}), odd])
	transport_disagreement.deny == {{
		"rule": "NOVA-019", "message": "default",
		"location": {"file": "compute-3/etc/nova/nova.conf", "line": 5492, "column": 1},
		"args": {
			"host": "compute-3", "settings": "transport tcp, native TLS on, tunnelled off",
			"count": 2, "majority": "transport tls, native TLS on, tunnelled off",
		},
		"related": [],
	}} with input as doc
}

test_allow_uniform_fleet if {
	doc := fx.fleet([fx.fleet_host("compute-1", {}), fx.fleet_host("compute-2", {})])
	count(transport_disagreement.deny) == 0 with input as doc
}
