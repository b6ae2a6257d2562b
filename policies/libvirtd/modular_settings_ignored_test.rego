package migpolicy.checks.libvirtd.modular_settings_ignored_test

import data.migpolicy.checks.libvirtd.modular_settings_ignored
import data.migpolicy.lib.fixtures_test as fx

_modular := {"virtproxyd.socket": fx.unit("enabled", "etc/systemd/system/sockets.target.wants/virtproxyd.socket")}

test_deny_settings_in_libvirtd_conf_only if {
	dns := ["CN=compute-*"]
	doc := fx.with_units(fx.host({}, {"tls_allowed_dn_list": fx.libvirtd_option(dns, 350)}, {}, null), _modular)
	modular_settings_ignored.deny == {{
		"rule": "LV-016", "message": "default",
		"location": {"file": fx.libvirtd_conf, "line": 350, "column": 1},
		"args": {"option": "tls_allowed_dn_list"}, "related": [],
	}} with input as doc
}

test_allow_monolithic if {
	dns := ["CN=compute-*"]
	doc := fx.host({}, {"tls_allowed_dn_list": fx.libvirtd_option(dns, 350)}, {}, null)
	count(modular_settings_ignored.deny) == 0 with input as doc
}
