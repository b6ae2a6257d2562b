package migpolicy.lib.verdict_test

import data.migpolicy.lib.fixtures_test as fixtures
import data.migpolicy.lib.verdict

_libvirt(options) := fixtures.host(options, {}, {}, null)

_opt(value) := fixtures.nova_option(value, 5100)

_tls := {"live_migration_scheme": _opt("tls"), "live_migration_with_native_tls": _opt(true)}

test_uri_without_placeholder_fails_every_migration if {
	v := verdict.host with input as _libvirt(object.union(_tls, {"live_migration_uri": _opt("qemu+tls://compute-2/system")}))
	v.summary == "migrations fail"
	startswith(v.reason, "live_migration_uri needs exactly one %s")
}

test_uri_with_two_placeholders_fails if {
	v := verdict.host with input as _libvirt({"live_migration_uri": _opt("qemu+tls://%s/system?name=%s")})
	v.summary == "migrations fail"
}

test_uri_with_escaped_percent_and_one_placeholder_works if {
	v := verdict.host with input as _libvirt(object.union(_tls, {"live_migration_uri": _opt("qemu+tls://%s/system?x=100%%")}))
	v.summary != "migrations fail"
	v.control.status == "protected"
}

test_uri_with_a_comment_is_unparseable if {
	v := verdict.host with input as _libvirt({"live_migration_uri": _opt("qemu+tls://%s/system # TLS")})
	v.summary == "migrations fail"
	startswith(v.reason, "libvirt cannot parse the URI")
}

test_lxc_has_no_migration_uri if {
	v := verdict.host with input as _libvirt(object.union(_tls, {"virt_type": _opt("lxc")}))
	v.summary == "migrations fail"
}

test_parallels_ignores_the_scheme if {
	v := verdict.host with input as _libvirt({"virt_type": _opt("parallels"), "live_migration_scheme": _opt("tls")})
	v.control.status == "unprotected"
}

test_an_invalid_start_option_stops_nova_compute if {
	bad := {"value": "true # encrypt", "source": "file", "invalid": "not a boolean", "location": _opt(null).location}
	v := verdict.host with input as _libvirt(object.union(_tls, {"live_migration_with_native_tls": bad}))
	v.summary == "nova-compute does not start"
	v.reason == "oslo.config rejects [libvirt] live_migration_with_native_tls: not a boolean"
}

test_an_invalid_migration_option_fails_migrations if {
	bad := {"value": "fast", "source": "file", "invalid": "not an integer", "location": _opt(null).location}
	v := verdict.host with input as _libvirt(object.union(_tls, {"live_migration_bandwidth": bad}))
	v.summary == "migrations fail"
}

test_tunnelled_has_no_block_migration if {
	v := verdict.host with input as _libvirt({"live_migration_scheme": _opt("tls"), "live_migration_tunnelled": _opt(true)})
	v.disks.status == "not-applicable"
	v.memory.status == "protected"
}

test_another_compute_driver_is_not_applicable if {
	doc := _libvirt(_tls)
	ironic := object.union(doc, {"nova": {"sections": {"DEFAULT": {
		"present": true,
		"anchor": _opt(null).location,
		"options": {"compute_driver": _opt("ironic.IronicDriver")},
	}}}})
	v := verdict.host with input as ironic
	v.summary == "not applicable"
	v.control.status == "not-applicable"
	v.reason == "compute_driver is ironic.IronicDriver, not libvirt"
}

test_the_full_libvirt_driver_path_is_libvirt if {
	doc := _libvirt(_tls)
	full := object.union(doc, {"nova": {"sections": {"DEFAULT": {
		"present": true,
		"anchor": _opt(null).location,
		"options": {"compute_driver": _opt("nova.virt.libvirt.driver.LibvirtDriver")},
	}}}})
	v := verdict.host with input as full
	v.control.status == "protected"
}

test_a_missing_named_file_stops_nova_compute if {
	doc := json.patch(_libvirt(_tls), [{"op": "add", "path": "/nova/service/missing", "value": ["/etc/nova/nova.conf"]}])
	v := verdict.host with input as doc
	v.summary == "nova-compute does not start"
	v.reason == "nova-compute is started with --config-file=/etc/nova/nova.conf, which does not exist"
}

test_an_order_dependent_setting_is_unknown if {
	doc := json.patch(_libvirt(_tls), [{
		"op": "add", "path": "/nova/service/order_dependent",
		"value": ["[libvirt] live_migration_scheme"],
	}])
	v := verdict.host with input as doc
	v.summary == "unknown"
	v.control.status == "unknown"
	startswith(v.reason, "[libvirt] live_migration_scheme depends on how nova-compute is started")
}

