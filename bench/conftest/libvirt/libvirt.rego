# The v0 libvirt checks of migpolicy (LV-001, QEMU-001) written as a conftest user would:
# over conftest's own properties input (`--parser properties --combine`: a list of
# {path, contents}; contents is {key: raw string}, so virConf strings keep their quotes).
# QEMU-001's "while nova uses native TLS" needs nova.conf, which conftest reads with another
# parser in another run: here verification off is reported on its own (less work).
package main

_unquote(value) := trim(trim_space(value), `"'`)

_files_named(suffixes) := {host: file.contents |
	some file in input
	some suffix in suffixes
	endswith(file.path, suffix)
	host := trim_suffix(file.path, suffix)
}

_libvirtd := _files_named({"etc/libvirt/libvirtd.conf", _kolla_libvirtd})

_qemu := _files_named({"etc/libvirt/qemu.conf", "etc/kolla/nova-libvirt/qemu.conf"})

_args := _files_named({"etc/sysconfig/libvirtd", "etc/default/libvirtd"})

_kolla_libvirtd := "etc/kolla/nova-libvirt/libvirtd.conf"

_kolla := _files_named({_kolla_libvirtd})

_listening(host) if contains(object.get(_args, [host, "LIBVIRTD_ARGS"], ""), "--listen")

# Kolla's nova_libvirt container runs `libvirtd --listen`.
_listening(host) if _kolla[host]

deny contains msg if {
	some host, conf in _libvirtd
	_listening(host)
	_unquote(object.get(conf, "listen_tcp", "0")) == "1"
	_unquote(object.get(conf, "auth_tcp", "sasl")) == "none"
	msg := sprintf("%s: LV-001 libvirtd accepts TCP without authentication", [host])
}

_verify(conf) := _unquote(conf.migrate_tls_x509_verify)

_verify(conf) := _unquote(object.get(conf, "default_tls_x509_verify", "1")) if not conf.migrate_tls_x509_verify

deny contains msg if {
	some host, conf in _qemu
	_verify(conf) == "0"
	msg := sprintf("%s: QEMU-001 migration TLS does not verify the peer", [host])
}
