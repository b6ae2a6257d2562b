/** The bundled examples report exactly the findings their stories call for (examples/README.md). */
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { scan } from "../src/index.js";
import { CLI, EXAMPLES, placeOf, ROOT } from "./helpers.js";

const brief = (path: string) => scan(join(EXAMPLES, path)).findings.map((f) => `${f.host} ${f.rule}/${f.message} ${placeOf(f.location, true)}`);

const shippedDefaults = (host: string, folder: string) => [
  `${host} LV-008/default ${folder}/etc/libvirt/libvirtd.conf:69:1`,
  `${host} LV-017/default ${folder}/etc/libvirt/libvirtd.conf:219:1`,
  `${host} LV-005/default ${folder}/etc/libvirt/libvirtd.conf:301:1`,
  `${host} QEMU-005/default ${folder}/etc/libvirt/qemu.conf:409:1`,
  `${host} QEMU-006/default ${folder}/etc/libvirt/qemu.conf:784:1`,
];

test("the 2019 guide followed literally: OSSN-0089, libvirtd as shipped, a stray key copy, no firewall", () => {
  assert.equal(brief("guide-2019-fleet"), [
    ...shippedDefaults("compute-1.example.org", "compute-1"),
    "compute-1.example.org NOVA-002/unset compute-1/etc/nova/nova.conf:5492:1",
    "compute-1.example.org PKI-012/default compute-1/etc/pki/qemu/server-key-stripped.pem:1:1",
    "compute-1.example.org FW-001/default compute-1/etc/sysconfig/libvirtd:12:1",
    ...shippedDefaults("compute-2.example.org", "compute-2"),
    "compute-2.example.org NOVA-002/unset compute-2/etc/nova/nova.conf:5492:1",
    "compute-2.example.org FW-001/default compute-2/etc/sysconfig/libvirtd:12:1",
  ]);
});

test("OSSN-0007's instructions: libvirtd on plain TCP without authentication, tunnelling asked for in a removed option", () => {
  const host = (n: number) => [
    `compute-${n}.example.org LV-008/default compute-${n}/etc/libvirt/libvirtd.conf:69:1`,
    `compute-${n}.example.org LV-001/default compute-${n}/etc/libvirt/libvirtd.conf:191:1`,
    `compute-${n}.example.org LV-017/default compute-${n}/etc/libvirt/libvirtd.conf:219:1`,
    `compute-${n}.example.org QEMU-006/default compute-${n}/etc/libvirt/qemu.conf:784:1`,
    `compute-${n}.example.org NOVA-001/default compute-${n}/etc/nova/nova.conf:5028:1`,
    `compute-${n}.example.org NOVA-006/default compute-${n}/etc/nova/nova.conf:5028:1`,
    `compute-${n}.example.org NOVA-013/default compute-${n}/etc/nova/nova.conf:5029:1`,
    `compute-${n}.example.org NOVA-003/neither compute-${n}/etc/nova/nova.conf:5494:1`,
    `compute-${n}.example.org NOVA-004/default compute-${n}/etc/nova/nova.conf:5494:1`,
  ];
  assert.equal(brief("ossn-0007-fleet"), [...host(1), ...host(2)]);
});

test("a Kolla-Ansible repository with libvirt_tls: the control channel is TLS, RAM and disks are not; one host tries native TLS without QEMU certificates", () => {
  const keys = (n: number) => [
    `compute-${n}.example.org DEP-001/default etc/kolla/config/nova/nova-libvirt/compute-${n}.example.org/clientkey.pem:1:1`,
    `compute-${n}.example.org DEP-001/default etc/kolla/config/nova/nova-libvirt/compute-${n}.example.org/serverkey.pem:1:1`,
  ];
  const host = (n: number) => [
    ...keys(n),
    `compute-${n}.example.org NOVA-003/neither etc/kolla/globals.yml:1:1`,
    `compute-${n}.example.org NOVA-004/default etc/kolla/globals.yml:1:1`,
    `compute-${n}.example.org QEMU-006/default etc/kolla/globals.yml:1:1`,
    `compute-${n}.example.org NOVA-021/default etc/kolla/globals.yml:16:20`,
    `compute-${n}.example.org LV-017/default etc/kolla/globals.yml:34:14`,
  ];
  assert.equal(brief("kolla-ansible-repo"), [
    // Findings are ordered by file: the fleet's, at compute-3's own override, comes first.
    "null NOVA-019/default etc/kolla/config/nova/compute-3.example.org/nova.conf:3:1",
    ...host(1),
    ...host(2),
    ...keys(3),
    "compute-3.example.org QEMU-002/no_dir etc/kolla/globals.yml:1:1",
    "compute-3.example.org QEMU-006/default etc/kolla/globals.yml:1:1",
    "compute-3.example.org NOVA-021/default etc/kolla/globals.yml:16:20",
    "compute-3.example.org LV-017/default etc/kolla/globals.yml:34:14",
  ]);
  const verdicts = scan(join(EXAMPLES, "kolla-ansible-repo")).hosts.map((h) => h.verdict.summary);
  assert.equal(verdicts, ["not encrypted", "not encrypted", "encrypted and authenticated"]);
});