_tls_listener(libvirtd) := fixtures.host(_tls, object.union({"listen_tls": fixtures.libvirtd_option(1, 40)}, libvirtd), {}, ["--listen"])

test_an_expired_server_certificate_stops_the_tls_listener if {
	expired := fixtures.certificate_file("/etc/pki/libvirt/servercert.pem", {"not_after": 1700000001})
	v := verdict.host with input as fixtures.with_pki(_tls_listener({}), [expired])
	v.summary == "migrations fail"
	v.reason == "libvirtd does not start: its server certificate /etc/pki/libvirt/servercert.pem has expired"
}

test_a_valid_server_certificate_does_not if {
	valid := fixtures.certificate_file("/etc/pki/libvirt/servercert.pem", {})
	v := verdict.host with input as fixtures.with_pki(_tls_listener({}), [valid])
	v.summary != "migrations fail"
}

test_sasl_on_tls_authorises_beyond_the_certificate if {
	v := verdict.host with input as _tls_listener({"auth_tls": fixtures.libvirtd_option("sasl", 41)})
	v.authorisation.status == "protected"
	startswith(v.authorisation.by, "libvirtd's auth_tls = sasl")
}

test_a_qemu_conf_that_does_not_parse_stops_the_daemon if {
	doc := object.union(_libvirt(_tls), {"qemu": {"error": {
		"message": "expecting a value",
		"location": {"file": "etc/libvirt/qemu.conf", "line": 3, "column": 1},
	}}})
	v := verdict.host with input as doc
	v.summary == "migrations fail"
	v.reason == "the QEMU driver refuses etc/libvirt/qemu.conf: expecting a value"
}

_on(nova, libvirt, qemu) := fixtures.with_versions(fixtures.native_tls_with_scheme, object.union_n([
	_component("nova", "nova-compute", nova),
	_component("libvirt", "libvirt-daemon", libvirt),
	_component("qemu", "qemu-system-x86", qemu),
]))

_component(_, _, null) := {}

_component(component, name, parts) := {component: fixtures.version(
	name,
	concat(".", [format_int(n, 10) | some n in parts]),
	parts,
)} if {
	parts != null
}

test_train_on_libvirt_4_3_drops_native_tls if {
	v := verdict.host with input as _on([20, 1, 0], [4, 3, 0], [2, 12, 0])
	v.memory == {"status": "unprotected", "by": "plain TCP from QEMU to QEMU: native TLS needs libvirt 4.4.0, 4.3.0 is older"}
	v.disks.status == "unprotected"
	v.summary == "not encrypted"
}

test_an_old_qemu_alone_drops_native_tls_whatever_libvirt_is if {
	v := verdict.host with input as _on([20, 1, 0], null, [2, 10, 0])
	v.memory.status == "unprotected"
}

test_stein_with_an_unknown_qemu_is_unknown if {
	v := verdict.host with input as _on([19, 0, 0], [5, 0, 0], null)
	v.memory.status == "unknown"
	v.summary == "unknown"
}

test_an_unknown_nova_is_unknown_never_protected if {
	v := verdict.host with input as _on(null, [9, 0, 0], [7, 2, 0])
	v.memory.status == "unknown"
	v.disks.status == "unknown"
	v.authentication.status == "unknown"
	v.summary == "unknown"
}

test_nova_26_on_libvirt_9_honours_native_tls if {
	v := verdict.host with input as _on([26, 2, 2], [9, 0, 0], [7, 2, 0])
	v.memory == {"status": "protected", "by": "QEMU-native TLS"}
}

test_nova_26_does_not_start_on_libvirt_5 if {
	v := verdict.host with input as _on([26, 2, 2], [5, 10, 0], [7, 2, 0])
	v.summary == "nova-compute does not start"
	v.reason == "nova 26.2.2 needs libvirt 6.0.0, 5.10.0 is older"
}

test_rocky_has_no_native_tls if {
	v := verdict.host with input as _on([18, 1, 0], [4, 10, 0], [3, 1, 0])
	v.memory.status == "unprotected"
	endswith(v.memory.by, "has no live_migration_with_native_tls (it came in 19.0.0)")
}

test_a_dn_pattern_for_any_name_authorises_nobody_in_particular if {
	doc := _tls_listener({"tls_allowed_dn_list": fixtures.libvirtd_option(["O=Example Cloud,CN=*"], 42)})
	v := verdict.host with input as doc
	v.authorisation.status == "unprotected"
}

test_a_dn_pattern_for_some_names_restricts if {
	doc := _tls_listener({"tls_allowed_dn_list": fixtures.libvirtd_option(["O=Example Cloud,CN=compute-*"], 42)})
	v := verdict.host with input as doc
	v.authorisation.status == "protected"
}

