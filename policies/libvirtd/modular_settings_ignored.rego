# METADATA
# title: Remote access is served by virtproxyd, but only libvirtd.conf is configured
# description: |
#   On hosts with the modular daemons (the default on RHEL 9 and its derivatives), remote
#   connections go to virtproxyd, which reads /etc/libvirt/virtproxyd.conf. Hardening written
#   into libvirtd.conf - listen addresses, authentication, allowed DNs - does not apply to it.
# related_resources:
#   - ref: https://libvirt.org/daemons.html
#     description: "libvirt: modular daemons"
# schemas:
#   - input: schema.host
# custom:
#   id: LV-016
#   severity: medium
#   security_severity: 5.3
#   cwe: [693]
#   remediation: Put the remote-access settings into virtproxyd.conf (or move back to the monolithic libvirtd).
#   messages:
#     default: "virtproxyd serves remote connections but {option} is set only in libvirtd.conf"
package migpolicy.checks.libvirtd.modular_settings_ignored

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

_network_settings := {"auth_tls", "auth_tcp", "tls_allowed_dn_list", "listen_addr", "key_file", "cert_file", "ca_file"}

deny contains result.fail(_chain, "default", setting.location, {"option": option}) if {
	_virtproxyd_serves
	not input.virtproxyd.present
	some option in _network_settings
	setting := libvirt.daemon_option("libvirtd", option)
	setting.source == "file"
}

_virtproxyd_serves if libvirt.socket_activated("virtproxyd")

_virtproxyd_serves if libvirt.unit_active("virtproxyd.service")

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