test("tunnelled and native TLS together: nova-compute does not start", () => {
  assert.equal(brief("tunnelled-and-native-tls"), [
    "compute-1.example.org QEMU-005/default compute-1/etc/libvirt/qemu.conf:409:1",
    "compute-1.example.org NOVA-005/default compute-1/etc/nova/nova.conf:5315:1",
    "compute-1.example.org NOVA-010/default compute-1/etc/nova/nova.conf:5315:1",
    "compute-2.example.org QEMU-005/default compute-2/etc/libvirt/qemu.conf:409:1",
    "compute-2.example.org NOVA-005/default compute-2/etc/nova/nova.conf:5315:1",
    "compute-2.example.org NOVA-010/default compute-2/etc/nova/nova.conf:5315:1",
  ]);
  const [host] = scan(join(EXAMPLES, "tunnelled-and-native-tls")).hosts;
  assert.equal([host!.verdict.summary, host!.verdict.reason], ["nova-compute does not start", "tunnelled and native TLS are both on"]);
});

test("the current guide followed: encrypted, but any certificate the CA signed is trusted", () => {
  assert.equal(brief("guide-current-fleet"), [
    ...shippedDefaults("compute-1.example.org", "compute-1"),
    ...shippedDefaults("compute-2.example.org", "compute-2"),
  ]);
  const verdicts = scan(join(EXAMPLES, "guide-current-fleet")).hosts.map((h) => h.verdict.summary);
  assert.equal(verdicts, ["encrypted, not fully authenticated", "encrypted, not fully authenticated"]);
});

test("the secure fleet: nothing to report, every channel protected", () => {
  const result = scan(join(EXAMPLES, "secure-fleet"));
  assert.equal(result.findings, []);
  assert.equal(result.diagnostics, []);
  assert.equal(
    result.hosts.map((h) => [h.name, h.verdict.summary]),
    [
      ["compute-1.example.org", "encrypted and authenticated"],
      ["compute-2.example.org", "encrypted and authenticated"],
    ],
  );
});

test("the verdict per channel: the 2019 guide leaves the control channel in clear", () => {
  const [host] = scan(join(EXAMPLES, "guide-2019-fleet")).hosts;
  assert.equal(host!.verdict, {
    control: { status: "unprotected", by: "libvirt tcp transport: plain TCP" },
    memory: { status: "protected", by: "QEMU-native TLS" },
    disks: { status: "protected", by: "QEMU-native TLS" },
    authentication: { status: "protected", by: "the destination QEMU verifies the source's certificate" },
    authorisation: { status: "unprotected", by: "any certificate signed by the CA is accepted" },
    summary: "not encrypted",
    reason: "",
  });
});

test("one host of a fleet scanned alone keeps paths relative to that host", () => {
  assert.ok(brief("guide-2019-fleet/compute-2").includes("compute-2.example.org NOVA-002/unset etc/nova/nova.conf:5492:1"));
});

test("in a git checkout, file modes are not the host's: the key checks say they were not evaluated", () => {
  const [host] = scan(join(EXAMPLES, "guide-2019-fleet")).hosts;
  assert.equal(
    host!.not_evaluated
      .filter((s) => s.reason.includes("git checkout"))
      .map((s) => s.rule)
      .sort(),
    ["PKI-001", "PKI-002", "PKI-003", "PKI-011", "NOVA-022"].sort(),
  );
});

/** The modes of /etc/pki/qemu in the first guide's own `ls -lasrtZ` listings (seed 000, lines 108-127). */
const GUIDE_LISTING: Record<string, Record<string, number>> = {
  "compute-1": {
    "ca-cert.pem": 0o644,
    "server-cert.pem": 0o404,
    "client-cert.pem": 0o404,
    "client-key.pem": 0o600,
    "server-key-stripped.pem": 0o600,
    "server-key.pem": 0o604,
  },
  "compute-2": { "ca-cert.pem": 0o644, "server-cert.pem": 0o444, "server-key.pem": 0o600, "client-cert.pem": 0o404, "client-key.pem": 0o644 },
};

