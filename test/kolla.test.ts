/**
 * Kolla-Ansible repositories (test/fixtures/kolla): each compute host of the inventory is
 * rendered as kolla-ansible would write it, and every finding lands on the repository line
 * that decides it. The fixtures' shapes: Kolla's defaults, libvirt_tls alone, native TLS by a
 * nova override (secure), one host overriding it, a Train repository, OSSN-0089's override,
 * Jinja and anchors, vaulted values, and an expression migpolicy does not evaluate.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type ScanResult, scan } from "../src/index.js";
import { CLI, ROOT, tree } from "./helpers.js";

const KOLLA = join(ROOT, "test/fixtures/kolla");
const C1 = "compute-1.example.org";
const C2 = "compute-2.example.org";
const GLOBALS = "etc/kolla/globals.yml";

/** Each host's findings as `RULE file:line:column`, sorted; fleet findings under "(fleet)". */
function findings(result: ScanResult): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of result.findings) {
    const place = "line" in f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : f.location.file;
    const key = f.host ?? "(fleet)";
    out[key] = [...(out[key] ?? []), `${f.rule} ${place}`];
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}
const verdicts = (result: ScanResult) => Object.fromEntries(result.hosts.map((h) => [h.name, h.verdict.summary]));
const codes = (result: ScanResult) => result.diagnostics.map((d) => `${d.code} ${d.location.file}:${d.location.line}`);

/** Each host's TLS keys, committed in clear in config/nova/nova-libvirt/<host>/. */
const keys = (host: string) => [
  `DEP-001 etc/kolla/config/nova/nova-libvirt/${host}/clientkey.pem:1:1`,
  `DEP-001 etc/kolla/config/nova/nova-libvirt/${host}/serverkey.pem:1:1`,
];

const TCP_DEFAULTS = [
  `LV-002 ${GLOBALS}:1:1`,
  `LV-003 ${GLOBALS}:1:1`,
  `LV-017 ${GLOBALS}:1:1`,
  `NOVA-001 ${GLOBALS}:1:1`,
  `NOVA-003 ${GLOBALS}:1:1`,
  `NOVA-004 ${GLOBALS}:1:1`,
  // The console listens on api_interface's address: network_interface decides it.
  `NOVA-021 ${GLOBALS}:6:20`,
  `NOVA-024 ${GLOBALS}:6:20`,
  `QEMU-006 ${GLOBALS}:1:1`,
];

test("Kolla's defaults: libvirtd on TCP with SASL DIGEST-MD5, RAM and disks in clear; a default is reported at globals.yml", () => {
  const result = scan(join(KOLLA, "defaults"));
  assert.equal(verdicts(result), { [C1]: "not encrypted", [C2]: "not encrypted" });
  assert.equal(findings(result), { [C1]: TCP_DEFAULTS, [C2]: TCP_DEFAULTS });
  assert.equal(
    result.hosts.map((h) => h.root),
    [`etc/kolla/multinode:${C1}`, `etc/kolla/multinode:${C2}`],
  );
  // Said once for the repository, not once a host: the release, at its line.
  assert.equal(codes(result), [`kolla-note ${GLOBALS}:4`]);
});

test("kolla-ansible's own shipped globals.yml, multinode and all-in-one: both inventories' compute hosts, Kolla's TCP defaults", () => {
  const result = scan(join(KOLLA, "shipped-21.0.0"));
  assert.equal(
    result.hosts.map((h) => [h.root, h.verdict.summary]),
    [
      ["etc/kolla/all-in-one:localhost", "not encrypted"],
      ["etc/kolla/multinode:compute01", "not encrypted"],
    ],
  );
  const expected = TCP_DEFAULTS.map((f) => f.replace(`${GLOBALS}:6:20`, `${GLOBALS}:136:20`));
  assert.equal(findings(result), { localhost: expected, compute01: expected });
  assert.equal(codes(result), [`kolla-note ${GLOBALS}:49`]);
});

test("libvirt_tls alone: the control channel is TLS, RAM and disks are not (Kolla never sets native TLS)", () => {
  const result = scan(join(KOLLA, "tls-only"));
  const expected = [`LV-017 ${GLOBALS}:10:14`, `NOVA-003 ${GLOBALS}:1:1`, `NOVA-004 ${GLOBALS}:1:1`, `NOVA-021 ${GLOBALS}:6:20`, `QEMU-006 ${GLOBALS}:1:1`];
  assert.equal(findings(result), { [C1]: [...keys(C1), ...expected], [C2]: [...keys(C2), ...expected] });
  const host = result.hosts[0];
  assert.is(host?.verdict.control.status, "protected");
  assert.is(host?.verdict.memory.status, "unprotected");
  assert.equal(codes(result), [`kolla-note ${GLOBALS}:4`, `kolla-note ${GLOBALS}:1`]);
});

test("native TLS by a nova override, certificates per host: encrypted and authenticated", () => {
  const result = scan(join(KOLLA, "native-tls"));
  assert.equal(verdicts(result), { [C1]: "encrypted and authenticated", [C2]: "encrypted and authenticated" });
  const expected = [`LV-017 ${GLOBALS}:10:14`, `NOVA-021 ${GLOBALS}:6:20`, `QEMU-006 ${GLOBALS}:1:1`];
  assert.equal(findings(result), { [C1]: [...keys(C1), ...expected], [C2]: [...keys(C2), ...expected] });
  // QEMU's certificates are the hosts' (a volume): not shown, so their check is not evaluated.
  assert.ok(
    result.hosts[0]?.not_evaluated.some(
      (s) => s.rule === "QEMU-002" && s.reason === "/etc/pki/qemu is not in the tree, so QEMU's certificates there are not shown",
    ),
  );
  // The release comes from the repository's openstack_release line, and says where.
  assert.equal(codes(result), [`kolla-note ${GLOBALS}:4`, `kolla-note ${GLOBALS}:1`, `kolla-note ${GLOBALS}:1`]);
});

