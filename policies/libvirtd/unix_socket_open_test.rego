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

test_deny_socket_activation_uses_the_units_socket_mode if {
	socket := object.union(
		fx.unit("enabled", "etc/systemd/system/sockets.target.wants/libvirtd.socket"),
		{"socket_mode": "0666", "socket_mode_location": {"file": "lib/systemd/system/libvirtd.socket", "line": 9, "column": 1}},
	)
	doc := fx.with_units(
		fx.host({}, {"auth_unix_rw": fx.libvirtd_option("none", 100), "unix_sock_rw_perms": fx.libvirtd_option("0770", 101)}, {}, null),
		{"libvirtd.socket": socket},
	)
	[[f.args.perms, f.location.file] | some f in unix_socket_open.deny] == [["0666", "lib/systemd/system/libvirtd.socket"]] with input as doc
}