test_an_empty_dn_list_refuses_everyone if {
	doc := _tls_listener({"tls_allowed_dn_list": fixtures.libvirtd_option([], 42)})
	v := verdict.host with input as doc
	v.authorisation == {"status": "protected", "by": "tls_allowed_dn_list is empty: libvirtd refuses every client"}
}

test_a_value_of_the_wrong_type_stops_libvirtd if {
	bad := {"value": "1", "source": "file", "invalid": "expected a bool", "location": fixtures.libvirtd_option(1, 40).location}
	v := verdict.host with input as _tls_listener({"listen_tcp": bad})
	v.summary == "migrations fail"
	v.reason == "libvirtd refuses etc/libvirt/libvirtd.conf: listen_tcp: expected a bool"
}

test_listen_under_socket_activation_stops_libvirtd if {
	doc := fixtures.with_units(fixtures.host(_tls, {}, {}, ["--listen"]), {
		"libvirtd.socket": fixtures.unit("enabled", "etc/systemd/system/sockets.target.wants/libvirtd.socket"),
	})
	v := verdict.host with input as doc
	v.summary == "migrations fail"
	v.reason == "libvirtd refuses --listen under socket activation"
}

test_an_open_tcp_port_admits_anyone if {
	doc := fixtures.host(
		_tls, {
			"listen_tcp": fixtures.libvirtd_option(1, 40),
			"auth_tcp": fixtures.libvirtd_option("none", 41),
		},
		{}, ["--listen"],
	)
	v := verdict.host with input as doc
	v.authorisation == {"status": "unprotected", "by": "libvirtd's TCP port 16509 accepts anyone (auth_tcp = \"none\")"}
}

test_sasl_on_tcp_alone_is_protected if {
	doc := fixtures.host(_tls, {"listen_tcp": fixtures.libvirtd_option(1, 40), "listen_tls": fixtures.libvirtd_option(0, 39)}, {}, ["--listen"])
	v := verdict.host with input as doc
	v.authorisation == {"status": "protected", "by": "libvirtd's TCP listener requires SASL credentials"}
}

test_no_remote_listener_is_not_applicable if {
	v := verdict.host with input as _libvirt(_tls)
	v.authorisation == {"status": "not-applicable", "by": "libvirtd listens for no remote client"}
}

test_no_listener_seen_without_the_daemon_arguments_is_unknown if {
	doc := json.patch(_libvirt(_tls), [{"op": "add", "path": "/daemon/not_collected", "value": "only libvirtd.conf was given"}])
	v := verdict.host with input as doc
	v.authorisation == {"status": "unknown", "by": "only libvirtd.conf was given"}
}

test_no_certificate_verification_admits_anyone_whatever_the_dn_list if {
	doc := _tls_listener({
		"tls_no_verify_certificate": fixtures.libvirtd_option(1, 43),
		"tls_allowed_dn_list": fixtures.libvirtd_option(["O=Example Cloud,CN=compute-1.example.org"], 42),
	})
	v := verdict.host with input as doc
	v.authorisation.status == "unprotected"
}

test_no_nova_configuration_decides_nothing if {
	doc := json.patch(_libvirt({}), [{"op": "replace", "path": "/nova/files", "value": []}])
	v := verdict.host with input as doc
	v.summary == "unknown"
	v.control == {"status": "unknown", "by": "the tree holds no nova configuration (nova.conf, nova-compute.conf, nova.conf.d)"}
	v.memory.status == "unknown"
}

test_a_qemu_key_not_its_certificates_fails_migrations if {
	cert := fixtures.certificate_file("/etc/pki/qemu/client-cert.pem", {})
	key := fixtures.key_file("/etc/pki/qemu/client-key.pem", 384, [])
	doc := fixtures.with_versions(fixtures.with_pki(fixtures.native_tls_with_scheme, [cert, key]), {
		"nova": fixtures.version("nova-compute", "26.2.2", [26, 2, 2]),
		"libvirt": fixtures.version("libvirt-daemon", "9.0.0", [9, 0, 0]),
		"qemu": fixtures.version("qemu-system-x86", "7.2.0", [7, 2, 0]),
	})
	v := verdict.host with input as doc
	v.summary == "migrations fail"
	v.reason == "QEMU's migration client's key /etc/pki/qemu/client-key.pem does not belong to /etc/pki/qemu/client-cert.pem"
}

test_libvirtds_server_key_not_its_certificates_stops_it if {
	cert := fixtures.certificate_file("/etc/pki/libvirt/servercert.pem", {})
	key := fixtures.key_file("/etc/pki/libvirt/private/serverkey.pem", 384, [])
	v := verdict.host with input as fixtures.with_pki(_tls_listener({}), [cert, key])
	v.summary == "migrations fail"
	startswith(v.reason, "libvirtd does not start: its key /etc/pki/libvirt/private/serverkey.pem does not belong")
}