test("one host's own nova.conf turns native TLS off: that host only, at the override's line", () => {
  const result = scan(join(KOLLA, "per-host-override"));
  assert.equal(verdicts(result), { [C1]: "encrypted and authenticated", [C2]: "not encrypted" });
  const own = `etc/kolla/config/nova/${C2}/nova.conf:3:1`;
  assert.equal(findings(result)[C2], [
    ...keys(C2),
    `LV-017 ${GLOBALS}:10:14`,
    `NOVA-003 ${own}`,
    `NOVA-004 ${own}`,
    `NOVA-021 ${GLOBALS}:6:20`,
    `QEMU-006 ${GLOBALS}:1:1`,
  ]);
  assert.equal(findings(result)["(fleet)"], ["NOVA-019 etc/kolla/config/nova/nova-compute.conf:2:1"]);
});

test('a Train repository: libvirtd on TCP with no authentication at all (auth_tcp = "none")', () => {
  const result = scan(join(KOLLA, "train"));
  const host = result.hosts[0];
  assert.is(host?.verdict.summary, "not encrypted");
  assert.is(host?.verdict.authorisation.status, "unprotected");
  assert.ok(findings(result)[C1]?.includes(`LV-001 ${GLOBALS}:1:1`));
  assert.not.ok(findings(result)[C1]?.some((f) => f.startsWith("LV-002")));
});

test("OSSN-0089's shape: native TLS in an override without libvirt_tls: qemu+tcp:// stays, native TLS fails", () => {
  const result = scan(join(KOLLA, "ossn-0089"));
  assert.ok(findings(result)[C1]?.includes("NOVA-002 etc/kolla/config/nova/nova-compute.conf:2:1"));
  assert.is(result.hosts[0]?.verdict.control.status, "unprotected");
});

test("Jinja and anchors: libvirt_tls from another variable, volumes from a merge key, an override rendered per host", () => {
  const result = scan(join(KOLLA, "jinja-anchors"));
  assert.equal(verdicts(result), { [C1]: "encrypted and authenticated", [C2]: "encrypted and authenticated" });
  const tls = result.findings.find((f) => f.rule === "LV-017" && f.host === C1);
  // libvirt_tls's line decides; kolla_enable_tls_internal, which it reads, is related.
  assert.equal(tls?.location, { file: GLOBALS, line: 14, column: 14 });
  assert.equal(
    tls?.related.map((r) => `${r.file}:${r.line}`),
    [`${GLOBALS}:8`],
  );
  assert.not.ok(result.findings.some((f) => f.rule === "NOVA-018"));
});

test("vaulted: a vault-encrypted key file withholds the certificates, whose checks are not evaluated with the reason", () => {
  const result = scan(join(KOLLA, "vaulted"));
  const skipped = result.hosts[0]?.not_evaluated.filter((s) => s.rule.startsWith("PKI-")) ?? [];
  assert.ok(skipped.length >= 5);
  assert.ok(skipped.every((s) => s.reason.includes("vault-encrypted in the repository")));
  assert.ok(codes(result).includes(`kolla-note etc/kolla/config/nova/nova-libvirt/${C1}/serverkey.pem:1`));
  // The vaulted key is not in clear; the client key beside it is.
  assert.equal(
    findings(result)[C1]?.filter((f) => f.startsWith("DEP-001")),
    [`DEP-001 etc/kolla/config/nova/nova-libvirt/${C1}/clientkey.pem:1:1`],
  );
});

test("the CA's key committed where kolla-ansible certificates writes it: DEP-001 at it; a passphrase-encrypted key is not in clear", () => {
  const pki = join(ROOT, "test/fixtures/pki");
  const dir = tree({
    "etc/kolla/globals.yml": 'openstack_release: "2025.1"\nlibvirt_tls: "yes"\n',
    "etc/kolla/multinode": "[compute]\ncompute-1.example.org\n",
    "etc/kolla/config/nova/nova-libvirt/cacert.pem": readFileSync(join(pki, "ca-cert.pem"), "utf8"),
    "etc/kolla/config/nova/nova-libvirt/servercert.pem": readFileSync(join(pki, "compute-1-cert.pem"), "utf8"),
    "etc/kolla/config/nova/nova-libvirt/clientcert.pem": readFileSync(join(pki, "compute-1-cert.pem"), "utf8"),
    "etc/kolla/config/nova/nova-libvirt/serverkey.pem": readFileSync(join(pki, "encrypted-key.pem"), "utf8"),
    "etc/kolla/config/nova/nova-libvirt/clientkey.pem": readFileSync(join(pki, "encrypted-key.pem"), "utf8"),
    "etc/kolla/certificates/private/root/root.key": readFileSync(join(pki, "ca-key.pem"), "utf8"),
    "etc/kolla/certificates/private/other.key": readFileSync(join(pki, "compute-2-key.pem"), "utf8"),
  });
  const result = scan(dir);
  const dep = result.findings.filter((f) => f.rule === "DEP-001");
  assert.equal(
    dep.map((f) => [f.message, f.location.file]),
    [["ca", "etc/kolla/certificates/private/root/root.key"]],
  );
});

test("an expression migpolicy does not evaluate decides libvirt_tls: the hosts are not evaluated, the expression said", () => {
  const result = scan(join(KOLLA, "unevaluated"));
  assert.equal(result.hosts, []);
  const problems = result.diagnostics.filter((d) => d.code === "kolla-not-rendered");
  assert.is(problems.length, 2);
  assert.equal(problems[0]?.location, { file: GLOBALS, line: 10, column: 14 });
  assert.ok(JSON.stringify(problems[0]?.args).includes("lookup('env', 'KOLLA_LIBVIRT_TLS')"));
});

