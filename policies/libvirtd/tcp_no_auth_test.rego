package migpolicy.checks.libvirtd.tcp_no_auth_test

import data.migpolicy.checks.libvirtd.tcp_no_auth
import data.migpolicy.lib.fixtures_test as fx

_open_tcp := {"listen_tcp": fx.libvirtd_option(1, 38), "auth_tcp": fx.libvirtd_option("none", 191)}

test_deny_listen_tcp_without_auth if {
	doc := fx.host({}, _open_tcp, {}, ["--listen"])
	tcp_no_auth.deny == {{
		"rule": "LV-001",
		"message": "default",
		"location": {"file": fx.libvirtd_conf, "line": 191, "column": 1},
		"args": {"daemon": "libvirtd", "port": "16509"},
		"related": [
			{"file": fx.libvirtd_conf, "line": 38, "column": 1},
			{"file": "etc/sysconfig/libvirtd", "line": 9, "column": 1},
		],
		"fix": {
			"description": "Stop listening on plain TCP; migrate over TLS instead",
			"edits": [{"location": {"file": fx.libvirtd_conf, "line": 38, "column": 1}, "action": "replace", "text": "listen_tcp = 0"}],
		},
	}} with input as doc
}

test_deny_short_listen_flag if {
	doc := fx.host({}, _open_tcp, {}, ["-l", "--timeout", "120"])
	count(tcp_no_auth.deny) == 1 with input as doc
}

test_allow_without_listen_flag if {
	doc := fx.host({}, _open_tcp, {}, null)
	count(tcp_no_auth.deny) == 0 with input as doc
}

test_allow_sasl if {
	doc := fx.host({}, {"listen_tcp": fx.libvirtd_option(1, 38)}, {}, ["--listen"])
	count(tcp_no_auth.deny) == 0 with input as doc
}

_drop_in := {"file": "etc/systemd/system/libvirtd-tcp.socket.d/override.conf", "line": 3, "column": 1}

test_deny_socket_activated_tcp_socket if {
	doc := fx.with_units(
		fx.host({}, {"auth_tcp": fx.libvirtd_option("none", 191)}, {}, null),
		{
			"libvirtd.socket": fx.unit("enabled", "etc/systemd/system/sockets.target.wants/libvirtd.socket"),
			"libvirtd-tcp.socket": object.union(
				fx.unit("enabled", "etc/systemd/system/sockets.target.wants/libvirtd-tcp.socket"),
				{"listen": ["192.0.2.11:16509"], "listen_location": _drop_in},
			),
		},
	)
	tcp_no_auth.deny == {{
		"rule": "LV-001",
		"message": "default",
		"location": {"file": fx.libvirtd_conf, "line": 191, "column": 1},
		"args": {"daemon": "libvirtd", "port": "16509"},
		"related": [
			_drop_in,
			{"file": "etc/systemd/system/sockets.target.wants/libvirtd-tcp.socket", "line": 1, "column": 1},
		],
		"fix": {
			"description": "Stop listening on plain TCP; migrate over TLS instead",
			"edits": [], "command": "systemctl disable --now libvirtd-tcp.socket",
		},
	}} with input as doc
}

test_allow_socket_activation_ignores_listen_tcp if {
	doc := fx.with_units(
		fx.host({}, _open_tcp, {}, ["--listen"]),
		{"libvirtd.socket": fx.unit("enabled", "etc/systemd/system/sockets.target.wants/libvirtd.socket")},
	)
	count(tcp_no_auth.deny) == 0 with input as doc
}

test_allow_tcp_not_listening if {
	doc := fx.host({}, {"auth_tcp": fx.libvirtd_option("none", 191)}, {}, ["--listen"])
	count(tcp_no_auth.deny) == 0 with input as doc
}

test_not_evaluated_when_the_daemon_arguments_are_not_shown if {
	doc := json.patch(fx.host({}, _open_tcp, {}, null), [{"op": "add", "path": "/daemon/not_collected", "value": "only libvirtd.conf was given"}])
	count(tcp_no_auth.deny) == 0 with input as doc
	tcp_no_auth.not_evaluated == {{"rule": "LV-001", "reason": "only libvirtd.conf was given"}} with input as doc
}