test("the 2019 guide's own ls listing, applied to a copy: private keys readable by everyone", () => {
  const copy = mkdtempSync(join(tmpdir(), "migpolicy-guide-"));
  cpSync(join(EXAMPLES, "guide-2019-fleet"), copy, { recursive: true });
  for (const [host, modes] of Object.entries(GUIDE_LISTING)) {
    // libvirtd's keys are not in the listing: give them virt-pki-validate's 0600.
    for (const key of ["serverkey.pem", "clientkey.pem"]) chmodSync(join(copy, host, "etc/pki/libvirt/private", key), 0o600);
    for (const [file, mode] of Object.entries(modes)) chmodSync(join(copy, host, "etc/pki/qemu", file), mode);
  }
  const pki = scan(copy, { fileModes: "trust" }).findings.filter((f) => f.rule === "PKI-001");
  assert.equal(
    pki.map((f) => `${f.host} ${f.location.file} ${f.args.mode}`),
    ["compute-1.example.org compute-1/etc/pki/qemu/server-key.pem 0604", "compute-2.example.org compute-2/etc/pki/qemu/client-key.pem 0644"],
  );
});

test("the README shows the text output as it really is", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const marker = "examples/guide-2019-fleet/compute-1` prints it:\n\n```\n";
  const start = readme.indexOf(marker) + marker.length;
  const shown = readme.slice(start, readme.indexOf("```", start));
  const run = spawnSync(process.execPath, [CLI, "eval", join(EXAMPLES, "guide-2019-fleet/compute-1")], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  assert.is(shown, run.stdout);
});

const verdicts = (path: string) => scan(join(EXAMPLES, path)).hosts.map((h) => [h.root, h.verdict.summary, h.verdict.reason]);

test("a broken PKI: a CA regenerated under the same name, an expired server certificate, a key of another host, a wrong name", () => {
  assert.equal(brief("broken-pki-fleet"), [
    "null FLEET-001/default compute-2/etc/pki/CA/cacert.pem:1:1",
    "null FLEET-006/blind compute-2/etc/pki/CA/cacert.pem:1:1",
    "null FLEET-006/blind compute-2/etc/pki/CA/cacert.pem:1:1",
    "null FLEET-006/rejected compute-2/etc/pki/libvirt/clientcert.pem:1:1",
    "null FLEET-006/rejected compute-2/etc/pki/libvirt/servercert.pem:1:1",
    "null FLEET-006/blind compute-2/etc/pki/qemu/ca-cert.pem:1:1",
    "null FLEET-006/blind compute-2/etc/pki/qemu/ca-cert.pem:1:1",
    "null FLEET-006/rejected compute-2/etc/pki/qemu/client-cert.pem:1:1",
    "null FLEET-006/rejected compute-2/etc/pki/qemu/server-cert.pem:1:1",
    "compute-3.example.org PKI-005/expired compute-3/etc/pki/libvirt/servercert.pem:1:1",
    "compute-3.example.org PKI-013/default compute-3/etc/pki/qemu/client-key.pem:1:1",
    "compute-4.example.org PKI-007/default compute-4/etc/pki/qemu/server-cert.pem:1:1",
  ]);
  assert.equal(verdicts("broken-pki-fleet"), [
    ["compute-1", "encrypted and authenticated", ""],
    ["compute-2", "migrations fail", "/etc/pki/CA/cacert.pem verifies no peer's libvirt client certificate"],
    ["compute-3", "migrations fail", "libvirtd does not start: its server certificate /etc/pki/libvirt/servercert.pem has expired"],
    ["compute-4", "migrations fail", "/etc/pki/qemu/server-cert.pem does not name compute-4.example.org, the address peers migrate to"],
  ]);
});

test("a fleet of fleets: every site's hosts are scanned and compared as one fleet", () => {
  const site = (n: number) => [
    `compute-${n}.example.org LV-008/default site-b/compute-${n}/etc/libvirt/libvirtd.conf:69:1`,
    `compute-${n}.example.org LV-017/default site-b/compute-${n}/etc/libvirt/libvirtd.conf:219:1`,
    `compute-${n}.example.org LV-005/default site-b/compute-${n}/etc/libvirt/libvirtd.conf:301:1`,
    `compute-${n}.example.org QEMU-005/default site-b/compute-${n}/etc/libvirt/qemu.conf:409:1`,
    `compute-${n}.example.org QEMU-006/default site-b/compute-${n}/etc/libvirt/qemu.conf:784:1`,
  ];
  assert.equal(brief("fleet-of-fleets"), [...site(3), ...site(4)]);
  assert.equal(verdicts("fleet-of-fleets"), [
    ["site-a/compute-1", "encrypted and authenticated", ""],
    ["site-a/compute-2", "encrypted and authenticated", ""],
    ["site-b/compute-3", "encrypted, not fully authenticated", ""],
    ["site-b/compute-4", "encrypted, not fully authenticated", ""],
  ]);
});

