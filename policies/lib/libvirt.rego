# METADATA
# title: libvirt helpers
# description: |
#   Effective settings of the libvirt daemons and of the QEMU driver, as libvirt
#   resolves them (src/remote/remote_daemon_config.c, src/qemu/qemu_conf.c), and who
#   listens for remote connections (docs/daemons.rst, remote_daemon.c).
# schemas:
#   - input: schema.host
package migpolicy.lib.libvirt

import data.migpolicy.lib.result

# METADATA
# title: daemon_option
# description: |
#   The effective option of a remote daemon's file (libvirtd.conf or virtproxyd.conf);
#   the first occurrence wins.
daemon_option(daemon, name) := input[daemon].options[name] if not input[daemon].not_collected

# METADATA
# title: listeners_unknown
# description: |
#   Why the tree cannot show whether the libvirt daemons listen (neither their arguments nor
#   the running process nor a listener list is in it: a file given by itself, a sosreport
#   without them): the checks that depend on it are not evaluated.
listeners_unknown := input.daemon.not_collected if is_string(input.daemon.not_collected)

# METADATA
# title: not_collected
# description: Why a listening daemon's settings are unknown (its file is not in the tree's layout).
not_collected contains {"daemon": listener.daemon, "reason": input[listener.daemon].not_collected} if {
	some listener in listeners
}

# METADATA
# title: where
# scope: document
# description: |
#   Where a daemon's option is, or where it belongs: the line that sets it, else its
#   commented-out sample line, else the top of the file.
where(daemon, name) := daemon_option(daemon, name).location

where(daemon, name) := daemon_option(daemon, name).anchor if not daemon_option(daemon, name).location

where(daemon, name) := input[daemon].anchor if {
	not daemon_option(daemon, name).location
	not daemon_option(daemon, name).anchor
}

# METADATA
# title: set_to
# scope: document
# description: |
#   The repair that sets a daemon's option to text: replace the line that sets it or its
#   sample line, else insert it at the top of the file.
set_to(file, name, text, description) := result.edit(description, option.location, "replace", text) if {
	option := input[file].options[name]
	option.location
} else := result.edit(description, option.anchor, "replace", text) if {
	option := input[file].options[name]
	option.anchor
} else := result.edit(description, input[file].anchor, "insert-before", text)

# METADATA
# title: qemu_option
# description: The effective option of qemu.conf (the first occurrence wins).
qemu_option(name) := input.qemu.options[name]

# METADATA
# title: unit_active
# description: A systemd unit is enabled (or otherwise started at boot) on this host.
unit_active(unit) if input.daemon.units[unit].state in data.facts.active_unit_states

# METADATA
# title: socket_activated
# description: |
#   The daemon runs under systemd socket activation (libvirt >= 5.6): its listen_* and
#   *_port settings are ignored and the *-tcp/*-tls socket units decide what listens.
socket_activated(daemon) if unit_active(concat("", [daemon, ".socket"]))

# METADATA
# title: listen_flag
# description: libvirtd runs with -l/--listen, so listen_tcp and listen_tls are honoured.
listen_flag if {
	some word in input.daemon.libvirtd_args.words
	word in {"--listen", "-l"}
}

# The remote daemons' own ports, which their socket units listen on too: tcp_port's and tls_port's defaults.
_default_port[transport] := port if {
	some transport in ["tcp", "tls"]
	port := data.facts.options.libvirtd[concat("", [transport, "_port"])].default
}

# METADATA
# title: listeners
# scope: document
# description: |
#   Every network listener of the remote daemons: daemon (libvirtd or virtproxyd),
#   transport (tcp or tls), port, how it is started (socket or traditional), and the
#   settings that make it listen; where the tree shows none on a port, the socket a sosreport's
#   netstat or ss output shows listening there (held by systemd: socket activation).
listeners contains listener if some listener in _configured

listeners contains listener if {
	some socket in object.get(input.daemon, "observed_listeners", [])
	not _configured_port[socket.port]
	daemon := _observed_daemon(socket.program)
	listener := {
		"daemon": daemon,
		"transport": _observed_transport(daemon, socket.port),
		"port": socket.port,
		"activation": _observed_activation(socket.program),
		"locations": [socket.location],
	}
}

_configured_port contains to_number(listener.port) if some listener in _configured

# METADATA
# title: tls_daemon
# description: |
#   The remote daemon whose TLS listener serves migrations (libvirtd or virtproxyd), its
#   cert_file, key_file and ca_file the ones peers meet; undefined where none listens.
tls_daemon := min({listener.daemon | some listener in listeners; listener.transport == "tls"})