test("Kayobe: libvirt_tls from compute.yml, the release from kolla.yml, native TLS in kolla/config, one certificate for all", () => {
  const result = scan(join(KOLLA, "kayobe"));
  assert.equal(verdicts(result), { [C1]: "encrypted and authenticated", [C2]: "encrypted and authenticated" });
  const expected = [
    "DEP-001 etc/kayobe/certificates/libvirt/clientkey.pem:1:1",
    "DEP-001 etc/kayobe/certificates/libvirt/serverkey.pem:1:1",
    "LV-017 etc/kayobe/compute.yml:3:29",
    "NOVA-021 etc/kayobe/kolla/globals.yml:1:1",
    "QEMU-006 etc/kayobe/kolla/globals.yml:1:1",
  ];
  // Kayobe's certificates/libvirt is flat: every host holds the same certificate and key.
  const shared = ["FLEET-003 etc/kayobe/certificates/libvirt/clientcert.pem:1:1", "FLEET-003 etc/kayobe/certificates/libvirt/servercert.pem:1:1"];
  // A key file is one fact of the repository: reported once, on the first host given it.
  assert.equal(findings(result), { [C1]: expected, [C2]: expected.filter((f) => !f.startsWith("DEP-001")), "(fleet)": shared });
  assert.equal(
    result.hosts.map((h) => h.root),
    [`etc/kayobe/inventory:${C1}`, `etc/kayobe/inventory:${C2}`],
  );
  // The release is kolla.yml's line (kolla_openstack_release), not Kayobe's default.
  assert.ok(result.hosts[0]?.not_evaluated.some((s) => s.reason.includes("(2025.1, repository)")));
});

test("a StackHPC-shaped Kayobe repository: Jinja in kolla/globals.yml, hosts only in environments, certificates per environment", () => {
  const result = scan(join(KOLLA, "kayobe-environments"));
  assert.equal(verdicts(result), { "cn-1": "encrypted and authenticated", "cn-2": "encrypted and authenticated", "st-1": "encrypted and authenticated" });
  const common = ["NOVA-021 etc/kayobe/kolla/globals.yml:1:1", "QEMU-006 etc/kayobe/kolla/globals.yml:1:1"];
  const production = ["LV-017 etc/kayobe/environments/production/compute.yml:2:29", ...common];
  const keys = [
    "DEP-001 etc/kayobe/environments/production/certificates/libvirt/clientkey.pem:1:1",
    "DEP-001 etc/kayobe/environments/production/certificates/libvirt/serverkey.pem:1:1",
  ];
  assert.equal(findings(result), {
    "cn-1": [...keys, ...production],
    "cn-2": production,
    "st-1": ["LV-017 etc/kayobe/environments/staging/compute.yml:2:29", ...common],
    "(fleet)": [
      "FLEET-003 etc/kayobe/environments/production/certificates/libvirt/clientcert.pem:1:1",
      "FLEET-003 etc/kayobe/environments/production/certificates/libvirt/servercert.pem:1:1",
    ],
  });
  // staging has no certificates of its own: the base's folder and production's are not its.
  assert.ok(result.hosts[2]?.not_evaluated.some((n) => n.rule === "PKI-001" && n.reason.includes("etc/kayobe/environments/staging/certificates/libvirt")));
  const notes = result.diagnostics.filter((d) => d.code === "kolla-note").map((d) => `${d.location.file}:${d.location.line} ${d.args.message}`);
  assert.ok(notes.some((n) => n.startsWith("etc/kayobe/kolla/globals.yml:7 Kayobe writes the output of an expression")));
  assert.ok(notes.some((n) => n.startsWith("etc/kayobe/kolla/config/nova.conf:2 Kayobe concatenates this file with etc/kayobe/environments/staging/")));
  assert.not.ok(result.diagnostics.some((d) => d.code === "kolla-not-rendered"));
});

test("Kayobe environments: each a cloud layered over the base (dependencies first); a shared one only through them; INI files concatenated as Kayobe does", () => {
  const result = scan(
    tree({
      "etc/kayobe/kolla.yml": "---\n",
      "etc/kayobe/inventory/groups": "[controllers]\n\n[compute]\n",
      "etc/kayobe/compute.yml": "compute_libvirt_enable_tls: false\n",
      "etc/kayobe/kolla/config/nova.conf": "[libvirt]\nhw_machine_type = x86_64=q35\n[DEFAULT]\ndebug = false\n",
      "etc/kayobe/environments/common/kolla/globals.yml": "libvirt_enable_sasl: false\n",
      "etc/kayobe/environments/production/.kayobe-environment": "dependencies:\n  - common\n",
      "etc/kayobe/environments/production/inventory/hosts": "[compute]\nc1\nc2\n",
      "etc/kayobe/environments/production/compute.yml": "compute_libvirt_enable_tls: true\n",
      "etc/kayobe/environments/production/kolla/config/nova.conf": "\n[libvirt]\nlive_migration_with_native_tls = true\n",
      "etc/kayobe/environments/staging/inventory/hosts": "[compute]\ns1\n",
      "etc/kayobe/environments/staging/kolla/config/nova.conf": "[libvirt]\nlive_migration_with_native_tls = true\n",
      "requirements.txt": "kayobe@git+https://github.com/stackhpc/kayobe@stackhpc/2026.1\n",
    }),
  );
  assert.equal(
    result.hosts.map((h) => [h.root, h.verdict.summary]),
    [
      ["etc/kayobe/environments/production/inventory:c1", "encrypted, not fully authenticated"],
      ["etc/kayobe/environments/production/inventory:c2", "encrypted, not fully authenticated"],
      ["etc/kayobe/environments/staging/inventory:s1", "not encrypted"],
    ],
  );
  const all = findings(result);
  // production: TLS from its own compute.yml; the base's false is beaten.
  assert.ok(all.c1?.includes("LV-005 etc/kayobe/environments/production/compute.yml:1:29"));
  // staging: the base's last line and staging's [libvirt] are one line, so the option lands in [DEFAULT].
  assert.ok(all.s1?.includes("NOVA-014 etc/kayobe/environments/staging/kolla/config/nova.conf:2:1"));
  // staging does not depend on common: its libvirt_enable_sasl (false) does not reach s1; SASL stays on.
  assert.is(result.hosts[2]?.verdict.authorisation.status, "protected");
  const notes = result.diagnostics.filter((d) => d.code === "kolla-note");
  assert.ok(notes.some((d) => d.location.file === "etc/kayobe/kolla/config/nova.conf" && d.location.line === 4 && JSON.stringify(d.args).includes("staging")));
  assert.not.ok(notes.some((d) => JSON.stringify(d.args).includes("concatenates this file with etc/kayobe/environments/production")));
  assert.ok(notes.some((d) => d.args.message.startsWith("release 2026.1 (this line)")));
});

