# METADATA
# title: Any certificate the CA signed may control libvirtd
# description: |
#   With `auth_tls = "none"` the client certificate is the whole authentication, and without
#   `tls_allowed_dn_list` libvirtd accepts every certificate its CA ever signed - a web
#   server's, a laptop's, another cloud's. OSSN-0007: "if you don't configure authorization,
#   any X.509 client certificate that is signed by your issuing CA will be allowed access".
#   The QEMU migration stream has the same CA-wide trust, which libvirt cannot narrow
#   (D. Berrangé on qemu-devel: "any host with a valid cert gets allowed").
# related_resources:
#   - ref: https://wiki.openstack.org/wiki/OSSN/OSSN-0007
#     description: "OSSN-0007: Live migration instructions recommend unsecured libvirt remote access"
#   - ref: https://lists.gnu.org/archive/html/qemu-devel/2019-09/msg00370.html
#     description: "qemu-devel: UUID validation during migration (D. Berrangé on migration TLS trust)"
#   - ref: https://libvirt.org/kbase/tlscerts.html
#     description: "libvirt: TLS x509 certificate configuration"
# schemas:
#   - input: schema.host
# custom:
#   id: LV-005
#   severity: medium
#   security_severity: 6.5
#   cwe: [863]
#   remediation: |
#     Set `tls_allowed_dn_list` in libvirtd.conf to the exact distinguished name of each
#     compute host's client certificate, e.g. `tls_allowed_dn_list = ["C=GB,O=Example,CN=compute-1.example.org",
#     "C=GB,O=Example,CN=compute-2.example.org"]` (no wildcard: any certificate so named would pass).
#   messages:
#     default: "{daemon} accepts on TLS port {port} any client certificate the CA signed (no tls_allowed_dn_list)"
package migpolicy.checks.libvirtd.ca_wide_trust

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.result

deny contains result.fail(_chain, "default", location, args) if {
	some listener in libvirt.listeners
	listener.transport == "tls"
	libvirt.daemon_option(listener.daemon, "auth_tls").value == "none"
	libvirt.daemon_option(listener.daemon, "tls_allowed_dn_list").value == null
	location := libvirt.where(listener.daemon, "tls_allowed_dn_list")
	args := {"daemon": listener.daemon, "port": listener.port}
}

not_evaluated contains result.skip(_chain, unknown.reason) if {
	some unknown in libvirt.not_collected
}

not_evaluated contains result.skip(_chain, libvirt.listeners_unknown)

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
