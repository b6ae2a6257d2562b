# METADATA
# title: QEMU's TLS priority string allows old protocols
# description: |
#   `default_tls_priority` and `migrate_tls_priority` are GnuTLS priority strings for QEMU's
#   TLS, including the migration stream. `+VERS-TLS1.0`, `+VERS-TLS1.1`, `+VERS-SSL3.0`,
#   `%COMPAT` or `NONE:` re-enable protocol versions open to downgrade attacks.
# related_resources:
#   - ref: https://gnutls.org/manual/html_node/Priority-Strings.html
#     description: "GnuTLS: priority strings"
# schemas:
#   - input: schema.host
# custom:
#   id: QEMU-010
#   severity: medium
#   security_severity: 5.9
#   cwe: [327]
#   remediation: Remove the priority setting to use the system policy, or drop the weakening tokens.
#   messages:
#     default: "{option} \"{priority}\" contains {token}"
package migpolicy.checks.qemu.tls_priority_weak

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

_weak := ["+VERS-TLS1.0", "+VERS-TLS1.1", "+VERS-SSL3.0", "%COMPAT", "NONE:"]

deny contains result.fail(_chain, "default", setting.location, args) if {
	some option in ["default_tls_priority", "migrate_tls_priority"]
	setting := libvirt.qemu_option(option)
	is_string(setting.value)
	some token in _weak
	contains(upper(setting.value), token)
	args := {"option": option, "priority": setting.value, "token": token}
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