test("Kayobe environments: a dependency's globals.yml reaches the environment; an environment's certificates are its own", () => {
  const dir = tree({
    "etc/kayobe/kolla.yml": "---\n",
    "etc/kayobe/inventory/hosts": "[compute]\n",
    "etc/kayobe/environments/common/kolla/globals.yml": "libvirt_enable_sasl: false\n",
    "etc/kayobe/environments/production/.kayobe-environment": "dependencies:\n  - common\n",
    "etc/kayobe/environments/production/inventory/hosts": "[compute]\nc1\n",
  });
  const result = scan(dir);
  assert.equal(
    result.hosts.map((h) => h.name),
    ["c1"],
  );
  assert.ok(findings(result).c1?.includes("LV-001 etc/kayobe/environments/common/kolla/globals.yml:1:22"));
  // kolla_nova_libvirt_certificates_src is the environment's certificates/libvirt (kayobe_env_config_path): the base's are not used.
  const pems = join(ROOT, "test/fixtures/kolla/kayobe/etc/kayobe/certificates/libvirt");
  const place = (folder: string) => {
    mkdirSync(join(dir, folder), { recursive: true });
    for (const name of readdirSync(pems)) writeFileSync(join(dir, folder, name), readFileSync(join(pems, name)));
  };
  writeFileSync(join(dir, "etc/kayobe/environments/production/compute.yml"), "compute_libvirt_enable_tls: true\n");
  place("etc/kayobe/certificates/libvirt");
  const base = scan(dir);
  assert.ok(base.hosts[0]?.not_evaluated.some((n) => n.rule === "PKI-001" && n.reason.includes("etc/kayobe/environments/production/certificates/libvirt")));
  place("etc/kayobe/environments/production/certificates/libvirt");
  const own = scan(dir);
  assert.not.ok(own.hosts[0]?.not_evaluated.some((n) => n.rule === "PKI-001"));
});

test("Kayobe templates kolla/globals.yml first: raw, its variables, known blocks written; a value set in a block not decided is not known", () => {
  const globals = [
    "---",
    "# {{ not_defined_anywhere }} in a comment",
    'kolla_base_distro: "{% raw %}{{ ansible_facts.distribution | lower }}{% endraw %}"',
    'libvirt_tls: "{{ compute_libvirt_enable_tls | bool }}"',
    "{% if sasl_off | bool %}",
    "libvirt_enable_sasl: false",
    "{% endif %}",
    "kolla_image_tags:",
    "{{ kolla_image_tags | to_nice_yaml | indent(width=4, first=true) }}",
    "{{ lookup('pipe', 'tools/list-tags') }}",
    "{% for name in ['a', 'b'] %}",
    '{{ name }}_tag: "{{ name }}-1"',
    "{% endfor %}",
    "",
  ].join("\n");
  const dir = tree({
    "etc/kayobe/kolla.yml": "---\n",
    "etc/kayobe/inventory/hosts": "[compute]\nc1\n",
    "etc/kayobe/compute.yml": "compute_libvirt_enable_tls: true\nsasl_off: true\n",
    "etc/kayobe/kolla/globals.yml": globals,
  });
  const result = scan(dir);
  assert.is(result.hosts[0]?.verdict.control.status, "protected");
  // libvirt_tls, written by Kayobe from compute.yml, is found at its own line of kolla/globals.yml.
  assert.ok(findings(result).c1?.includes("LV-005 etc/kayobe/kolla/globals.yml:4:14"));
  const note = result.diagnostics.find((d) => d.code === "kolla-note" && d.location.line === 10);
  assert.ok(JSON.stringify(note?.args).includes("lookup('pipe'"));
  assert.not.ok(result.diagnostics.some((d) => d.code === "kolla-not-rendered"));
  // The block that sets libvirt_enable_sasl is not decided when its condition reads a Kayobe default: the host is not evaluated.
  writeFileSync(join(dir, "etc/kayobe/kolla/globals.yml"), globals.replace("sasl_off", "kolla_enable_tls_internal"));
  const undecided = scan(dir);
  assert.equal(undecided.hosts, []);
  const why = undecided.diagnostics.find((d) => d.code === "kolla-not-rendered");
  assert.equal([why?.location.file, why?.location.line], ["etc/kayobe/kolla/globals.yml", 6]);
  assert.ok(JSON.stringify(why?.args).includes("{% if kolla_enable_tls_internal | bool %}"));
  // A statement the pass does not evaluate: the file is not read, said at the statement.
  writeFileSync(join(dir, "etc/kayobe/kolla/globals.yml"), "---\n{% macro m() %}x{% endmacro %}\nlibvirt_tls: true\n");
  const macro = scan(dir);
  assert.equal(macro.hosts, []);
  assert.ok(macro.diagnostics.some((d) => d.code === "kolla-not-rendered" && d.location.line === 2 && JSON.stringify(d.args).includes("macro")));
});

test("Kayobe without TLS: Kayobe always writes libvirt_tls (false), so Kolla's TCP defaults decide", () => {
  const dir = tree({
    "etc/kayobe/kolla.yml": "---\n",
    "etc/kayobe/inventory/hosts": "[compute]\nc1\n",
  });
  const result = scan(dir);
  assert.is(result.hosts[0]?.verdict.summary, "not encrypted");
  assert.ok(findings(result).c1?.includes("LV-002 etc/kayobe/kolla.yml:1:1"));
  // With the hosts' own libvirt, which Kayobe configures, nothing Kolla renders decides: not evaluated.
  writeFileSync(join(dir, "etc/kayobe/kolla.yml"), "kolla_enable_nova_libvirt_container: false\n");
  const host = scan(dir);
  assert.equal(host.hosts, []);
  assert.ok(host.diagnostics.some((d) => d.code === "kolla-not-rendered" && d.location.file === "etc/kayobe/kolla.yml" && d.location.line === 1));
});

