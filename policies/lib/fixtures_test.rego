# METADATA
# title: Test fixtures
# description: |
#   Host documents for the policy tests, shaped as the loader builds them (defaults
#   explicit, every file setting located). test/policy-fixtures.test.ts validates
#   every document in `documents` against schemas/host.json.
package migpolicy.lib.fixtures_test

_loc(file, line) := {"file": file, "line": line, "column": 1}

nova_conf := "etc/nova/nova.conf"

libvirtd_conf := "etc/libvirt/libvirtd.conf"

qemu_conf := "etc/libvirt/qemu.conf"

# The defaults as the loader makes them explicit, from the same facts (policies/facts/data.json).
_defaults(specs) := {name: {"value": spec.default, "source": "default"} | some name, spec in specs}

_nova_defaults := _defaults(data.facts.options.nova.libvirt)

_libvirtd_defaults := _defaults(data.facts.options.libvirtd)

_virtproxyd_defaults := object.union(_libvirtd_defaults, _defaults(data.facts.options.virtproxyd_differences))

_qemu_defaults := _defaults(data.facts.options.qemu)

# METADATA
# title: nova_option
# description: A nova option as set at a line of nova.conf.
nova_option(value, line) := {"value": value, "source": "file", "location": _loc("etc/nova/nova.conf", line)}

# METADATA
# title: libvirtd_option
# description: A libvirtd.conf option as set at a line.
libvirtd_option(value, line) := {"value": value, "source": "file", "location": _loc("etc/libvirt/libvirtd.conf", line)}

# METADATA
# title: qemu_option
# description: A qemu.conf option as set at a line.
qemu_option(value, line) := {"value": value, "source": "file", "location": _loc("etc/libvirt/qemu.conf", line)}

# METADATA
# title: host
# description: |
#   A host document with the given settings over the defaults: nova's [libvirt] options,
#   libvirtd.conf and qemu.conf options, and the words of LIBVIRTD_ARGS (null: the default).
host(nova_libvirt, libvirtd, qemu, args) := {
	"schema_version": 1,
	"host": {"name": "compute-1", "root": ".", "layout": "host-root", "name_source": "tree"},
	"nova": {
		"files": ["etc/nova/nova.conf"],
		"service": {"style": "unknown", "source": "none", "missing": []},
		"sections": {"libvirt": {
			"present": true,
			"anchor": _loc("etc/nova/nova.conf", 5027),
			"options": object.union(_nova_defaults, nova_libvirt),
		}},
	},
	"libvirtd": {
		"file": "etc/libvirt/libvirtd.conf",
		"present": true,
		"anchor": _loc("etc/libvirt/libvirtd.conf", 1),
		"options": object.union(_libvirtd_defaults, libvirtd),
	},
	"virtproxyd": {"file": null, "present": false, "options": _virtproxyd_defaults},
	"qemu": {
		"file": "etc/libvirt/qemu.conf",
		"present": true,
		"anchor": _loc("etc/libvirt/qemu.conf", 1),
		"options": object.union(_qemu_defaults, qemu),
	},
	"sasl": {"file": null, "mechanisms": null},
	"pki": {
		"modes": "tree",
		"dirs": [],
		"qemu": {
			"default_dir": {"host_path": "/etc/pki/qemu", "path": "etc/pki/qemu", "exists": true},
			"migrate_dir": {"host_path": "/etc/pki/qemu", "path": "etc/pki/qemu", "exists": true, "source": "default"},
		},
		"files": [],
		"credentials": [],
	},
	"versions": {
		"source": "none", "reason": "the tree holds no package list",
		"nova": null, "libvirt": null, "qemu": null,
	},
	"firewall": {"service": "unknown", "reason": "the tree does not show which firewall service runs", "ports": []},
	"scan_time": 1795000000,
	"daemon": {
		"libvirtd_args": _args(args),
		"virtproxyd_args": {"words": ["--timeout", "120"], "source": "default"},
		"systemd": true,
		"units": {},
	},
}

# METADATA
# title: with_units
# description: A host document whose systemd units are in the given states (unit name to unit).
with_units(document, unit_states) := object.union(document, {"daemon": {"units": unit_states}})

# METADATA
# title: unit
# description: A unit in a state, shown by a file of the tree.
unit(state, file) := {"state": state, "source": "tree", "location": _loc(file, 1)}

_args(null) := {"words": ["--timeout", "120"], "source": "default"}