_observed_daemon("virtproxyd") := "virtproxyd"

# systemd holds the socket for whichever daemon's sockets are enabled: virtproxyd's on a
# modular host, libvirtd's otherwise.
_observed_daemon("systemd") := "virtproxyd" if {
	some unit in ["virtproxyd.socket", "virtproxyd.service"]
	unit_active(unit)
} else := "libvirtd"

_observed_daemon(program) := "libvirtd" if not program in {"virtproxyd", "systemd"}

# The daemon's tls_port, or the default where its file is not collected (virtproxyd in a sosreport).
_observed_transport(daemon, port) := "tls" if {
	to_number(object.get(input[daemon].options, ["tls_port", "value"], _default_port.tls)) == port
} else := "tcp"

_observed_activation("systemd") := "socket"

_observed_activation(program) := "traditional" if program != "systemd"

_configured contains listener if {
	some daemon in ["libvirtd", "virtproxyd"]
	some transport in ["tcp", "tls"]
	unit := concat("", [daemon, "-", transport, ".socket"])
	unit_active(unit)
	state := input.daemon.units[unit]
	some port in _socket_ports(state, transport)
	listener := {
		"daemon": daemon,
		"transport": transport,
		"port": port,
		"activation": "socket",
		"locations": _present([object.get(state, "listen_location", null), object.get(state, "location", null)]),
	}
}

_configured contains listener if {
	not socket_activated("libvirtd")
	listen_flag
	some transport in ["tcp", "tls"]
	listen := daemon_option("libvirtd", concat("", ["listen_", transport]))
	listen.value == 1
	listener := {
		"daemon": "libvirtd",
		"transport": transport,
		"port": daemon_option("libvirtd", concat("", [transport, "_port"])).value,
		"activation": "traditional",
		"locations": _present([
			object.get(listen, "location", null),
			object.get(input.daemon.libvirtd_args, "location", null),
		]),
	}
}

_configured contains listener if {
	not socket_activated("virtproxyd")
	unit_active("virtproxyd.service")
	some transport in ["tcp", "tls"]
	listen := daemon_option("virtproxyd", concat("", ["listen_", transport]))
	listen.value == 1
	listener := {
		"daemon": "virtproxyd",
		"transport": transport,
		"port": daemon_option("virtproxyd", concat("", [transport, "_port"])).value,
		"activation": "traditional",
		"locations": _present([object.get(listen, "location", null)]),
	}
}

_present(locations) := [location | some location in locations; location != null]

# A socket unit may listen on several streams: one listener each.
_socket_ports(state, transport) := {port |
	some stream in state.listen
	parts := split(stream, ":")
	port := parts[count(parts) - 1]
} if {
	count(object.get(state, "listen", [])) > 0
} else := {_default_port[transport]}

# METADATA
# title: migrate_tls_verify
# scope: document
# description: |
#   The effective migrate_tls_x509_verify: its own setting, else default_tls_x509_verify
#   when set, else 1 (virQEMUDriverConfigSetDefaults).
default migrate_tls_verify := 1

migrate_tls_verify := qemu_option("migrate_tls_x509_verify").value if {
	qemu_option("migrate_tls_x509_verify").source == "file"
} else := qemu_option("default_tls_x509_verify").value if {
	qemu_option("default_tls_x509_verify").source == "file"
}

# METADATA
# title: migrate_tls_verify_location
# description: Where the effective migrate verify setting comes from.
migrate_tls_verify_location := qemu_option("migrate_tls_x509_verify").location if {
	qemu_option("migrate_tls_x509_verify").source == "file"
} else := qemu_option("default_tls_x509_verify").location

# METADATA
# title: qemu_where
# scope: document
# description: Where a qemu.conf option is, or where it belongs (its sample line, else the top of the file).
qemu_where(name) := qemu_option(name).location

qemu_where(name) := qemu_option(name).anchor if not qemu_option(name).location

qemu_where(name) := input.qemu.anchor if {
	not qemu_option(name).location
	not qemu_option(name).anchor
}

# METADATA
# title: sasl_on_tls
# description: |
#   The TLS listener's daemon has auth_tls = "sasl": a CA-signed certificate alone is refused
#   ("Failed to start SASL negotiation"), the peer also needs SASL credentials (libvirt 9 measured).
sasl_on_tls contains listener.daemon if {
	some listener in listeners
	listener.transport == "tls"
	daemon_option(listener.daemon, "auth_tls").value == "sasl"
}
