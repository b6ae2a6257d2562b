# METADATA
# title: libvirtd's TLS priority string allows old protocols
# description: |
#   `tls_priority` is a GnuTLS priority string. Adding `+VERS-TLS1.0`, `+VERS-TLS1.1` or
#   `+VERS-SSL3.0`, `%COMPAT`, or starting from `NONE:` re-enables protocol versions and
#   workarounds that allow downgrade attacks on the libvirt connection.
# related_resources:
#   - ref: https://gnutls.org/manual/html_node/Priority-Strings.html
#     description: "GnuTLS: priority strings"
# schemas:
#   - input: schema.host
# custom:
#   id: LV-012
#   severity: medium
#   security_severity: 5.9
#   cwe: [327]
#   remediation: Remove `tls_priority` to use the system's policy, or use a string without the weakening tokens.
#   messages:
#     default: "{daemon}'s tls_priority \"{priority}\" contains {token}"
package migpolicy.checks.libvirtd.tls_priority_weak

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

_weak := ["+VERS-TLS1.0", "+VERS-TLS1.1", "+VERS-SSL3.0", "%COMPAT", "NONE:"]

deny contains result.fail(_chain, "default", setting.location, args) if {
	some daemon in ["libvirtd", "virtproxyd"]
	setting := libvirt.daemon_option(daemon, "tls_priority")
	is_string(setting.value)
	some token in _weak
	contains(upper(setting.value), token)
	args := {"daemon": daemon, "priority": setting.value, "token": token}
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