test("precedence: globals.yml beats host_vars, host_vars beat group_vars, inventory group_vars/compute beats Kolla's group_vars/all", () => {
  const dir = tree({
    "etc/kolla/globals.yml": 'openstack_release: "2025.1"\nnetwork_interface: "eth9"\n',
    "etc/kolla/multinode": "[compute]\nc1\nc2\nc3\n",
    "etc/kolla/group_vars/all.yml": "nova_console: none\n",
    "etc/kolla/group_vars/compute.yml": "nova_console: spice\n",
    "etc/kolla/host_vars/c2.yml": "nova_console: novnc\nnetwork_interface: eth1\n",
    "etc/kolla/host_vars/c3": "libvirt_tls: true\n",
  });
  const result = scan(dir);
  const all = findings(result);
  // spice (group_vars/compute) leaves [vnc] disabled: no VNC finding on c1; c2's host_vars bring novnc back.
  assert.not.ok(all.c1?.some((f) => f.startsWith("NOVA-021")));
  // network_interface: globals.yml's line beats host_vars/c2.yml's.
  assert.ok(all.c2?.includes(`NOVA-021 ${GLOBALS}:2:20`));
  assert.is(result.hosts.find((h) => h.name === "c3")?.verdict.control.status, "protected");
});

test("globals.d as each release's command line reads it: none before Victoria, *.yml before passwords.yml to 18.x, .yaml and .json from 19.0.0", () => {
  const control = (release: string, name: string) => {
    const dir = tree({
      "etc/kolla/globals.yml": `openstack_release: "${release}"\n`,
      "etc/kolla/multinode": "[compute]\nc1\n",
      [`etc/kolla/globals.d/${name}`]: 'libvirt_tls: "yes"\n',
    });
    return scan(dir).hosts[0]?.verdict.control.status;
  };
  assert.equal(
    [
      control("train", "tls.yml"),
      control("ussuri", "tls.yml"),
      control("victoria", "tls.yml"),
      control("2024.1", "tls.yaml"),
      control("2024.2", "tls.yaml"),
      control("2025.1", "tls.json"),
    ],
    ["unprotected", "unprotected", "protected", "unprotected", "protected", "protected"],
  );
});

test("group_vars as Ansible finds them: the first of name, .yml, .yaml, .json; a folder read whole and recursively, hidden files skipped", () => {
  const control = (files: Record<string, string>) =>
    scan(tree({ "etc/kolla/globals.yml": 'openstack_release: "2025.1"\n', "etc/kolla/multinode": "[compute]\nc1\n", ...files })).hosts[0]?.verdict.control
      .status;
  assert.is(control({ "etc/kolla/group_vars/compute/libvirt/tls.yml": 'libvirt_tls: "yes"\n' }), "protected");
  // The folder is found first: compute.yml is never read.
  assert.is(control({ "etc/kolla/group_vars/compute/other.yml": "a: 1\n", "etc/kolla/group_vars/compute.yml": 'libvirt_tls: "yes"\n' }), "unprotected");
  assert.is(control({ "etc/kolla/group_vars/compute/.tls.yml": 'libvirt_tls: "yes"\n' }), "unprotected");
  assert.is(control({ "etc/kolla/multinode": '[compute]\nc1\n[compute:vars]\nlibvirt_tls="yes"\n' }), "protected");
});

test("the libvirt TLS files missing from the repository: the certificate checks are not evaluated, with the reason", () => {
  const result = scan(tree({ "etc/kolla/globals.yml": 'openstack_release: "2025.1"\nlibvirt_tls: "yes"\n', "etc/kolla/multinode": "[compute]\nc1\n" }));
  const skipped = result.hosts[0]?.not_evaluated.filter((s) => s.rule.startsWith("PKI-")) ?? [];
  assert.ok(skipped.length >= 5);
  assert.ok(
    skipped.every((s) =>
      s.reason.startsWith("cacert.pem, servercert.pem, serverkey.pem, clientcert.pem, clientkey.pem not in etc/kolla/config/nova/nova-libvirt"),
    ),
  );
});

