package migpolicy.checks.pki.libvirt_key_group_test

import data.migpolicy.checks.pki.libvirt_key_group
import data.migpolicy.lib.fixtures_test as fx

test_deny_group_users if {
	key := object.union(fx.key_file("/etc/pki/libvirt/private/serverkey.pem", 416, []), {"group": "users"})
	libvirt_key_group.deny == {{
		"rule": "PKI-003", "message": "default",
		"location": {"file": "etc/pki/libvirt/private/serverkey.pem", "line": 1, "column": 1},
		"args": {"file": "/etc/pki/libvirt/private/serverkey.pem", "group": "users"}, "related": [],
	}} with input as fx.with_pki(fx.defaults, [key])
}

test_allow_root_only if {
	key := fx.key_file("/etc/pki/libvirt/private/serverkey.pem", 384, [])
	count(libvirt_key_group.deny) == 0 with input as fx.with_pki(fx.defaults, [key])
}

test_deny_unnamed_group_by_id if {
	key := object.union(fx.key_file("/etc/pki/libvirt/private/serverkey.pem", 416, []), {"group": null, "gid": 1000})
	libvirt_key_group.deny == {{
		"rule": "PKI-003", "message": "unnamed_group",
		"location": {"file": "etc/pki/libvirt/private/serverkey.pem", "line": 1, "column": 1},
		"args": {"file": "/etc/pki/libvirt/private/serverkey.pem", "gid": 1000}, "related": [],
	}} with input as fx.with_pki(fx.defaults, [key])
}

test_allow_root_group_without_group_file if {
	key := object.union(fx.key_file("/etc/pki/libvirt/private/serverkey.pem", 416, []), {"group": null, "gid": 0})
	count(libvirt_key_group.deny) == 0 with input as fx.with_pki(fx.defaults, [key])
}

test_allow_unknown_owner if {
	key := object.union(fx.key_file("/etc/pki/libvirt/private/serverkey.pem", 416, []), {"group": null, "gid": null})
	count(libvirt_key_group.deny) == 0 with input as fx.with_pki(fx.defaults, [key])
}
