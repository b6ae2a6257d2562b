package migpolicy.checks.pki.key_readable_by_others_test

import data.migpolicy.checks.pki.key_readable_by_others
import data.migpolicy.lib.fixtures_test as fx

test_deny_old_guide_server_key if {
	key := fx.key_file("/etc/pki/qemu/server-key.pem", 388, [])
	key_readable_by_others.deny == {{
		"rule": "PKI-001", "message": "default",
		"location": {"file": "etc/pki/qemu/server-key.pem", "line": 1, "column": 1},
		"args": {"file": "/etc/pki/qemu/server-key.pem", "mode": "0604"}, "related": [],
		"fix": {"description": "Make the key unreadable by others", "edits": [], "command": "chmod o-rwx /etc/pki/qemu/server-key.pem"},
	}} with input as fx.with_pki(fx.defaults, [key])
}

test_allow_current_guide_modes if {
	count(key_readable_by_others.deny) == 0 with input as fx.with_pki(fx.defaults, fx.qemu_folder)
}

test_not_evaluated_in_a_git_checkout if {
	doc := object.union(fx.defaults, {"pki": {"modes": "not-meaningful"}})
	{s.rule | some s in key_readable_by_others.not_evaluated} == {"PKI-001"} with input as doc
}
