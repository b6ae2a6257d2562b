# METADATA
# title: A private key is committed in clear in the deployment repository
# description: |
#   kolla-ansible copies the libvirt TLS files from the repository (config/nova/nova-libvirt/,
#   Kayobe's certificates/libvirt/) to each compute host: a key committed in clear is readable by
#   everyone who can read the repository, its clones, forks and CI logs, and gives them the host's
#   libvirt identity, to connect to every peer's libvirtd as that host. A CA key (what
#   `kolla-ansible certificates` writes under certificates/private/) lets them mint a certificate
#   that every compute host accepts. Kayobe's documentation: "It is recommended to encrypt the key
#   files using Ansible Vault".
# related_resources:
#   - ref: https://docs.openstack.org/kolla-ansible/latest/reference/compute/libvirt-guide.html
#     description: "Kolla-Ansible: libvirt TLS"
#   - ref: https://docs.openstack.org/kayobe/latest/configuration/reference/hosts.html
#     description: "Kayobe: libvirt TLS certificates, to be encrypted with Ansible Vault"
#   - ref: https://www.qemu.org/docs/master/system/tls.html
#     description: "QEMU: the CA key must not be disclosed or copied anywhere but the issuing host"
# schemas:
#   - input: schema.host
# custom:
#   id: DEP-001
#   severity: high
#   security_severity: 8.2
#   cwe: [312, 522]
#   remediation: >-
#     Encrypt the key files with ansible-vault (kolla-ansible and Kayobe decrypt them when they
#     copy them), or keep them out of the repository, and replace the keys that were committed:
#     the repository's history keeps them.
#   messages:
#     default: >-
#       {file} holds a private key in clear: whoever can read the repository has this host's
#       libvirt identity
#     ca: >-
#       {file} is the private key of the CA the hosts trust, in clear: whoever can read the
#       repository can mint a certificate every compute host accepts
package migpolicy.checks.deployment.key_in_repository

import data.migpolicy.lib.result

deny contains result.fail(_chain, _message(key), key.location, {"file": key.location.file}) if {
	some key in input.deployment.keys_in_clear
}

_message(key) := "ca" if key.ca

_message(key) := "default" if not key.ca

# The package's METADATA, built once an evaluation rather than for each finding.
_chain := rego.metadata.chain()
