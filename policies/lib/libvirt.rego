# METADATA
# title: libvirt helpers
# description: |
#   Effective settings of the libvirt daemons and of the QEMU driver, as libvirt
#   resolves them (src/remote/remote_daemon_config.c, src/qemu/qemu_conf.c).
# schemas:
#   - input: schema.host
package migpolicy.lib.libvirt

# METADATA
# title: daemon_option
# description: The effective option of libvirtd.conf (the first occurrence wins).
daemon_option(name) := input.libvirtd.options[name]

# METADATA
# title: qemu_option
# description: The effective option of qemu.conf (the first occurrence wins).
qemu_option(name) := input.qemu.options[name]

# METADATA
# title: listen_flag
# description: libvirtd runs with -l/--listen, so listen_tcp and listen_tls are honoured.
listen_flag if {
	some word in input.daemon.libvirtd_args.words
	word in {"--listen", "-l"}
}

# METADATA
# title: tcp_listener
# description: libvirtd accepts plain TCP connections (traditional mode, --listen and listen_tcp = 1).
tcp_listener if {
	listen_flag
	daemon_option("listen_tcp").value == 1
}

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
