package migpolicy.checks.libvirtd.no_access_control_test

import data.migpolicy.checks.libvirtd.no_access_control
import data.migpolicy.lib.fixtures_test as fx

test_deny_listener_without_acl if {
	no_access_control.deny == {{
		"rule": "LV-017", "message": "default",
		"location": {"file": fx.libvirtd_conf, "line": 1, "column": 1},
		"args": {"daemon": "libvirtd", "transport": "tls", "port": "16514"}, "related": [],
	}} with input as fx.host({}, {}, {}, ["--listen"])
}

test_allow_polkit if {
	doc := fx.host({}, {"access_drivers": fx.libvirtd_option(["polkit"], 400)}, {}, ["--listen"])
	count(no_access_control.deny) == 0 with input as doc
}
