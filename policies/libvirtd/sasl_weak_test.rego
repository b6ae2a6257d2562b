package migpolicy.checks.libvirtd.sasl_weak_test

import data.migpolicy.checks.libvirtd.sasl_weak
import data.migpolicy.lib.fixtures_test as fx

_kolla(sasl) := object.union(
	fx.host(
		{},
		{"listen_tcp": fx.libvirtd_option(1, 1), "auth_tcp": fx.libvirtd_option("sasl", 3)},
		{},
		["--listen"],
	),
	{"sasl": sasl},
)

test_deny_digest_md5 if {
	file := "etc/kolla/nova-libvirt/sasl.conf"
	sasl := {"file": file, "mechanisms": ["digest-md5"], "location": {"file": file, "line": 1, "column": 1}}
	sasl_weak.deny == {{
		"rule": "LV-002", "message": "weak",
		"location": {"file": "etc/kolla/nova-libvirt/sasl.conf", "line": 1, "column": 1},
		"args": {"daemon": "libvirtd", "port": "16509", "mechanisms": "digest-md5"},
		"related": [
			{"file": fx.libvirtd_conf, "line": 1, "column": 1},
			{"file": "etc/sysconfig/libvirtd", "line": 9, "column": 1},
		],
	}} with input as _kolla(sasl)
}

test_deny_no_mech_list if {
	{f.message | some f in sasl_weak.deny} == {"unset"} with input as _kolla({"file": null, "mechanisms": null})
}

test_allow_gssapi if {
	file := "etc/sasl2/libvirt.conf"
	sasl := {"file": file, "mechanisms": ["gssapi"], "location": {"file": file, "line": 2, "column": 1}}
	count(sasl_weak.deny) == 0 with input as _kolla(sasl)
}
