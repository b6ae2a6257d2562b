# METADATA
# title: A libvirt daemon cannot read its configuration
# description: |
#   libvirt's virConf parser stops at the first syntax error (an unquoted word such as
#   `auth_tcp = none`, an unterminated string, a comment inside a list), and the daemons
#   reject values of the wrong type (`listen_tls = "1"`: "expected a bool"). Either way the
#   daemon refuses to start, and with it every migration to and from this host.
# related_resources:
#   - ref: https://libvirt.org/kbase/tlscerts.html
#     description: "libvirt: configuration files (virConf syntax as in libvirtd.conf)"
# schemas:
#   - input: schema.host
# custom:
#   id: LV-014
#   severity: medium
#   security_severity: 4.3
#   cwe: [20]
#   remediation: Quote strings, write booleans as 0 or 1 without quotes, and keep comments out of lists.
#   messages:
#     syntax: "{file} does not parse ({error}): the daemon refuses to start"
#     type: "{option} in {file}: {error}; the daemon refuses to start"
package migpolicy.checks.libvirtd.config_rejected

import data.migpolicy.lib.result

deny contains result.fail(_chain, "syntax", error.location, args) if {
	some name in ["libvirtd", "virtproxyd", "qemu"]
	config := input[name]
	error := config.error
	args := {"file": config.file, "error": error.message}
}

deny contains result.fail(_chain, "type", setting.location, args) if {
	some name in ["libvirtd", "virtproxyd", "qemu"]
	config := input[name]
	some option, setting in config.options
	args := {"file": config.file, "option": option, "error": setting.invalid}
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
