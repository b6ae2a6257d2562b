package migpolicy.checks.pki.certificate_names_test

import data.migpolicy.checks.pki.certificate_names
import data.migpolicy.lib.fixtures_test as fx

_doc(inbound) := fx.with_pki(
	fx.host(
		{
			"live_migration_with_native_tls": fx.nova_option(true, 5492),
			"live_migration_scheme": fx.nova_option("tls", 5241),
			"live_migration_inbound_addr": fx.nova_option(inbound, 5260),
		},
		{}, {}, null,
	),
	fx.qemu_folder,
)

test_deny_ip_inbound_addr_missing_from_san if {
	certificate_names.deny == {{
		"rule": "PKI-007", "message": "default",
		"location": {"file": "etc/pki/qemu/server-cert.pem", "line": 1, "column": 1},
		"args": {
			"file": "/etc/pki/qemu/server-cert.pem",
			"names": "compute-1.example.org, compute-1", "target": "192.0.2.11",
		},
		"related": [],
	}} with input as _doc("192.0.2.11")
}

test_allow_name_in_san if {
	count(certificate_names.deny) == 0 with input as _doc("COMPUTE-1.example.org")
}

# A qemu+tls connection: libvirt's client checks the daemon's server certificate too.
test_deny_libvirt_server_certificate_without_the_target if {
	doc := fx.with_units(
		fx.with_pki(
			fx.host(
				{
					"live_migration_scheme": fx.nova_option("tls", 5241),
					"live_migration_inbound_addr": fx.nova_option("192.0.2.11", 5260),
				},
				{"listen_tls": fx.libvirtd_option(1, 22)}, {}, ["--listen"],
			),
			[fx.certificate_file("/etc/pki/libvirt/servercert.pem", {})],
		),
		{},
	)
	[[f.location.file, f.args.target] | some f in certificate_names.deny] == [[
		"etc/pki/libvirt/servercert.pem",
		"192.0.2.11",
	]] with input as doc
}

# libvirtd serving QEMU's server certificate: one file, two connections, one finding (no conflict).
test_deny_once_for_a_certificate_both_daemons_serve if {
	doc := fx.with_pki(
		fx.host(
			{
				"live_migration_scheme": fx.nova_option("tls", 5241),
				"live_migration_with_native_tls": fx.nova_option(true, 5492),
				"live_migration_inbound_addr": fx.nova_option("192.0.2.11", 5260),
			},
			{"listen_tls": fx.libvirtd_option(1, 22), "cert_file": fx.libvirtd_option("/etc/pki/qemu/server-cert.pem", 246)},
			{}, ["--listen"],
		),
		[fx.certificate_file("/etc/pki/qemu/server-cert.pem", {})],
	)
	count(certificate_names.deny) == 1 with input as doc
}

# nova migrates to the service host name ([DEFAULT] host) where no inbound address is set.
test_allow_the_service_host_name if {
	doc := fx.with_pki(
		json.patch(_doc("192.0.2.11"), [
			{"op": "remove", "path": "/nova/sections/libvirt/options/live_migration_inbound_addr"},
			{"op": "add", "path": "/nova/sections/DEFAULT", "value": {
				"present": true, "anchor": {"file": fx.nova_conf, "line": 1, "column": 1},
				"options": {"host": fx.nova_option("compute-1.example.org", 2)},
			}},
			{"op": "replace", "path": "/host/name", "value": "node17.example.org"},
		]),
		fx.qemu_folder,
	)
	count(certificate_names.deny) == 0 with input as doc
}

# OpenSSL's IPv6 SANs are not compared: no claim.
test_allow_an_ipv6_inbound_address if {
	count(certificate_names.deny) == 0 with input as _doc("2001:db8::11")
}
