# METADATA
# title: Verdict per channel
# description: |
#   Whether each channel of a live migration from this host is protected, and by what:
#   the control connection between the libvirt daemons, the QEMU stream of memory and
#   device state, the NBD stream of disks in a block migration, the authentication of
#   the peer, and its authorisation. A host is "encrypted and authenticated" only when
#   every channel is protected. The facts are nova's (nova/virt/libvirt/driver.py),
#   libvirt's (qemu_migration.c, remote_daemon_config.c) and QEMU's (docs/system/tls.rst).
# schemas:
#   - input: schema.host
package migpolicy.lib.verdict

import data.migpolicy.lib.daemon_start
import data.migpolicy.lib.libvirt
import data.migpolicy.lib.nova
import data.migpolicy.lib.pki
import data.migpolicy.lib.versions

_protected(by) := {"status": "protected", "by": by}

_unprotected(by) := {"status": "unprotected", "by": by}

_unknown(by) := {"status": "unknown", "by": by}

_not_applicable(by) := {"status": "not-applicable", "by": by}

# What live_migration_with_native_tls = true amounts to on this host's versions:
# "on" (VIR_MIGRATE_TLS passed), "dropped" (silently left off), "unknown" or "off".
default _tls := "off"

_tls := "dropped" if {
	nova.native_tls
	versions.native_tls_dropped
} else := "unknown" if {
	nova.native_tls
	versions.native_tls_unknown
} else := "on" if {
	nova.native_tls
}

_tls_why := versions.native_tls_dropped if _tls == "dropped"

_tls_why := versions.native_tls_unknown if _tls == "unknown"

# METADATA
# title: control
# description: The control connection nova opens from this host's libvirtd to the destination's.
control := _unknown(nova.undecided) if {
	nova.undecided
} else := _protected(concat("", ["libvirt ", nova.control_transport, " transport"])) if {
	nova.control_transport in nova.encrypted_transports
} else := _unprotected("libvirt tcp transport: plain TCP") if {
	nova.control_transport == "tcp"
} else := _unknown(concat("", ["libvirt ", nova.control_transport, " transport"]))

# METADATA
# title: memory
# description: The stream of instance memory and device state.
memory := _unknown(nova.undecided) if {
	nova.undecided
} else := _protected("QEMU-native TLS") if {
	_tls == "on"
} else := _unknown(_tls_why) if {
	_tls == "unknown"
} else := _protected(concat("", ["tunnelled through the libvirt ", nova.control_transport, " connection"])) if {
	nova.tunnelled
	nova.control_transport in nova.encrypted_transports
} else := _unprotected(concat("", ["plain TCP from QEMU to QEMU: ", _tls_why])) if {
	_tls == "dropped"
} else := _unprotected("plain TCP from QEMU to QEMU")

# METADATA
# title: disks
# description: The NBD stream of local disks during a block migration; only native TLS covers it.
disks := _unknown(nova.undecided) if {
	nova.undecided
} else := _not_applicable("no block migration: when tunnelled nova sends no disk flag and libvirt refuses it") if {
	nova.tunnelled
	_tls in {"off", "dropped"}
} else := _protected("QEMU-native TLS") if {
	_tls == "on"
} else := _unknown(_tls_why) if {
	_tls == "unknown"
} else := _unprotected(concat("", ["plain NBD over TCP: ", _tls_why])) if {
	_tls == "dropped"
} else := _unprotected("plain NBD over TCP")

# METADATA
# title: authentication
# description: |
#   Whether the destination checks who sends: with native TLS, QEMU's verification of the
#   source's client certificate; when tunnelled, the libvirt transport's authentication.
authentication := _unknown(nova.undecided) if {
	nova.undecided
} else := _unknown("the tree holds no qemu.conf, which decides whether QEMU verifies the source's certificate") if {
	_tls == "on"
	not input.qemu.present
} else := _protected("the destination QEMU verifies the source's certificate") if {
	_tls == "on"
	libvirt.migrate_tls_verify == 1
} else := _unprotected("the destination QEMU accepts any client (certificate verification is off)") if {
	_tls == "on"
} else := _unknown(_tls_why) if {
	_tls == "unknown"
} else := _protected(concat("", ["the libvirt ", nova.control_transport, " transport"])) if {
	nova.tunnelled
	nova.control_transport in nova.encrypted_transports
} else := _unprotected("the QEMU migration port accepts any connection")

# METADATA
# title: authorisation
# description: |
#   Whether only the fleet's own hosts may connect: libvirtd's tls_allowed_dn_list. libvirt
#   sets no tls-authz for QEMU's migration stream, so any certificate the CA signed is
#   accepted there (D. Berrangé on qemu-devel, 2019).
authorisation := _unknown(unknown.reason) if {
	some unknown in libvirt.not_collected
} else := _unprotected(min(_open_tcp)) if {
	count(_open_tcp) > 0
} else := _tls_authorisation if {
	count(_tls_listeners) > 0
} else := _protected("libvirtd's TCP listener requires SASL credentials") if {
	some listener in libvirt.listeners
	listener.transport == "tcp"
} else := _unknown(input.libvirtd.not_collected) if {
	is_string(input.libvirtd.not_collected)
} else := _unknown(libvirt.listeners_unknown) if {
	libvirt.listeners_unknown
} else := _not_applicable("libvirtd listens for no remote client")

# TCP listeners without authentication: anyone who reaches the port gets in.
_open_tcp contains concat("", [
	listener.daemon, "'s TCP port ", format_int(to_number(listener.port), 10), " accepts anyone (auth_tcp = \"none\")",
]) if {
	some listener in libvirt.listeners
	listener.transport == "tcp"
	libvirt.daemon_option(listener.daemon, "auth_tcp").value == "none"
}

