package migpolicy.checks.qemu.cert_dir_incomplete_test

import data.migpolicy.checks.qemu.cert_dir_incomplete
import data.migpolicy.lib.fixtures_test as fx

_files(names) := [fx.pki_file(concat("", ["/etc/pki/qemu/", name]), "certificate", 416) | some name in names]

test_deny_missing_client_files if {
	doc := fx.with_pki(fx.native_tls_with_scheme, _files(["ca-cert.pem", "server-cert.pem", "server-key.pem"]))
	cert_dir_incomplete.deny == {{
		"rule": "QEMU-002", "message": "missing",
		"location": {"file": fx.qemu_conf, "line": 1, "column": 1},
		"args": {"dir": "/etc/pki/qemu", "files": "client-cert.pem, client-key.pem"}, "related": [],
	}} with input as doc
}

test_allow_complete if {
	names := ["ca-cert.pem", "server-cert.pem", "server-key.pem", "client-cert.pem", "client-key.pem"]
	doc := fx.with_pki(fx.native_tls_with_scheme, _files(names))
	count(cert_dir_incomplete.deny) == 0 with input as doc
}

test_not_evaluated_in_sosreport if {
	reason := "sosreport does not collect /etc/pki"
	doc := object.union(fx.native_tls_with_scheme, {"pki": {"not_collected": reason}})
	count(cert_dir_incomplete.deny) == 0 with input as doc
	cert_dir_incomplete.not_evaluated == {{"rule": "QEMU-002", "reason": reason}} with input as doc
}

test_not_evaluated_when_the_folder_is_not_in_the_tree if {
	dirs := [{"host_path": "/etc/pki/qemu", "path": null, "exists": false}]
	doc := object.union(fx.with_pki(fx.native_tls_with_scheme, []), {"pki": {
		"dirs": dirs,
		"qemu": {"default_dir": dirs[0], "migrate_dir": object.union(dirs[0], {"source": "default"})},
	}})
	count(cert_dir_incomplete.deny) == 0 with input as doc
	cert_dir_incomplete.not_evaluated == {{
		"rule": "QEMU-002",
		"reason": "/etc/pki/qemu is not in the tree, so QEMU's certificates there are not shown",
	}} with input as doc
}
