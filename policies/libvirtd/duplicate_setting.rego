# METADATA
# title: A libvirt setting appears twice and the first one wins
# description: |
#   libvirt's virConf keeps every occurrence and looks up the first (virConfGetValue walks
#   from the top), the opposite of oslo.config. A later line that an administrator appended
#   to harden the daemon - `auth_tcp = "sasl"` below the shipped `auth_tcp = "none"` - has
#   no effect.
# related_resources:
#   - ref: https://gitlab.com/libvirt/libvirt/-/blob/master/src/util/virconf.c
#     description: "libvirt: src/util/virconf.c (virConfGetValue)"
# schemas:
#   - input: schema.host
# custom:
#   id: LV-015
#   severity: medium
#   security_severity: 5.3
#   cwe: [436]
#   remediation: Delete the later occurrences and set the value you want on the first line.
#   messages:
#     default: "{option} is set again later in {file}; libvirt uses this first value, \"{value}\""
package migpolicy.checks.libvirtd.duplicate_setting

import data.migpolicy.lib.result

deny contains result.fail_related(_chain, "default", setting.location, args, setting.shadowed) if {
	some name in ["libvirtd", "virtproxyd", "qemu"]
	config := input[name]
	some option, setting in config.options
	count(setting.shadowed) > 0
	args := {"option": option, "file": config.file, "value": json.marshal(setting.value)}
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
