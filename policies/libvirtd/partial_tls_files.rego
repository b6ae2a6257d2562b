# METADATA
# title: Only some of key_file, cert_file and ca_file are set
# description: |
#   libvirtd needs its key, its certificate and the CA together: setting any of `key_file`,
#   `cert_file` or `ca_file` requires all three, or the TLS listener fails to start ("No CA
#   certificate path set to match server key/cert").
# related_resources:
#   - ref: https://libvirt.org/kbase/tlscerts.html
#     description: "libvirt: TLS x509 certificate configuration"
# schemas:
#   - input: schema.host
# custom:
#   id: LV-011
#   severity: low
#   security_severity: 3.1
#   cwe: [20]
#   remediation: Set all three of `key_file`, `cert_file` and `ca_file`, or none.
#   messages:
#     default: "{daemon} sets {set} but not {missing}: its TLS listener cannot start"
package migpolicy.checks.libvirtd.partial_tls_files

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

_files := ["key_file", "cert_file", "ca_file"]

deny contains result.fail(_chain, "default", location, args) if {
	some daemon in ["libvirtd", "virtproxyd"]
	set := [name | some name in _files; _set(daemon, name)]
	count(set) > 0
	missing := [name | some name in _files; not _set(daemon, name)]
	count(missing) > 0
	location := libvirt.daemon_option(daemon, set[0]).location
	args := {"daemon": daemon, "set": concat(", ", set), "missing": concat(", ", missing)}
}

_set(daemon, name) if {
	setting := libvirt.daemon_option(daemon, name)
	setting.source == "file"
	setting.value != ""
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
