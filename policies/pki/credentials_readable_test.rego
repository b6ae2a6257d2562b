package migpolicy.checks.pki.credentials_readable_test

import data.migpolicy.checks.pki.credentials_readable
import data.migpolicy.lib.fixtures_test as fx

_doc(mode) := object.union(fx.defaults, {"pki": {"credentials": [{
	"path": "etc/libvirt/passwd.db", "host_path": "/etc/libvirt/passwd.db", "mode": mode, "owner": "root", "group": "root",
}]}})

test_deny_readable_sasl_database if {
	credentials_readable.deny == {{
		"rule": "PKI-011", "message": "default",
		"location": {"file": "etc/libvirt/passwd.db", "line": 1, "column": 1},
		"args": {"file": "/etc/libvirt/passwd.db", "mode": "0644"}, "related": [],
		"fix": {"description": "Make the file unreadable by others", "edits": [], "command": "chmod o-rwx /etc/libvirt/passwd.db"},
	}} with input as _doc(420)
}

test_allow_private if {
	count(credentials_readable.deny) == 0 with input as _doc(384)
}
