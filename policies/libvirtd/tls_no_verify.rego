# METADATA
# title: libvirtd does not verify client certificates
# description: |
#   With `tls_no_verify_certificate = 1`, libvirtd's TLS listener accepts clients without
#   checking their certificates; "client certificate verification is the primary
#   authentication mechanism", so with `auth_tls = "none"` anyone who reaches port 16514
#   gets the full libvirt API.
# related_resources:
#   - ref: https://libvirt.org/kbase/tlscerts.html
#     description: "libvirt: TLS x509 certificate configuration"
# schemas:
#   - input: schema.host
# custom:
#   id: LV-004
#   severity: critical
#   security_severity: 9.1
#   cwe: [287]
#   remediation: Remove `tls_no_verify_certificate` (or set it to 0) and give every compute host a client certificate.
#   messages:
#     default: "{daemon} accepts TLS clients on port {port} without verifying their certificates"
package migpolicy.checks.libvirtd.tls_no_verify

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

deny contains result.fail_fixed(_chain, "default", option.location, args, listener.locations, fix) if {
	some listener in libvirt.listeners
	listener.transport == "tls"
	option := libvirt.daemon_option(listener.daemon, "tls_no_verify_certificate")
	option.value == 1
	args := {"daemon": listener.daemon, "port": listener.port}
	fix := libvirt.set_to(listener.daemon, "tls_no_verify_certificate", "tls_no_verify_certificate = 0", _fix)
}

not_evaluated contains result.skip(_chain, unknown.reason) if {
	some unknown in libvirt.not_collected
}

not_evaluated contains result.skip(_chain, libvirt.listeners_unknown)

_fix := "Verify client certificates"

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
