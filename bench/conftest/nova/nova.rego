# The v0 nova.conf checks of migpolicy (NOVA-002, NOVA-003, NOVA-005) written as a conftest
# user would: over conftest's own INI input (`--parser ini --combine`: a list of
# {path, contents}; contents is {section: {key: value}}, values already typed by conftest).
package main

_encrypted := {"tls", "ssh", "libssh", "libssh2"}

_libvirt(file) := object.get(file.contents, "libvirt", {})

# oslo.config booleans: true/1/on/yes in any case.
_true(value) if value == true

_true(value) if value == 1

_true(value) if lower(sprintf("%v", [value])) in {"on", "yes"}

_native_tls(file) if _true(_libvirt(file).live_migration_with_native_tls)

_tunnelled(file) if _true(_libvirt(file).live_migration_tunnelled)

# The transport of nova's migration URI: live_migration_uri's "qemu+<transport>://", else
# live_migration_scheme, else tcp.
_transport(file) := transport if {
	uri := _libvirt(file).live_migration_uri
	scheme := split(uri, "://")[0]
	transport := object.get({"qemu": "unix"}, scheme, trim_prefix(scheme, "qemu+"))
} else := scheme if {
	scheme := _libvirt(file).live_migration_scheme
	scheme != ""
} else := "tcp"

deny contains msg if {
	some file in input
	_native_tls(file)
	not _transport(file) in _encrypted
	msg := sprintf("%s: NOVA-002 native TLS is on but the migration URI uses %s", [file.path, _transport(file)])
}

deny contains msg if {
	some file in input
	not _native_tls(file)
	not _tunnelled(file)
	msg := sprintf("%s: NOVA-003 neither native TLS nor tunnelling: memory migrates in clear", [file.path])
}

deny contains msg if {
	some file in input
	not _native_tls(file)
	_tunnelled(file)
	not _transport(file) in _encrypted
	msg := sprintf("%s: NOVA-003 tunnelled over %s: memory migrates in clear", [file.path, _transport(file)])
}

deny contains msg if {
	some file in input
	_native_tls(file)
	_tunnelled(file)
	msg := sprintf("%s: NOVA-005 tunnelling and native TLS are both on: nova-compute does not start", [file.path])
}
