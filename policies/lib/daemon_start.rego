# METADATA
# title: Daemon start-up
# description: Whether the daemon that serves migrations starts with this host's files.
# schemas:
#   - input: schema.host
package migpolicy.lib.daemon_start

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.pki

# METADATA
# title: start_error
# scope: document
# description: |
#   Why the daemon that serves migrations refuses to start (libvirt 9 measured): a qemu.conf
#   that does not parse makes the QEMU driver fail and the daemon exit; a libvirtd.conf that
#   does not parse stops libvirtd; a TLS listener whose server certificate has expired stops
#   the daemon ("server certificate has expired").
start_error := concat("", ["the QEMU driver refuses ", input.qemu.file, ": ", input.qemu.error.message]) if {
	input.qemu.error
} else := concat("", ["libvirtd refuses ", input.libvirtd.file, ": ", input.libvirtd.error.message]) if {
	input.libvirtd.error
	not _modular
} else := concat("", ["the QEMU driver refuses ", input.qemu.file, ": ", min(_invalid("qemu"))]) if {
	count(_invalid("qemu")) > 0
} else := concat("", ["libvirtd refuses ", input.libvirtd.file, ": ", min(_invalid("libvirtd"))]) if {
	count(_invalid("libvirtd")) > 0
	not _modular
} else := "libvirtd refuses --listen under socket activation" if {
	libvirt.socket_activated("libvirtd")
	libvirt.listen_flag
} else := concat("", [
	libvirt.tls_daemon, " does not start: its key ", pair.key.host_path, " does not belong to its certificate ",
	pair.certificate.host_path,
]) if {
	some pair in pki.mismatched
	pair.role == concat("", [libvirt.tls_daemon, "'s TLS server"])
} else := concat("", [
	listener.daemon, " does not start: its server certificate ", file.host_path, " has expired",
]) if {
	some listener in libvirt.listeners
	listener.transport == "tls"
	some file in input.pki.files
	file.host_path == libvirt.daemon_option(listener.daemon, "cert_file").value
	file.certificates[0].not_after < input.scan_time
}

# Options whose value has the wrong type: the daemon stops ("expected a bool for 'listen_tls'").
_invalid(file) := {concat("", [name, ": ", option.invalid]) |
	some name, option in input[file].options
	is_string(option.invalid)
}

# The modular daemons run instead of libvirtd: libvirtd.conf is not read.
_modular if libvirt.unit_active("virtqemud.service")

_modular if libvirt.unit_active("virtqemud.socket")
