# METADATA
# title: The server certificate does not name the address peers connect to
# description: |
#   The migration source checks that the destination's server certificates (QEMU's with
#   native TLS, the libvirt daemon's for a `qemu+tls` connection) name the host it connects
#   to: the destination's `live_migration_inbound_addr`, else its host name (libvirt:
#   "Certificate ... owner does not match the hostname"; QEMU's tls-hostname). A certificate
#   without that name in its SANs (or CN) makes migrations to this host fail - and invites
#   `no_verify=1`.
# related_resources:
#   - ref: https://libvirt.org/kbase/tlscerts.html
#     description: "libvirt: TLS x509 certificate configuration"
#   - ref: https://www.qemu.org/docs/master/system/tls.html
#     description: "QEMU: TLS setup for network services"
# schemas:
#   - input: schema.host
# custom:
#   id: PKI-007
#   severity: medium
#   security_severity: 5.3
#   cwe: [297]
#   remediation: Re-issue the server certificate with the name (or IP address) peers use in its subjectAltName.
#   messages:
#     default: "{file} names {names}, not {target}, the address peers migrate to"
package migpolicy.checks.pki.certificate_names

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.nova
import data.migpolicy.lib.pki
import data.migpolicy.lib.result

_target := nova.option("libvirt", "live_migration_inbound_addr").value if {
	is_string(nova.option("libvirt", "live_migration_inbound_addr").value)
} else := input.host.name if input.host.name_source == "tree"

deny contains result.fail(rego.metadata.chain(), "default", pki.at(entry.file), args) if {
	some entry in pki.certificates
	entry.file.host_path in _server_certificates
	names := array.concat(entry.certificate.san_dns, entry.certificate.san_ip)
	count(names) > 0
	not _covered(_target, entry.certificate)
	args := {"file": entry.file.host_path, "names": concat(", ", names), "target": _target}
}

_server_certificates contains concat("/", [input.pki.qemu.migrate_dir.host_path, "server-cert.pem"]) if nova.native_tls

_server_certificates contains path if {
	nova.control_transport == "tls"
	not _no_verify
	path := object.get(input[libvirt.tls_daemon].options, ["cert_file", "value"], "/etc/pki/libvirt/servercert.pem")
}

_no_verify if contains(nova.uri_template, "no_verify=1")

_covered(target, certificate) if lower(target) in {lower(name) | some name in certificate.san_dns}

_covered(target, certificate) if target in certificate.san_ip

_covered(target, certificate) if {
	parts := split(lower(target), ".")
	parent := concat(".", array.slice(parts, 1, count(parts)))
	some name in certificate.san_dns
	startswith(name, "*.")
	parent == substring(lower(name), 2, -1)
}
