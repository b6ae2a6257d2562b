package migpolicy.checks.libvirtd.all_interfaces_test

import data.migpolicy.checks.libvirtd.all_interfaces
import data.migpolicy.lib.fixtures_test as fx

_tls_socket := fx.unit("enabled", "etc/systemd/system/sockets.target.wants/libvirtd-tls.socket")

test_deny_traditional_without_listen_addr if {
	all_interfaces.deny == {{
		"rule": "LV-008", "message": "default",
		"location": {"file": fx.libvirtd_conf, "line": 1, "column": 1},
		"args": {"daemon": "libvirtd", "transport": "tls", "port": "16514"},
		"related": [{"file": "etc/sysconfig/libvirtd", "line": 9, "column": 1}],
	}} with input as fx.host({}, {}, {}, ["--listen"])
}

test_deny_socket_without_address if {
	doc := fx.with_units(fx.defaults, {
		"libvirtd.socket": fx.unit("enabled", "etc/systemd/system/sockets.target.wants/libvirtd.socket"),
		"libvirtd-tls.socket": object.union(_tls_socket, {"listen": ["16514"]}),
	})
	count(all_interfaces.deny) == 1 with input as doc
}

test_allow_listen_addr if {
	doc := fx.host({}, {"listen_addr": fx.libvirtd_option("192.0.2.11", 50)}, {}, ["--listen"])
	count(all_interfaces.deny) == 0 with input as doc
}

test_allow_socket_with_address if {
	doc := fx.with_units(fx.defaults, {
		"libvirtd.socket": fx.unit("enabled", "etc/systemd/system/sockets.target.wants/libvirtd.socket"),
		"libvirtd-tls.socket": object.union(_tls_socket, {"listen": ["192.0.2.11:16514"]}),
	})
	count(all_interfaces.deny) == 0 with input as doc
}

test_a_socket_with_two_streams_is_two_listeners if {
	doc := fx.with_units(fx.host({}, {}, {}, null), {
		"libvirtd.socket": fx.unit("enabled", "etc/systemd/system/sockets.target.wants/libvirtd.socket"),
		"libvirtd-tcp.socket": object.union(
			fx.unit("enabled", "etc/systemd/system/sockets.target.wants/libvirtd-tcp.socket"),
			{"listen": ["16509", "0.0.0.0:16600"]},
		),
	})
	ports := {l.port | some l in data.migpolicy.lib.libvirt.listeners} with input as doc
	ports == {"16509", "16600"}
}
