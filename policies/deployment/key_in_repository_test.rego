package migpolicy.checks.deployment.key_in_repository_test

import data.migpolicy.checks.deployment.key_in_repository

_at(file) := {"file": file, "line": 1, "column": 1}

_deployment(keys) := {"tool": "kolla-ansible", "release": "2024.1", "release_source": "repository", "keys_in_clear": keys}

test_deny_a_host_key_in_clear if {
	findings := key_in_repository.deny with input.deployment as _deployment([{"location": _at("config/nova/nova-libvirt/c1/serverkey.pem"), "ca": false}])
	count(findings) == 1
	some finding in findings
	finding.rule == "DEP-001"
	finding.message == "default"
	finding.location.file == "config/nova/nova-libvirt/c1/serverkey.pem"
}

test_deny_the_ca_key_in_clear if {
	findings := key_in_repository.deny with input.deployment as _deployment([{"location": _at("certificates/private/root/root.key"), "ca": true}])
	some finding in findings
	finding.message == "ca"
}

test_allow_no_key_in_clear if {
	count(key_in_repository.deny) == 0 with input.deployment as _deployment([])
}

test_allow_not_a_repository_host if {
	count(key_in_repository.deny) == 0 with input as {}
}