test("no secret of passwords.yml in any output, even in what cannot be rendered; no place in a dumped document is in the rendering", () => {
  const dir = tree({
    "etc/kolla/globals.yml": 'openstack_release: "2025.1"\nlibvirt_tls: "yes"\n',
    "etc/kolla/passwords.yml": 'nova_keystone_password: "Xq{#TOPSECRET-9f8e7d"\nlibvirt_sasl_password: "{{ TOPSECRET2"\n',
    "etc/kolla/multinode": "[compute]\nc1\n",
    "etc/kolla/config/nova.conf": "[keystone_authtoken]\npassword = {{ nova_keystone_password }}\n[libvirt]\nx = {% for a in b %}TOPSECRET3\n",
  });
  const dump = tree({});
  for (const format of ["text", "json", "sarif", "html", "markdown", "junit", "compact"]) {
    const run = spawnSync(process.execPath, [CLI, "eval", dir, "--format", format, "--dump-input", dump], { encoding: "utf8" });
    assert.is(run.status, 2, format);
    assert.not.match(`${run.stdout}${run.stderr}`, "TOPSECRET", format);
  }
  assert.match(
    spawnSync(process.execPath, [CLI, "eval", dir, "--format", "sarif"], { encoding: "utf8" }).stderr,
    "no host could be evaluated, so no report is written",
  );
  const ok = tree({ "etc/kolla/globals.yml": 'libvirt_tls: "yes"\n', "etc/kolla/multinode": "[compute]\nc1\n" });
  spawnSync(process.execPath, [CLI, "eval", ok, "--dump-input", dump], { encoding: "utf8" });
  const dumped = readdirSync(dump).map((name) => readFileSync(join(dump, name), "utf8"));
  assert.ok(dumped.length > 0);
  // No place in a document is in the rendering: only a folder that exists in nothing but the rendering keeps its rendered path.
  for (const text of dumped) assert.not.match(text, /"file": "\.migpolicy-rendered/);
});

test("2026.1: an operator's libvirtd.conf.j2 replaces the role's whole, and its lines are the findings' places", () => {
  const dir = tree({
    "etc/kolla/globals.yml": 'openstack_release: "2026.1"\n',
    "etc/kolla/multinode": "[compute]\nc1\n",
    "etc/kolla/config/nova/libvirtd.conf.j2": 'listen_tcp = 1\nauth_tcp = "none"\nlisten_addr = "{{ migration_interface_address }}"\n',
  });
  const result = scan(dir);
  assert.ok(findings(result).c1?.includes("LV-001 etc/kolla/config/nova/libvirtd.conf.j2:2:1"));
  // Before 2026.1 there is no such override: the same file changes nothing.
  writeFileSync(join(dir, "etc/kolla/globals.yml"), 'openstack_release: "2025.2"\n');
  assert.not.ok(findings(scan(dir)).c1?.some((f) => f.startsWith("LV-001")));
});

test("a repository of environments: each folder's Kolla configuration and its hosts, and no note about the configurations' own folders", () => {
  const env = (release: string) => ({
    "globals.yml": `openstack_release: "${release}"\n`,
    multinode: "[compute]\nc1\n",
    "config/nova/nova-compute.conf": "[libvirt]\nlive_migration_scheme = tls\n",
  });
  const files: Record<string, string> = { "README.md": "two clouds\n" };
  for (const [name, release] of [
    ["prod", "2024.1"],
    ["staging", "train"],
  ] as const) {
    for (const [path, text] of Object.entries(env(release))) files[`environments/${name}/${path}`] = text;
  }
  const result = scan(tree(files));
  assert.equal(
    result.hosts.map((h) => h.root),
    ["environments/prod/multinode:c1", "environments/staging/multinode:c1"],
  );
  assert.ok(findings(result).c1?.includes("LV-001 environments/staging/globals.yml:1:1"));
  // Two environments are two clouds: prod's c1 and staging's c1 are not one name twice (FLEET-004), nor compared (NOVA-019).
  assert.equal(findings(result)["(fleet)"], undefined);
  assert.not.ok(result.diagnostics.some((d) => d.code === "folder-without-hosts"));
  // A configuration at the top: its config/ and inventory/ folders are not "folders without hosts".
  const top = scan(tree({ "globals.yml": "a: 1\n", "inventory/hosts": "[compute]\nc1\n", "config/nova.conf": "[DEFAULT]\n" }));
  assert.equal(
    top.hosts.map((h) => h.root),
    ["inventory:c1"],
  );
  assert.not.ok(top.diagnostics.some((d) => d.code === "folder-without-hosts"));
});

test("discovery: a kolla.yml playbook beside etc/kolla is no Kayobe configuration; a deployment node in a fleet is a machine; an etc of a repository hides nothing", () => {
  const kolla = { "etc/kolla/globals.yml": 'openstack_release: "2024.1"\nlibvirt_tls: "yes"\n', "inventory/multinode": "[compute]\nc1\n" };
  const playbook = scan(tree({ ...kolla, "kolla.yml": "- name: Wrap kolla-ansible\n  hosts: localhost\n" }));
  assert.equal(
    playbook.hosts.map((h) => [h.root, h.verdict.control.status]),
    [["inventory:c1", "protected"]],
  );
  const fleet = scan(
    tree({
      "compute-1/etc/nova/nova.conf": "[DEFAULT]\n",
      "deploy/etc/hostname": "deploy\n",
      "deploy/etc/kolla/globals.yml": "a: 1\n",
      "deploy/etc/kolla/multinode": "[compute]\ncompute-1\n",
    }),
  );
  assert.equal(
    fleet.hosts.map((h) => h.root),
    ["compute-1"],
  );
  const withEtc = scan(
    tree({ "etc/ansible/ansible.cfg": "[defaults]\n", "environments/prod/globals.yml": "a: 1\n", "environments/prod/multinode": "[compute]\nc1\n" }),
  );
  assert.equal(
    withEtc.hosts.map((h) => h.root),
    ["environments/prod/multinode:c1"],
  );
  const sharedConfig = scan(
    tree({
      "config/nova/nova.conf": "[libvirt]\nlive_migration_with_native_tls = true\n",
      "environments/prod/globals.yml": "a: 1\n",
      "environments/prod/multinode": "[compute]\nc1\n",
    }),
  );
  assert.equal(
    sharedConfig.hosts.map((h) => h.root),
    ["environments/prod/multinode:c1"],
  );
});

test("inventories: a folder of files read as one; a vault-encrypted inventory leaves its hosts not evaluated, said", () => {
  const folder = scan(
    tree({
      "etc/kolla/globals.yml": "a: 1\n",
      "inventory/00-hosts.ini": "[compute-nodes]\ncomp1\ncomp2\n",
      "inventory/multinode": "[compute:children]\ncompute-nodes\n",
      "inventory/README.md": "# our inventory\nsee the wiki\n",
      "inventory/group_vars/compute.yml": "migration_interface: eth1\n",
    }),
  );
  assert.equal(
    folder.hosts.map((h) => h.root),
    ["inventory:comp1", "inventory:comp2"],
  );
  assert.ok(folder.findings.some((f) => f.rule === "NOVA-024" && f.location.file === "inventory/group_vars/compute.yml"));
  const vaulted = scan(tree({ "etc/kolla/globals.yml": "a: 1\n", "etc/kolla/multinode": "$ANSIBLE_VAULT;1.1;AES256\n6231\n" }));
  assert.equal(vaulted.hosts, []);
  assert.ok(vaulted.diagnostics.some((d) => d.code === "kolla-not-rendered" && JSON.stringify(d.args).includes("vault-encrypted")));
});

test("no inventory: the compute hosts evaluated as one, said so; the release assumed, said so", () => {
  const dir = tree({ "kolla/globals.yml": "libvirt_tls: yes\n" });
  const result = scan(dir);
  assert.equal(
    result.hosts.map((h) => [h.name, h.root]),
    [["compute", "kolla:compute"]],
  );
  const notes = result.diagnostics.map((d) => (d.code === "kolla-note" ? d.args.message : d.code));
  assert.ok(notes.some((m) => m.startsWith("no inventory with a compute group")));
  assert.ok(notes.some((m) => m.includes("names no release (openstack_release)")));
});

test("the release from a kolla-ansible pin in requirements.txt; a release without facts is assumed at its line", () => {
  const dir = tree({
    "requirements.txt": "# the deploy host's tools\nkolla-ansible==12.3.0\n",
    "etc/kolla/globals.yml": "network_interface: eth0\n",
    "etc/kolla/multinode": "[compute]\nc1\n",
  });
  const pinned = scan(dir);
  assert.ok(findings(pinned).c1?.includes(`LV-001 ${GLOBALS}:1:1`));
  assert.ok(codes(pinned).includes("kolla-note requirements.txt:2"));
  writeFileSync(join(dir, "etc/kolla/globals.yml"), 'openstack_release: "master"\n');
  const master = scan(dir);
  const note = master.diagnostics.find((d) => d.code === "kolla-note" && d.location.line === 1 && d.location.file === GLOBALS);
  assert.match(note?.code === "kolla-note" ? note.args.message : "", "openstack_release master is no release migpolicy has kolla-ansible's facts for");
});

test("an edit of a line rendered from a template is not offered; an edit of an override line is", () => {
  const dir = tree({
    "etc/kolla/globals.yml": 'openstack_release: "2025.1"\n',
    "etc/kolla/multinode": "[compute]\nc1\n",
    "etc/kolla/config/nova/nova-compute.conf": "[libvirt]\nlive_migration_scheme = tcp\n",
  });
  const result = scan(dir);
  for (const f of result.findings) for (const edit of f.fix?.edits ?? []) assert.is(edit.location.file, "etc/kolla/config/nova/nova-compute.conf", f.rule);
});

test("--kolla-release renders the repository for that release, and says so; an unknown release is a usage error", () => {
  const run = spawnSync(process.execPath, [CLI, "eval", join(KOLLA, "defaults"), "--kolla-release", "12.3.0", "--format", "json"], { encoding: "utf8" });
  assert.is(run.status, 1);
  const report = JSON.parse(run.stdout) as { findings: { rule: string }[]; diagnostics: { message: string }[] };
  // 12.3.0 came before SASL reached the wallaby branch: auth_tcp = "none".
  assert.ok(report.findings.some((f) => f.rule === "LV-001"));
  assert.ok(report.diagnostics.some((d) => d.message.startsWith("release 12.3.0 (--kolla-release): rendered as kolla-ansible train")));
  const bad = spawnSync(process.execPath, [CLI, "eval", join(KOLLA, "defaults"), "--kolla-release", "grizzly"], { encoding: "utf8" });
  assert.is(bad.status, 2);
  assert.match(bad.stderr, 'unknown --kolla-release "grizzly"');
});

test("SARIF of a repository: every URI is a file of the repository, primary and related", () => {
  for (const name of ["defaults", "native-tls", "per-host-override", "jinja-anchors", "vaulted", "kayobe", "kayobe-environments"]) {
    const dir = join(KOLLA, name);
    const run = spawnSync(process.execPath, [CLI, "eval", dir, "--format", "sarif"], { encoding: "utf8" });
    assert.is(run.status, 1, name);
    const out = run.stdout;
    const log = JSON.parse(out) as {
      runs: {
        originalUriBaseIds: Record<string, { uri: string }>;
        results: {
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
          relatedLocations?: { physicalLocation?: { artifactLocation: { uri: string } } }[];
        }[];
      }[];
    };
    const uris = log.runs[0]?.results.flatMap((r) => [
      ...r.locations.map((l) => l.physicalLocation.artifactLocation.uri),
      ...(r.relatedLocations ?? []).flatMap((l) => (l.physicalLocation ? [l.physicalLocation.artifactLocation.uri] : [])),
    ]);
    assert.ok((uris?.length ?? 0) > 0, name);
    // Relative to the checkout's top (a fixture of this repository), as code scanning resolves them.
    const base = log.runs[0]?.originalUriBaseIds["%SRCROOT%"]?.uri ?? "";
    for (const uri of uris ?? []) assert.ok(existsSync(fileURLToPath(new URL(uri, base))), `${name}: ${uri}`);
  }
});

test("hostile repositories: a variable that refers to itself, a huge host range, deep YAML, a recursive alias: said, never a hang", () => {
  const notRendered = (files: Record<string, string>) => {
    const result = scan(tree({ "etc/kolla/multinode": "[compute]\nc1\n", ...files }));
    assert.equal(result.hosts, []);
    return result.diagnostics.filter((d) => d.code === "kolla-not-rendered").map((d) => `${JSON.stringify(d.args)} ${d.location.file}:${d.location.line}`);
  };
  assert.match(notRendered({ "etc/kolla/globals.yml": 'libvirt_tls: "{{ libvirt_tls }}"\n' })[0] ?? "", "refers to itself");
  assert.match(
    notRendered({ "etc/kolla/globals.yml": `deep: ${"[".repeat(200)}${"]".repeat(200)}\n` })[0] ?? "",
    /nested more than 64 deep.* etc\/kolla\/globals.yml:1/,
  );
  assert.match(notRendered({ "etc/kolla/globals.yml": "a: 1\n", "etc/kolla/globals.d/a.yml": "a: &a [*a]\n" })[0] ?? "", "globals.d/a.yml");
  // Each variable is templated once a host: a chain of variables that each read the next twice costs a lookup each, not 2^n.
  const chain = ['libvirt_tls: "{{ v0 }}"', ...Array.from({ length: 30 }, (_, i) => `v${i}: "{{ v${i + 1} == v${i + 1} }}"`), "v30: yes"].join("\n");
  const started = Date.now();
  const chained = scan(tree({ "etc/kolla/globals.yml": `${chain}\n`, "etc/kolla/multinode": "[compute]\nc1\n" }));
  assert.ok(Date.now() - started < 10_000);
  assert.is(chained.hosts.length, 1);
  // A billion laughs: the expanded size is bounded, not the aliases visited.
  const laughs = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= 8; i++)
    laughs.push(
      `l${i}: &l${i} [${Array(10)
        .fill(`*l${i - 1}`)
        .join(",")}]`,
    );
  laughs.push("nova_libvirt_extra_volumes: *l8");
  assert.match(notRendered({ "etc/kolla/globals.yml": `${laughs.join("\n")}\n` })[0] ?? "", "once aliases are expanded");
  const huge = scan(tree({ "etc/kolla/globals.yml": "a: 1\n", "etc/kolla/multinode": "[compute]\nc[0:99999999]\nc1\n" }));
  assert.ok(huge.diagnostics.some((d) => d.code === "kolla-not-rendered" && JSON.stringify(d.args).includes("more than 10000 hosts")));
});

