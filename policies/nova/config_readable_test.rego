package migpolicy.checks.nova.config_readable_test

import data.migpolicy.checks.nova.config_readable
import data.migpolicy.lib.fixtures_test as fx

_doc(mode) := object.union(fx.defaults, {"nova": {"file_modes": [{
	"path": fx.nova_conf, "host_path": "/etc/nova/nova.conf", "mode": mode, "owner": "root", "group": "nova",
}]}})

test_deny_world_readable if {
	config_readable.deny == {{
		"rule": "NOVA-022", "message": "default",
		"location": {"file": fx.nova_conf, "line": 1, "column": 1},
		"args": {"file": "/etc/nova/nova.conf", "mode": "0644"}, "related": [],
		"fix": {"description": "Make the file unreadable by others", "edits": [], "command": "chmod o-rwx /etc/nova/nova.conf"},
	}} with input as _doc(420)
}

test_allow_debian_mode if {
	count(config_readable.deny) == 0 with input as _doc(416)
}