_args(words) := {"words": words, "source": "file", "location": _loc("etc/sysconfig/libvirtd", 9)} if words != null

# METADATA
# title: native_tls_without_scheme
# description: The old guide followed literally (OSSN-0089).
native_tls_without_scheme := host({"live_migration_with_native_tls": nova_option(true, 5492)}, {}, {}, null)

# METADATA
# title: native_tls_with_scheme
# description: The current guide followed (native TLS, scheme tls, verification on).
native_tls_with_scheme := host(
	{
		"live_migration_with_native_tls": nova_option(true, 5492),
		"live_migration_scheme": nova_option("tls", 5241),
	},
	{},
	{"default_tls_x509_verify": qemu_option(1, 20)},
	null,
)

# METADATA
# title: defaults
# description: Nothing configured for migration, so nova's and libvirt's defaults apply.
defaults := host({}, {}, {}, null)

# METADATA
# title: everything_wrong
# description: The seeds' mistakes together - tunnelled plus native TLS over tcp, open TCP, verification off.
everything_wrong := host(
	{
		"live_migration_with_native_tls": nova_option(true, 5492),
		"live_migration_tunnelled": nova_option(true, 5315),
		"live_migration_uri": nova_option("qemu+tcp://%s/system", 5290),
	},
	{"listen_tcp": libvirtd_option(1, 38), "auth_tcp": libvirtd_option("none", 191)},
	{"default_tls_x509_verify": qemu_option(0, 49)},
	["--listen"],
)

# METADATA
# title: fleet_documents
# description: Fleet fixture documents, for the schema test.
fleet_documents := [fleet([fleet_host("compute-1", {}), fleet_host("compute-2", {})])]

# METADATA
# title: documents
# description: Every fixture document, for the schema and engine parity tests.
documents := [native_tls_without_scheme, native_tls_with_scheme, defaults, everything_wrong, socket_activated_open_tcp]

# METADATA
# title: socket_activated_open_tcp
# description: libvirt >= 5.6 with libvirtd-tcp.socket enabled and auth_tcp = "none" (puppet-nova's defaults).
socket_activated_open_tcp := with_units(
	host({}, {"auth_tcp": libvirtd_option("none", 191)}, {}, null),
	{
		"libvirtd.socket": unit("enabled", "etc/systemd/system/sockets.target.wants/libvirtd.socket"),
		"libvirtd-tcp.socket": unit("enabled", "etc/systemd/system/sockets.target.wants/libvirtd-tcp.socket"),
	},
)

# METADATA
# title: version
# description: An installed package as a package list records it.
version(name, text, upstream) := {
	"package": name, "version": text, "numbers": upstream,
	"location": _loc("var/lib/dpkg/status", 1),
}

# METADATA
# title: with_versions
# description: A host document whose package list names the given components (nova, libvirt, qemu).
with_versions(document, components) := object.union(document, {"versions": object.union(
	{"source": "dpkg-status", "nova": null, "libvirt": null, "qemu": null},
	components,
)})

# METADATA
# title: pki_file
# description: A file in a certificate folder, with its mode.
pki_file(host_path, kind, mode) := {
	"path": substring(host_path, 1, -1), "host_path": host_path, "kind": kind,
	"mode": mode, "uid": 0, "gid": 107, "owner": "root", "group": "qemu",
}

# METADATA
# title: with_pki
# description: A host document whose certificate folders hold the given files.
with_pki(document, files) := object.union(document, {"pki": {"files": files}})

# METADATA
# title: certificate
# description: Certificate facts as the loader reports them, with the given fields changed.
certificate(changes) := object.union(
	{
		"subject": "O=Example Cloud,CN=compute-1.example.org",
		"issuer": "O=Example Cloud,CN=Migration CA",
		"san_dns": ["compute-1.example.org", "compute-1"], "san_ip": [],
		"not_before": 1700000000, "not_after": 4850000000,
		"is_ca": false, "self_issued": false,
		"key_type": "rsa", "key_bits": 2048, "curve": null,
		"signature_algorithm": "sha256WithRSAEncryption",
		"key_usage": ["digitalSignature", "keyEncipherment"], "key_usage_critical": true,
		"basic_constraints_critical": true,
		"ext_key_usage": ["serverAuth", "clientAuth"], "ext_key_usage_critical": false,
		"serial": "01", "fingerprint_sha256": "aa", "public_key_sha256": "bb",
	},
	changes,
)

