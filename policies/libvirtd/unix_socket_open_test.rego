package migpolicy.checks.libvirtd.unix_socket_open_test

import data.migpolicy.checks.libvirtd.unix_socket_open
import data.migpolicy.lib.fixtures_test as fx

_unix(perms) := {"auth_unix_rw": fx.libvirtd_option("none", 100), "unix_sock_rw_perms": fx.libvirtd_option(perms, 90)}

test_deny_world_writable_without_auth if {
	doc := fx.host({}, _unix("0777"), {}, null)
	unix_socket_open.deny == {{
		"rule": "LV-013", "message": "default",
		"location": {"file": fx.libvirtd_conf, "line": 90, "column": 1},
		"args": {"daemon": "libvirtd", "perms": "0777"}, "related": [],
	}} with input as doc
}

test_allow_osa_group_only if {
	doc := fx.host({}, _unix("0770"), {}, null)
	count(unix_socket_open.deny) == 0 with input as doc
}
