# METADATA
# title: A host certificate cannot serve its role
# description: |
#   libvirt and QEMU check host certificates when they load them: a server or client
#   certificate must not be a CA; its key usage, when critical, must allow digital
#   signatures; its extended key usage, when critical, must include TLS server (for
#   server-cert.pem, servercert.pem) or TLS client authentication (client-cert.pem,
#   clientcert.pem). A certificate that fails is refused and migrations stop.
# related_resources:
#   - ref: https://libvirt.org/kbase/tlscerts.html
#     description: "libvirt: TLS x509 certificate configuration"
# schemas:
#   - input: schema.host
# custom:
#   id: PKI-006
#   severity: low
#   security_severity: 3.7
#   cwe: [295]
#   remediation: >-
#     Re-issue the certificate as a leaf with digitalSignature and keyEncipherment, serverAuth and clientAuth.
#   messages:
#     ca: "{file} is a CA certificate, but it is used as a host's {role} certificate"
#     key_usage: "{file}: its critical key usage does not allow digital signatures"
#     ext_key_usage: "{file}: its critical extended key usage lacks {purpose}"
package migpolicy.checks.pki.certificate_usage

import data.migpolicy.lib.pki
import data.migpolicy.lib.result

_roles := {
	"server-cert.pem": "server", "servercert.pem": "server",
	"client-cert.pem": "client", "clientcert.pem": "client",
}

_purpose := {"server": "serverAuth", "client": "clientAuth"}

_role(file) := _roles[name] if {
	parts := split(file.host_path, "/")
	name := parts[count(parts) - 1]
}

deny contains result.fail(_chain, "ca", pki.at(entry.file), args) if {
	some entry in pki.certificates
	role := _role(entry.file)
	entry.certificate.is_ca
	args := {"file": entry.file.host_path, "role": role}
}

deny contains result.fail(_chain, "key_usage", pki.at(entry.file), {"file": entry.file.host_path}) if {
	some entry in pki.certificates
	_role(entry.file)
	entry.certificate.key_usage_critical
	not "digitalSignature" in entry.certificate.key_usage
}

deny contains result.fail(_chain, "ext_key_usage", pki.at(entry.file), args) if {
	some entry in pki.certificates
	role := _role(entry.file)
	entry.certificate.ext_key_usage_critical
	not _purpose[role] in entry.certificate.ext_key_usage
	args := {"file": entry.file.host_path, "purpose": _purpose[role]}
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