_no_verify := "tls_no_verify_certificate = 1: libvirtd checks no client certificate, nor its name"

# Who the TLS listener admits: SASL (checked whatever the certificate checks), the
# certificate checks, the DN list of the daemon that listens.
_tls_authorisation := _protected(concat("", [
	min(libvirt.sasl_on_tls), "'s auth_tls = sasl: a certificate alone is refused, the peer also needs SASL credentials",
])) if {
	count(libvirt.sasl_on_tls) > 0
} else := _unprotected(_no_verify) if {
	some listener in _tls_listeners
	libvirt.daemon_option(listener.daemon, "tls_no_verify_certificate").value == 1
} else := _unprotected(concat("", [
	"tls_allowed_dn_list admits any name (", pattern, "): any certificate the CA signed is accepted",
])) if {
	some pattern in _allowed_dns
	_any_name(pattern)
} else := _protected("tls_allowed_dn_list restricts libvirtd's clients") if {
	count(_allowed_dns) > 0
} else := _protected("tls_allowed_dn_list is empty: libvirtd refuses every client") if {
	some listener in _tls_listeners
	is_array(libvirt.daemon_option(listener.daemon, "tls_allowed_dn_list").value)
} else := _unprotected("any certificate signed by the CA is accepted")

# TLS endpoints of a migration whose key is not their certificate's: the handshake fails.
_tls_failures contains _mismatch(pair) if {
	_tls == "on"
	some pair in pki.mismatched
	startswith(pair.role, "QEMU's")
}

_tls_failures contains _mismatch(pair) if {
	nova.control_transport == "tls"
	some pair in pki.mismatched
	pair.role == "libvirtd's TLS client"
}

_tls_failures contains concat("", [
	entry.file.host_path, " does not name ", entry.target, ", the address peers migrate to",
]) if {
	some entry in pki.misnamed
	_connection_used(entry.connection)
}

_tls_failures contains concat("", ["QEMU refuses ", file.host_path, ": it is not valid at the scan time"]) if {
	_tls == "on"
	some file in pki.qemu_out_of_date
}

_connection_used("libvirt")

_connection_used("qemu") if _tls == "on"

_mismatch(pair) := concat("", [
	pair.role, "'s key ", pair.key.host_path, " does not belong to ", pair.certificate.host_path,
])

# A file the service names is missing: that is decided whatever the order.
_missing_named_file if count(input.nova.service.missing) > 0

# Why the summary is unknown: the first channel that is.
_unknown_reason := [channel.by | some channel in _channels; channel.status == "unknown"][0]

_tls_listeners := [listener | some listener in libvirt.listeners; listener.transport == "tls"]

_allowed_dns := [pattern |
	some listener in _tls_listeners
	dns := libvirt.daemon_option(listener.daemon, "tls_allowed_dn_list").value
	is_array(dns)
	some pattern in dns
]

# A pattern (fnmatch, as libvirt matches it) whose common name is any name at all.
_any_name("*")

# (^|,)CN=\*$ without a regex compiled at every evaluation.
_any_name("CN=*")

_any_name(pattern) if endswith(pattern, ",CN=*")

_any_name(pattern) if {
	not contains(pattern, "CN=")
	contains(pattern, "*")
}

# METADATA
# title: host
# description: The verdict for a host document, and its summary.
host := {
	"control": _channel(control),
	"memory": _channel(memory),
	"disks": _channel(disks),
	"authentication": _channel(authentication),
	"authorisation": _channel(authorisation),
	"summary": _summary,
	"reason": _reason,
}

_channels := [control, memory, disks, authentication, authorisation]

# Another compute driver: nova does not migrate through libvirt here (ironic, VMware, ...).
_channel(_) := _not_applicable(_not_libvirt) if not nova.libvirt_driver

_channel(verdict) := verdict if nova.libvirt_driver

_not_libvirt := concat("", ["compute_driver is ", nova.option("DEFAULT", "compute_driver").value, ", not libvirt"])

default _reason := ""

_reason := _not_libvirt if {
	not nova.libvirt_driver
} else := nova.undecided if {
	nova.undecided
	not _missing_named_file
} else := nova.start_error if {
	nova.start_error
} else := versions.too_old_to_start if {
	versions.too_old_to_start
} else := nova.migration_error if {
	nova.migration_error
} else := daemon_start.start_error if {
	daemon_start.start_error
} else := min(_tls_failures) if {
	count(_tls_failures) > 0
} else := _unknown_reason if {
	_summary == "unknown"
}

default _summary := "unknown"

_summary := "not applicable" if {
	not nova.libvirt_driver
} else := "unknown" if {
	# What the tree cannot decide decides nothing: not even that nova-compute does not start.
	nova.undecided
	not _missing_named_file
} else := "nova-compute does not start" if {
	nova.start_error
} else := "nova-compute does not start" if {
	versions.too_old_to_start
} else := "migrations fail" if {
	nova.migration_error
} else := "migrations fail" if {
	daemon_start.start_error
} else := "migrations fail" if {
	count(_tls_failures) > 0
} else := "encrypted and authenticated" if {
	every channel in _channels {
		channel.status in {"protected", "not-applicable"}
	}
} else := "not encrypted" if {
	some channel in [control, memory, disks]
	channel.status == "unprotected"
} else := "encrypted, not fully authenticated" if {
	every channel in [control, memory, disks] {
		channel.status in {"protected", "not-applicable"}
	}
	some channel in [authentication, authorisation]
	channel.status == "unprotected"
}
