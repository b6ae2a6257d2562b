package migpolicy.checks.libvirtd.listen_without_flag_test

import data.migpolicy.checks.libvirtd.listen_without_flag
import data.migpolicy.lib.fixtures_test as fx

_service := {"libvirtd.service": fx.unit("enabled", "etc/systemd/system/multi-user.target.wants/libvirtd.service")}

test_deny_listen_tls_without_flag if {
	doc := fx.with_units(fx.host({}, {"listen_tls": fx.libvirtd_option(1, 22)}, {}, null), _service)
	listen_without_flag.deny == {{
		"rule": "LV-010", "message": "default",
		"location": {"file": fx.libvirtd_conf, "line": 22, "column": 1},
		"args": {"option": "listen_tls"}, "related": [],
	}} with input as doc
}

test_allow_with_flag if {
	doc := fx.with_units(fx.host({}, {"listen_tls": fx.libvirtd_option(1, 22)}, {}, ["--listen"]), _service)
	count(listen_without_flag.deny) == 0 with input as doc
}

# Every state in which systemd starts libvirtd counts (data.facts.active_unit_states), not only "enabled".
test_deny_when_started_in_every_active_state if {
	every state in data.facts.active_unit_states {
		service_units := {"libvirtd.service": fx.unit(state, "etc/systemd/system/libvirtd.service")}
		doc := fx.with_units(fx.host({}, {"listen_tls": fx.libvirtd_option(1, 22)}, {}, null), service_units)
		count(listen_without_flag.deny) == 1 with input as doc
	}
}

test_allow_when_disabled if {
	service_units := {"libvirtd.service": fx.unit("disabled", "etc/systemd/system/libvirtd.service")}
	doc := fx.with_units(fx.host({}, {"listen_tls": fx.libvirtd_option(1, 22)}, {}, null), service_units)
	count(listen_without_flag.deny) == 0 with input as doc
}