# METADATA
# title: certificate_file
# description: A certificate file holding one certificate.
certificate_file(host_path, changes) := object.union(
	pki_file(host_path, "certificate", 420),
	{"certificates": [certificate(changes)]},
)

# METADATA
# title: key_file
# description: A private key file with a mode, matching the given certificate files.
key_file(host_path, mode, matches) := object.union(
	pki_file(host_path, "private-key", mode),
	{
		"key": {"type": "rsa", "bits": 2048, "curve": null, "encrypted": false, "public_key_sha256": "bb"},
		"matches": matches,
	},
)

_ca := {
	"subject": "O=Example Cloud,CN=Migration CA", "is_ca": true, "self_issued": true,
	"key_usage": ["keyCertSign", "cRLSign"], "san_dns": [],
}

# METADATA
# title: qemu_folder
# description: QEMU's default folder as the current guide sets it up (0640 root:qemu).
qemu_folder := [
	certificate_file("/etc/pki/qemu/ca-cert.pem", _ca),
	certificate_file("/etc/pki/qemu/server-cert.pem", {}),
	key_file("/etc/pki/qemu/server-key.pem", 416, ["etc/pki/qemu/server-cert.pem"]),
	certificate_file("/etc/pki/qemu/client-cert.pem", {}),
	key_file("/etc/pki/qemu/client-key.pem", 416, ["etc/pki/qemu/client-cert.pem"]),
]

# METADATA
# title: fleet_host
# description: A fleet entry as the host report computes it, with the given fields changed.
fleet_host(name, changes) := object.union(
	{
		"name": name, "root": name,
		"name_location": _loc(concat("/", [name, "etc/nova/nova.conf"]), 1),
		"transport": {
			"control": "tls", "native_tls": true, "tunnelled": false,
			"location": _loc(concat("/", [name, "etc/nova/nova.conf"]), 5492),
		},
		"client_dns": [concat("", ["O=Example Cloud,CN=", name, ".example.org"])],
		"allowed_dns": null,
		"ca_fingerprints": ["ca1"],
		"certificates": [{
			"file": concat("/", [name, "etc/pki/qemu/server-cert.pem"]),
			"issuer": "O=Example Cloud,CN=Migration CA",
			"serial": concat("", ["serial-", name]),
			"public_key_sha256": concat("", ["key-", name]),
		}],
		"trust": {
			"presents": [presented(name, role, [ca_signed]) | some role in tls_roles],
			"verifies": [verifier(name, role, [ca]) | some role in tls_roles],
			"not_collected": null,
		},
	},
	changes,
)

# METADATA
# title: tls_roles
# description: The ends of a migration's TLS connections.
tls_roles := ["libvirt-client", "libvirt-server", "qemu-client", "qemu-server"]

# METADATA
# title: ca
# description: The fleet's CA, as a CA file lists it.
ca := {"subject": "O=Example Cloud,CN=Migration CA", "public_key_sha256": "ca1-key"}

# METADATA
# title: ca_signed
# description: A chain link issued and signed by the fleet's CA.
ca_signed := {"issuer": "O=Example Cloud,CN=Migration CA", "signed_by": ["ca1-key"]}

_role_files := {
	"libvirt-client": ["etc/pki/libvirt/clientcert.pem", "etc/pki/CA/cacert.pem"],
	"libvirt-server": ["etc/pki/libvirt/servercert.pem", "etc/pki/CA/cacert.pem"],
	"qemu-client": ["etc/pki/qemu/client-cert.pem", "etc/pki/qemu/ca-cert.pem"],
	"qemu-server": ["etc/pki/qemu/server-cert.pem", "etc/pki/qemu/ca-cert.pem"],
}

# METADATA
# title: presented
# description: A certificate a host presents in a role, with its chain.
presented(name, role, chain) := {
	"role": role, "file": concat("/", [name, _role_files[role][0]]),
	"host_path": concat("", ["/", _role_files[role][0]]), "chain": chain,
}

# METADATA
# title: verifier
# description: The CA file a host verifies its peers' certificates of a role against.
verifier(name, role, cas) := {
	"role": role, "file": concat("/", [name, _role_files[role][1]]),
	"host_path": concat("", ["/", _role_files[role][1]]), "cas": cas,
}

# METADATA
# title: fleet
# description: A fleet document of the given hosts.
fleet(hosts) := {"schema_version": 1, "hosts": hosts}