test_an_order_dependent_setting_decides_no_start_error_either if {
	doc := json.patch(_libvirt({"live_migration_tunnelled": _opt(true), "live_migration_with_native_tls": _opt(true)}), [{
		"op": "add", "path": "/nova/service/order_dependent",
		"value": ["[libvirt] live_migration_tunnelled"],
	}])
	v := verdict.host with input as doc
	v.summary == "unknown"
	startswith(v.reason, "[libvirt] live_migration_tunnelled depends on how nova-compute is started")
}

test_sasl_is_checked_whatever_the_dn_list if {
	doc := _tls_listener({
		"auth_tls": fixtures.libvirtd_option("sasl", 41),
		"tls_allowed_dn_list": fixtures.libvirtd_option(["*"], 42),
	})
	v := verdict.host with input as doc
	v.authorisation.status == "protected"
}

test_rocky_tunnels_where_native_tls_is_asked_for_too if {
	doc := fixtures.with_versions(
		_libvirt({"live_migration_scheme": _opt("tls"), "live_migration_tunnelled": _opt(true), "live_migration_with_native_tls": _opt(true)}),
		{"nova": fixtures.version("nova-compute", "18.3.0", [18, 3, 0])},
	)
	v := verdict.host with input as doc
	v.summary != "nova-compute does not start"
	v.memory.status == "protected"
	v.disks.status == "not-applicable"
}

test_no_qemu_conf_leaves_certificate_verification_unknown if {
	doc := fixtures.with_versions(
		json.patch(fixtures.native_tls_with_scheme, [{"op": "replace", "path": "/qemu/present", "value": false}]),
		{
			"nova": fixtures.version("nova-compute", "26.2.2", [26, 2, 2]),
			"libvirt": fixtures.version("libvirt-daemon", "9.0.0", [9, 0, 0]),
			"qemu": fixtures.version("qemu-system-x86", "7.2.0", [7, 2, 0]),
		},
	)
	v := verdict.host with input as doc
	v.memory.status == "protected"
	v.authentication.status == "unknown"
}

_native_tls_on(files) := fixtures.with_versions(fixtures.with_pki(fixtures.native_tls_with_scheme, files), {
	"nova": fixtures.version("nova-compute", "26.2.2", [26, 2, 2]),
	"libvirt": fixtures.version("libvirt-daemon", "9.0.0", [9, 0, 0]),
	"qemu": fixtures.version("qemu-system-x86", "7.2.0", [7, 2, 0]),
})

# QEMU 7.2 measured (test/wire.test.ts): "The server certificate ... has expired" on object-add.
test_an_expired_qemu_certificate_fails_migrations if {
	expired := fixtures.certificate_file("/etc/pki/qemu/server-cert.pem", {"not_after": 1700000001})
	v := verdict.host with input as _native_tls_on([expired])
	v.summary == "migrations fail"
	v.reason == "QEMU refuses /etc/pki/qemu/server-cert.pem: it is not valid at the scan time"
}

test_a_qemu_server_certificate_without_the_hosts_address_fails_migrations if {
	misnamed := fixtures.certificate_file("/etc/pki/qemu/server-cert.pem", {"san_dns": ["compute-9.example.org"]})
	v := verdict.host with input as _native_tls_on([misnamed])
	v.summary == "migrations fail"
	v.reason == "/etc/pki/qemu/server-cert.pem does not name compute-1, the address peers migrate to"
}

# load_compute_driver exits before anything else when no file sets compute_driver.
test_an_unset_compute_driver_stops_nova_compute if {
	doc := json.patch(fixtures.defaults, [{
		"op": "add", "path": "/nova/sections/DEFAULT",
		"value": {"present": false, "anchor": {"file": "etc/nova/nova.conf", "line": 1, "column": 1}, "options": {
			"compute_driver": {"value": null, "source": "default"},
		}},
	}])
	v := verdict.host with input as doc
	v.summary == "nova-compute does not start"
	startswith(v.reason, "compute_driver is not set")
}

test_an_empty_compute_driver_stops_nova_compute if {
	doc := json.patch(fixtures.defaults, [{
		"op": "add", "path": "/nova/sections/DEFAULT",
		"value": {"present": true, "anchor": {"file": "etc/nova/nova.conf", "line": 1, "column": 1}, "options": {
			"compute_driver": {"value": "", "source": "file", "location": {"file": "etc/nova/nova.conf", "line": 2, "column": 1}},
		}},
	}])
	v := verdict.host with input as doc
	v.summary == "nova-compute does not start"
}
