package site.migration_network_test

import data.site.migration_network

_host(address) := {"nova": {"sections": {"libvirt": {"options": {"live_migration_inbound_addr": {
	"value": address, "source": "file",
	"location": {"file": "etc/nova/nova.conf", "line": 5260, "column": 1},
}}}}}}

test_deny_management_network if {
	migration_network.deny == {{
		"message": "default",
		"location": {"file": "etc/nova/nova.conf", "line": 5260, "column": 1},
		"args": {"address": "198.51.100.7", "network": "192.0.2.0/24"},
	}} with input as _host("198.51.100.7")
}

test_allow_migration_network if {
	count(migration_network.deny) == 0 with input as _host("192.0.2.11")
}