test("an override's value not known: kept as not known in an option no check reads, the host not evaluated in one a check reads", () => {
  const dir = tree({
    "etc/kolla/globals.yml": 'openstack_release: "2025.1"\n',
    "etc/kolla/multinode": "[compute]\nc1\n",
    "etc/kolla/config/nova.conf":
      "[service_user]\nsend_service_user_token = True\nurl = {{ internal_protocol }}://x\npassword = {{ nova_keystone_password }}\n",
  });
  const result = scan(dir);
  assert.is(result.hosts[0]?.name, "c1");
  const note = result.diagnostics.find((d) => d.code === "kolla-note" && d.location.file === "etc/kolla/config/nova.conf");
  assert.equal([note?.location.line, JSON.stringify(note?.args).includes("[service_user] url, [service_user] password")], [3, true]);
  // Options a check reads, under their names and their older ones: the host is not evaluated.
  for (const line of ["[libvirt]\nlive_migration_scheme = {{ internal_protocol }}\n", "[DEFAULT]\nvnc_enabled = {{ internal_protocol }}\n"]) {
    writeFileSync(join(dir, "etc/kolla/config/nova.conf"), line);
    const read = scan(dir);
    assert.equal(read.hosts, [], line);
    assert.ok(
      read.diagnostics.some((d) => d.code === "kolla-not-rendered" && d.location.file === "etc/kolla/config/nova.conf" && d.location.line === 2),
      line,
    );
  }
});

