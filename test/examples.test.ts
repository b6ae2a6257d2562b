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

test.run();
