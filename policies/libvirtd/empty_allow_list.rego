# METADATA
# title: An empty allow list locks every client out
# description: |
#   libvirt treats an unset `tls_allowed_dn_list` or `sasl_allowed_username_list` as "no
#   check" but an empty list as "nobody": every remote connection, and so every live
#   migration to this host, is refused. Operators then tend to turn the checks off.
# related_resources:
#   - ref: https://libvirt.org/kbase/tlscerts.html
#     description: "libvirt: TLS x509 certificate configuration"
# schemas:
#   - input: schema.host
# custom:
#   id: LV-006
#   severity: low
#   security_severity: 3.7
#   cwe: [20]
#   remediation: List the compute hosts' distinguished names (or SASL user names) instead of leaving the list empty.
#   messages:
#     default: "{option} = [] in {daemon}'s configuration: no client can connect"
package migpolicy.checks.libvirtd.empty_allow_list

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", setting.location, {"daemon": daemon, "option": name}) if {
	some daemon in ["libvirtd", "virtproxyd"]
	some name in ["tls_allowed_dn_list", "sasl_allowed_username_list"]
	setting := libvirt.daemon_option(daemon, name)
	setting.value == []
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