test("a release older than Train (kolla-ansible 8.x and before, Queens...) is not evaluated, at the line naming it", () => {
  for (const release of ["6.0.0.0", "8.2.0", "rocky", "queens"]) {
    const result = scan(tree({ "etc/kolla/globals.yml": `openstack_release: "${release}"\n`, "etc/kolla/multinode": "[compute]\nc1\n" }));
    assert.equal(result.hosts, [], release);
    const why = result.diagnostics.find((d) => d.code === "kolla-not-rendered");
    assert.equal([why?.location.file, why?.location.line], ["etc/kolla/globals.yml", 1], release);
    assert.ok(JSON.stringify(why?.args).includes("older than kolla-ansible 9.0.0"), release);
  }
});

test("Kayobe environments in graphlib's order: dependencies by batches, a batch's order (not fixed by Kayobe) by name, said in a note", () => {
  const result = scan(
    tree({
      "etc/kayobe/kolla.yml": "---\n",
      "etc/kayobe/inventory/groups": "[compute]\n",
      "etc/kayobe/environments/a/inventory/hosts": "[compute]\nc1\n",
      "etc/kayobe/environments/a/.kayobe-environment": "dependencies:\n  - b\n  - c\n",
      "etc/kayobe/environments/b/.kayobe-environment": "dependencies:\n  - d\n",
      "etc/kayobe/environments/b/compute.yml": "compute_libvirt_enable_tls: false\n",
      "etc/kayobe/environments/c/compute.yml": "compute_libvirt_enable_tls: true\n",
      "etc/kayobe/environments/d/compute.yml": "---\n",
    }),
  );
  // static_order gives c and d (no dependency), then b, then a: b's false is the last word.
  assert.equal(
    result.hosts.map((h) => [h.name, h.verdict.control.status]),
    [["c1", "unprotected"]],
  );
  const notes = result.diagnostics.filter((d) => d.code === "kolla-note").map((d) => JSON.stringify(d.args));
  assert.ok(notes.some((n) => n.includes("environment a (after c, d, b)")));
  assert.ok(notes.some((n) => n.includes("does not fix the order of the environments c, d")));
});

test("Kayobe's pass over kolla/config: files joined before templating, raw blocks as Jinja writes them, Kayobe's variables", () => {
  const dir = tree({
    "etc/kayobe/kolla.yml": 'kolla_openstack_release: "2025.1"\n',
    "etc/kayobe/compute.yml": "compute_libvirt_enable_tls: true\nnative: true\n",
    "etc/kayobe/inventory/hosts": "[compute]\nc1\n",
    // {% endraw %} takes the newline after it (trim_blocks): [libvirt] joins my_ip's line, and native TLS lands in [DEFAULT].
    "etc/kayobe/kolla/config/nova.conf":
      "[DEFAULT]\nmy_ip = {% raw %}{{ api_interface_address }}{% endraw %}\n[libvirt]\nlive_migration_with_native_tls = true\n",
  });
  const joined = scan(dir);
  assert.ok(findings(joined).c1?.includes("NOVA-014 etc/kayobe/kolla/config/nova.conf:4:1"));
  // A block tag that ends the base's file is Jinja's: the environment's first line stays a line of its own.
  writeFileSync(join(dir, "etc/kayobe/kolla/config/nova.conf"), "[DEFAULT]\n{% if native | bool %}\ndebug = true\n{% endif %}\n");
  mkdirSync(join(dir, "etc/kayobe/environments/prod/kolla/config"), { recursive: true });
  mkdirSync(join(dir, "etc/kayobe/environments/prod/inventory"), { recursive: true });
  writeFileSync(join(dir, "etc/kayobe/environments/prod/inventory/hosts"), "[compute]\nc1\n");
  writeFileSync(join(dir, "etc/kayobe/environments/prod/kolla/config/nova.conf"), "[libvirt]\nlive_migration_with_native_tls = {{ native }}\n");
  const env = scan(dir);
  assert.is(env.hosts.find((h) => h.root.startsWith("etc/kayobe/environments/prod"))?.verdict.memory.status, "protected");
  assert.not.ok(env.diagnostics.some((d) => JSON.stringify(d.args).includes("concatenates")));
});

test.run();
