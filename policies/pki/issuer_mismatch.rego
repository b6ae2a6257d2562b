# METADATA
# title: A host certificate is not issued by the CA beside it
# description: |
#   Peers verify this host's certificate against the CA they trust (`ca-cert.pem` in QEMU's
#   folder, `cacert.pem` for libvirtd). A certificate whose issuer is not that CA's subject
#   fails verification ("hasn't got a known issuer") and every migration with this host
#   breaks.
# related_resources:
#   - ref: https://libvirt.org/kbase/tlscerts.html
#     description: "libvirt: TLS x509 certificate configuration"
# schemas:
#   - input: schema.host
# custom:
#   id: PKI-008
#   severity: medium
#   security_severity: 5.3
#   cwe: [295]
#   remediation: >-
#     Install the CA that issued the host certificates (with its intermediates), or re-issue them from the
#     fleet's CA.
#   messages:
#     default: "{file} is issued by {issuer}, not by the CA in {ca_file} ({ca})"
package migpolicy.checks.pki.issuer_mismatch

import data.migpolicy.lib.pki
import data.migpolicy.lib.result

_ca_files := {"ca-cert.pem", "cacert.pem"}

_leaf_files := {"server-cert.pem", "client-cert.pem", "servercert.pem", "clientcert.pem"}

_name(path) := parts[count(parts) - 1] if parts := split(path, "/")

deny contains result.fail(_chain, "default", pki.at(leaf.file), args) if {
	some ca in pki.certificates
	_name(ca.file.host_path) in _ca_files
	ca_dir := trim_suffix(ca.file.host_path, concat("", ["/", _name(ca.file.host_path)]))
	some leaf in pki.certificates
	_name(leaf.file.host_path) in _leaf_files
	startswith(leaf.file.host_path, concat("", [_pair_dir(ca_dir), "/"]))
	not _issued_by_any(leaf.certificate, ca.file)
	args := {
		"file": leaf.file.host_path, "issuer": leaf.certificate.issuer,
		"ca_file": ca.file.host_path, "ca": ca.certificate.subject,
	}
}

# libvirtd's CA is /etc/pki/CA/cacert.pem for the certificates in /etc/pki/libvirt.
_pair_dir("/etc/pki/CA") := "/etc/pki/libvirt"

_pair_dir(dir) := dir if dir != "/etc/pki/CA"

_issued_by_any(leaf, ca_file) if {
	some certificate in ca_file.certificates
	leaf.issuer == certificate.subject
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