test("an Ironic compute host: not applicable, and no libvirt finding", () => {
  const result = scan(join(EXAMPLES, "ironic-host"));
  assert.equal(result.findings, []);
  assert.equal(result.diagnostics, []);
  assert.equal(verdicts("ironic-host"), [["ironic-1", "not applicable", "compute_driver is ironic.IronicDriver, not libvirt"]]);
  assert.ok(result.hosts[0]!.not_evaluated.every((s) => s.reason.startsWith("not applicable: compute_driver is ironic.IronicDriver")));
});

test('Ubuntu\'s libvirt-bin: libvirtd_opts="-d -l" opens the unauthenticated TCP port', () => {
  assert.equal(brief("ubuntu-libvirt-bin-host"), [
    "compute-1.example.org LV-008/default compute-1/etc/libvirt/libvirtd.conf:69:1",
    "compute-1.example.org LV-001/default compute-1/etc/libvirt/libvirtd.conf:191:1",
    "compute-1.example.org LV-017/default compute-1/etc/libvirt/libvirtd.conf:219:1",
    "compute-1.example.org QEMU-006/default compute-1/etc/libvirt/qemu.conf:784:1",
    "compute-1.example.org NOVA-001/default compute-1/etc/nova/nova.conf:5028:1",
    "compute-1.example.org NOVA-006/default compute-1/etc/nova/nova.conf:5028:1",
    "compute-1.example.org NOVA-013/default compute-1/etc/nova/nova.conf:5029:1",
    "compute-1.example.org NOVA-003/neither compute-1/etc/nova/nova.conf:5494:1",
    "compute-1.example.org NOVA-004/default compute-1/etc/nova/nova.conf:5494:1",
  ]);
  assert.equal(verdicts("ubuntu-libvirt-bin-host"), [["compute-1", "not encrypted", ""]]);
});

test("socket activation with SocketMode=0666 and auth_unix_rw = none: the local socket is open to every user", () => {
  assert.equal(brief("world-writable-socket-host"), [
    "compute-5.example.org LV-001/default compute-5/etc/libvirt/libvirtd.conf:191:1",
    "compute-5.example.org LV-017/default compute-5/etc/libvirt/libvirtd.conf:219:1",
    "compute-5.example.org QEMU-006/default compute-5/etc/libvirt/qemu.conf:784:1",
    "compute-5.example.org NOVA-001/default compute-5/etc/nova/nova.conf:5028:1",
    "compute-5.example.org NOVA-003/neither compute-5/etc/nova/nova.conf:5493:1",
    "compute-5.example.org NOVA-004/default compute-5/etc/nova/nova.conf:5493:1",
    "compute-5.example.org LV-013/default compute-5/etc/systemd/system/libvirtd.socket.d/override.conf:2:1",
    "compute-5.example.org FW-001/default compute-5/lib/systemd/system/libvirtd-tcp.socket:9:1",
    "compute-5.example.org LV-008/default compute-5/lib/systemd/system/libvirtd-tcp.socket:9:1",
  ]);
  assert.equal(verdicts("world-writable-socket-host"), [["compute-5", "not encrypted", ""]]);
});

test("a CentOS 7 sosreport kept at libvirt 3.9 and qemu-kvm-ev 2.10: nova 20 drops native TLS", () => {
  const host = "sosreport-compute-7-2026-11-20-qmxtrvz";
  assert.equal(brief("centos7-sosreport"), [
    `compute-7.example.org FW-003/tls ${host}/etc/firewalld/zones/public.xml:8:1`,
    `compute-7.example.org QEMU-001/default ${host}/etc/libvirt/qemu.conf:49:1`,
    `compute-7.example.org QEMU-006/default ${host}/etc/libvirt/qemu.conf:784:1`,
    `compute-7.example.org NOVA-011/default ${host}/etc/nova/nova.conf:5029:1`,
  ]);
  const [summary] = scan(join(EXAMPLES, "centos7-sosreport")).hosts;
  assert.equal([summary!.verdict.summary, summary!.verdict.memory.status, summary!.verdict.disks.status], ["not encrypted", "unprotected", "unprotected"]);
  assert.ok(summary!.not_evaluated.some((s) => s.rule === "PKI-001" && s.reason === "sosreport does not collect /etc/pki"));
});

test.run();
