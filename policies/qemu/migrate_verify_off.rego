# METADATA
# title: Native TLS migration without peer certificate verification
# description: |
#   When nova migrates with QEMU-native TLS, the destination QEMU is the TLS server of the
#   migration stream. `migrate_tls_x509_verify` (or, when it is unset,
#   `default_tls_x509_verify`) decides whether it asks the source for a client certificate
#   and checks it against the CA. With verification off, anyone who can reach the migration
#   port can feed a guest's memory and device state into this host: the stream is
#   encrypted, but not authenticated. The Nova guide requires `default_tls_x509_verify = 1`.
# related_resources:
#   - ref: https://docs.openstack.org/nova/latest/admin/secure-live-migration-with-qemu-native-tls.html
#     description: "Nova: Secure live migration with QEMU-native TLS"
#   - ref: https://www.qemu.org/docs/master/system/tls.html
#     description: "QEMU: TLS setup for network services"
# schemas:
#   - input: schema.host
# custom:
#   id: QEMU-001
#   severity: high
#   security_severity: 8.1
#   cwe: [287]
#   remediation: |
#     Set `default_tls_x509_verify = 1` in qemu.conf and remove any `migrate_tls_x509_verify = 0`,
#     then make sure every compute host has a client certificate (client-cert.pem,
#     client-key.pem) signed by the migration CA.
#   messages:
#     default: >-
#       native TLS migration is enabled but {option} = 0: the destination accepts migration
#       streams from any client without checking its certificate
package migpolicy.checks.qemu.migrate_verify_off

import data.migpolicy.lib.libvirt
import data.migpolicy.lib.nova
import data.migpolicy.lib.result

deny contains result.fail_fixed(_chain, "default", location, {"option": _verify_option}, [], fix) if {
	nova.native_tls
	libvirt.migrate_tls_verify == 0
	location := libvirt.migrate_tls_verify_location
	text := concat("", [_verify_option, " = 1"])
	fix := libvirt.set_to("qemu", _verify_option, text, "Verify the source's client certificate")
}

default _verify_option := "default_tls_x509_verify"

_verify_option := "migrate_tls_x509_verify" if {
	libvirt.qemu_option("migrate_tls_x509_verify").source == "file"
}

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
