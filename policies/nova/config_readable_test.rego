package migpolicy.checks.nova.config_readable_test

import data.migpolicy.checks.nova.config_readable
import data.migpolicy.lib.fixtures_test as fx

_password := {"secret": true, "value": null, "source": "file", "location": {"file": fx.nova_conf, "line": 4, "column": 1}}

_doc(mode) := _with_options(mode, {"password": _password})

_with_options(mode, options) := object.union(fx.defaults, {"nova": {
	"file_modes": [{
		"path": fx.nova_conf, "host_path": "/etc/nova/nova.conf", "mode": mode, "owner": "root", "group": "nova",
	}],
	"sections": {"keystone_authtoken": {"present": true, "anchor": {"file": fx.nova_conf, "line": 3, "column": 1}, "options": options}},
}})

test_deny_world_readable if {
	config_readable.deny == {{
		"rule": "NOVA-022", "message": "default",
		"location": {"file": fx.nova_conf, "line": 1, "column": 1},
		"args": {"file": "/etc/nova/nova.conf", "mode": "0644"}, "related": [],
		"fix": {"description": "Make the file unreadable by others", "edits": [], "command": "chmod o-rwx /etc/nova/nova.conf"},
	}} with input as _doc(420)
}

test_allow_debian_mode if {
	count(config_readable.deny) == 0 with input as _doc(416)
}

# A readable nova.conf that sets no credential (they live in another file) discloses none.
test_allow_readable_without_credentials if {
	count(config_readable.deny) == 0 with input as _with_options(420, {})
}

# A credential shadowed by a later file is still in the readable one.
test_deny_shadowed_credential if {
	elsewhere := object.union(_password, {
		"location": {"file": "etc/nova/nova.conf.d/secrets.conf", "line": 2, "column": 1},
		"shadowed": [{"file": fx.nova_conf, "line": 4, "column": 1}],
	})
	count(config_readable.deny) == 1 with input as _with_options(420, {"password": elsewhere})
}

# rbd_secret_uuid is redacted like a secret, but names a libvirt secret: no credential.
test_allow_readable_with_only_a_secret_uuid if {
	secret_uuid := object.union(_password, {"value": null})
	count(config_readable.deny) == 0 with input as _with_options(420, {"rbd_secret_uuid": secret_uuid})
}
