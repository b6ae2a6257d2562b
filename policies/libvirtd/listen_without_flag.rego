# METADATA
# title: libvirtd is told to listen but never does
# description: |
#   In traditional mode libvirtd honours `listen_tls` and `listen_tcp` only when started with
#   `--listen`. Without it (and without socket units) the settings do nothing: peers cannot
#   connect, migrations fail, and operators are pushed to weaker workarounds.
# related_resources:
#   - ref: https://libvirt.org/manpages/libvirtd.html
#     description: "libvirtd(8): --listen"
# schemas:
#   - input: schema.host
# custom:
#   id: LV-010
#   severity: low
#   security_severity: 3.1
#   cwe: [693]
#   remediation: |
#     Enable libvirtd-tls.socket (libvirt 5.6 and later), or add `--listen` to LIBVIRTD_ARGS with
#     the socket units masked.
#   messages:
#     default: "{option} = 1 in libvirtd.conf, but libvirtd runs without --listen: nothing listens"
package migpolicy.checks.libvirtd.listen_without_flag

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", setting.location, {"option": name}) if {
	input.daemon.systemd
	not libvirt.socket_activated("libvirtd")
	not libvirt.listen_flag
	libvirt.unit_active("libvirtd.service")
	some name in ["listen_tls", "listen_tcp"]
	setting := libvirt.daemon_option("libvirtd", name)
	setting.source == "file"
	setting.value == 1
}

not_evaluated contains result.skip(_chain, libvirt.listeners_unknown)

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
