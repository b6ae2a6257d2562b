package migpolicy.checks.libvirtd.listen_with_socket_activation_test

import data.migpolicy.checks.libvirtd.listen_with_socket_activation
import data.migpolicy.lib.fixtures_test as fx

_socket := {"libvirtd.socket": fx.unit("enabled", "etc/systemd/system/sockets.target.wants/libvirtd.socket")}

test_deny_guide_listen_on_socket_host if {
	doc := fx.with_units(fx.host({}, {}, {}, ["--listen"]), _socket)
	listen_with_socket_activation.deny == {{
		"rule": "LV-009", "message": "default",
		"location": {"file": "etc/sysconfig/libvirtd", "line": 9, "column": 1},
		"args": {}, "related": [{"file": "etc/systemd/system/sockets.target.wants/libvirtd.socket", "line": 1, "column": 1}],
	}} with input as doc
}

test_allow_socket_without_listen if {
	count(listen_with_socket_activation.deny) == 0 with input as fx.with_units(fx.defaults, _socket)
}
