# METADATA
# title: --listen with systemd socket activation stops libvirtd
# description: |
#   Since libvirt 5.6 libvirtd is socket-activated. Started with its sockets from systemd
#   and `--listen` (as the Nova guide tells operators to put in LIBVIRTD_ARGS), it exits:
#   "--listen parameter not permitted with systemd activation sockets". The host then has no
#   libvirtd at all until the sockets are masked or `--listen` removed.
# related_resources:
#   - ref: https://libvirt.org/daemons.html
#     description: "libvirt: daemons (socket activation and --listen)"
#   - ref: https://docs.openstack.org/nova/latest/admin/secure-live-migration-with-qemu-native-tls.html
#     description: "Nova: Secure live migration with QEMU-native TLS"
# schemas:
#   - input: schema.host
# custom:
#   id: LV-009
#   severity: medium
#   security_severity: 5.3
#   cwe: [670]
#   remediation: |
#     Either remove `--listen` and enable libvirtd-tls.socket, or mask all libvirtd sockets:
#     `systemctl mask libvirtd.socket libvirtd-ro.socket libvirtd-admin.socket`
#     `libvirtd-tls.socket libvirtd-tcp.socket`.
#   messages:
#     default: LIBVIRTD_ARGS has --listen but libvirtd.socket is enabled, so libvirtd refuses to start
package migpolicy.checks.libvirtd.listen_with_socket_activation

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

deny contains result.fail_related(_chain, "default", args.location, {}, related) if {
	libvirt.listen_flag
	libvirt.socket_activated("libvirtd")
	args := input.daemon.libvirtd_args
	related := [location | location := input.daemon.units["libvirtd.socket"].location]
}

not_evaluated contains result.skip(_chain, libvirt.listeners_unknown)

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
