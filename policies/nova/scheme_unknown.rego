# METADATA
# title: live_migration_scheme is not a secure libvirt transport
# description: |
#   nova does not validate `live_migration_scheme`; libvirt accepts the transports tls, ssh,
#   libssh, libssh2, tcp, unix and ext. Anything else (a typo, or a value with an inline
#   comment, which oslo.config keeps as part of the value) makes every migration fail with
#   "transport in URL not recognised"; `unix` cannot reach another host and `ext` runs an
#   external command. Plain `tcp` is reported by NOVA-001 and NOVA-002.
# related_resources:
#   - ref: https://libvirt.org/uri.html
#     description: "libvirt: connection URIs (transports)"
# schemas:
#   - input: schema.host
# custom:
#   id: NOVA-009
#   severity: medium
#   security_severity: 4.3
#   cwe: [20]
#   remediation: Set `live_migration_scheme = tls` (or `ssh`), with no comment on the same line.
#   messages:
#     default: live_migration_scheme = "{scheme}" is not a transport that encrypts and authenticates
package migpolicy.checks.nova.scheme_unknown

import data.migpolicy.lib.nova
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", option.location, {"scheme": option.value}) if {
	not nova.uri_template
	option := nova.option("libvirt", "live_migration_scheme")
	is_string(option.value)
	option.value != ""
	not lower(option.value) in (nova.encrypted_transports | {"tcp"})
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
