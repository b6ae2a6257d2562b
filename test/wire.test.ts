/**
 * Ground truth on the wire: for trees in each transport mode the examples use, nova's own code
 * says what it would hand libvirt for a live and a block migration (test/oracles.ts); two real
 * libvirtd + QEMU hosts in network namespaces then migrate a guest exactly so, the link is
 * captured, and what crossed in clear (test/differential/wire_oracle.py) must be what
 * migpolicy's verdict says: the control connection, memory (QEMU's "QEVM" stream in clear) and
 * disks (the disk marker in clear; no block migration where libvirt refuses it).
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { scan } from "../src/index.js";
import { EXAMPLES, ROOT } from "./helpers.js";
import { askNova, type Migration } from "./oracles.js";

interface Stream {
  port: number;
  bytes: number;
  ram_markers: number;
  disk_markers: number;
  qevm: number;
  tls_records: number;
}

interface WireAnswer {
  id: string;
  migrated: boolean;
  error: string;
  accel: string;
  streams: Stream[];
}

/** The tunnelled mode, which no example uses alone (the example with it also has native TLS, so nova does not start). */
function tunnelled(scheme: string): string {
  const root = mkdtempSync(join(tmpdir(), "migpolicy-wire-"));
  cpSync(join(EXAMPLES, "guide-current-fleet/compute-1"), root, { recursive: true, verbatimSymlinks: true });
  const nova = join(root, "etc/nova/nova.conf");
  const text = readFileSync(nova, "utf8")
    .replace(/^live_migration_with_native_tls = true$/m, "live_migration_tunnelled = true")
    .replace(/^live_migration_scheme = tls$/m, `live_migration_scheme = ${scheme}`);
  writeFileSync(nova, text);
  return root;
}

const trees = [
  { mode: "plain TCP (OSSN-0007's instructions)", root: join(EXAMPLES, "ossn-0007-fleet/compute-1") },
  { mode: "tcp with native TLS (OSSN-0089, the 2019 guide)", root: join(EXAMPLES, "guide-2019-fleet/compute-1") },
  { mode: "tls with native TLS (the current guide)", root: join(EXAMPLES, "guide-current-fleet/compute-1") },
  { mode: "tls with native TLS (the secure fleet)", root: join(EXAMPLES, "secure-fleet/compute-1") },
  { mode: "tunnelled through tls", root: tunnelled("tls") },
  { mode: "tunnelled through tcp", root: tunnelled("tcp") },
];

const said = askNova(
  trees.map(({ root }) => ({ etc: join(root, "etc"), style: "command-line", peers: [{ name: "compute-2.example.org", inbound_addr: null }] })),
);

const migrations = trees.flatMap((tree, i) => {
  const answer = said[i]!;
  assert.ok(answer.starts, `${tree.mode}: nova-compute starts (${answer.error})`);
  return (answer.migrations ?? []).map((m: Migration) => ({
    id: `${i}-${m.block ? "block" : "live"}`,
    uri: m.uri,
    flags: m.flags ?? [],
    migrate_uri: m.migrate_uri ?? null,
    disks: m.migrate_disks ?? [],
    guest_disk: m.block,
  }));
});

function migrate(request: object): WireAnswer[] {
  return JSON.parse(
    execFileSync("/usr/bin/python3", [join(ROOT, "test/differential/wire_oracle.py")], {
      input: JSON.stringify({ pki: join(ROOT, "test/fixtures/pki"), ...request }),
      maxBuffer: 16 << 20,
      stdio: ["pipe", "pipe", "inherit"],
      timeout: 600_000,
    }).toString(),
  ) as WireAnswer[];
}

const started = Date.now();
const wire = migrate({ migrations });
const seconds = ((Date.now() - started) / 1000).toFixed(1);

const byId = new Map(wire.map((answer) => [answer.id, answer]));
const CONTROL_PORTS = new Set([16509, 16514]);

/** What crossed the wire, as channel statuses. */
function observed(live: WireAnswer, block: WireAnswer) {
  assert.ok(live.migrated, `the live migration succeeds: ${live.error}`);
  const control = live.streams.some((s) => CONTROL_PORTS.has(s.port) && s.ram_markers > 0) ? "unprotected" : "protected";
  const memory = live.streams.some((s) => s.qevm > 0) ? "unprotected" : "protected";
  // Only libvirt's refusal of an unshared disk without a copy flag means no block migration; any other failure fails the test.
  if (!block.migrated) assert.match(block.error, /Migration without shared storage is unsafe/);
  const disks = !block.migrated ? "not-applicable" : block.streams.some((s) => s.disk_markers > 0) ? "unprotected" : "protected";
  return { control, memory, disks };
}

test("every migration ran on the wire, and each was captured", () => {
  assert.is(wire.length, migrations.length);
  assert.ok(
    wire.every((w) => w.accel !== "no"),
    "every guest started",
  );
  assert.ok(
    wire.every((w) => !w.migrated || w.streams.some((s) => s.port >= 49152 || s.bytes > 100_000)),
    "each migration's data was captured",
  );
  // For the record (the figures the notes quote): what crossed in clear, per migration.
  process.stdout.write(`\n  wire: ${wire.length} migrations in ${seconds} s (${wire[0]?.accel})\n`);
  for (const w of wire) {
    const clear = w.streams
      .filter((s) => s.ram_markers + s.disk_markers + s.qevm > 0)
      .map((s) => `:${s.port} ram=${s.ram_markers} disk=${s.disk_markers} QEVM=${s.qevm}`);
    process.stdout.write(`  ${w.id}: ${w.migrated ? "migrated" : `refused (${w.error.split("\n").at(-1)})`}; in clear: ${clear.join(", ") || "nothing"}\n`);
  }
});

trees.forEach((tree, i) => {
  test(`the wire and migpolicy agree: ${tree.mode}`, () => {
    const live = byId.get(`${i}-live`)!;
    const block = byId.get(`${i}-block`)!;
    const wireSays = observed(live, block);
    const [host] = scan(tree.root).hosts;
    const { control, memory, disks } = host!.verdict;
    const counts = (w: WireAnswer) =>
      w.streams.map((s) => `:${s.port} ${s.bytes}B ram=${s.ram_markers} disk=${s.disk_markers} QEVM=${s.qevm} tls=${s.tls_records}`).join("; ");
    assert.equal(
      { control: control.status, memory: memory.status, disks: disks.status },
      wireSays,
      `live (${live.accel}): ${counts(live)}\nblock: ${block.migrated ? counts(block) : block.error}`,
    );
  });
});

// compute-2's CA regenerated under the same name, its certificates re-issued from it (same
// names, same key): the secure fleet's migration from compute-1 fails its TLS handshake.
test("a peer's certificate from a CA regenerated under the same name: the wire and migpolicy agree that migrations fail", () => {
  const secure = trees.findIndex((tree) => tree.root.includes("secure-fleet"));
  const live = migrations.find((m) => m.id === `${secure}-live`)!;
  const [answer] = migrate({ migrations: [live], certificates: { "compute-2": "compute-2-rogue" }, cas: { "compute-2": "rogue-ca" } });
  assert.ok(answer && answer.accel !== "no", "the guest started");
  assert.not.ok(answer!.migrated, "the migration fails");
  assert.match(answer!.error, /certificate|issuer|verif/i);
  process.stdout.write(`\n  wire, compute-2 on a regenerated CA: refused (${answer!.error.split("\n").at(-1)})\n`);

  const fleet = mkdtempSync(join(tmpdir(), "migpolicy-wire-trust-"));
  cpSync(join(EXAMPLES, "secure-fleet"), fleet, { recursive: true, verbatimSymlinks: true });
  const pki = join(ROOT, "test/fixtures/pki");
  for (const file of ["libvirt/servercert.pem", "libvirt/clientcert.pem", "qemu/server-cert.pem", "qemu/client-cert.pem"]) {
    copyFileSync(join(pki, "compute-2-rogue-cert.pem"), join(fleet, "compute-2/etc/pki", file));
  }
  for (const file of ["CA/cacert.pem", "qemu/ca-cert.pem"]) copyFileSync(join(pki, "rogue-ca-cert.pem"), join(fleet, "compute-2/etc/pki", file));
  const result = scan(fleet);
  assert.equal(
    result.hosts.map((h) => [h.root, h.verdict.summary]),
    [
      ["compute-1", "migrations fail"],
      ["compute-2", "migrations fail"],
    ],
  );
  assert.ok(result.findings.some((f) => f.rule === "FLEET-006" && f.location.file === "compute-2/etc/pki/libvirt/servercert.pem"));
});

// QEMU's own certificate checks, each on one host of the secure fleet: the real QEMU refuses
// the migration, and migpolicy's verdict for that host must say so.
const qemuCases = [
  { story: "an expired QEMU server certificate on the destination", host: "compute-2", pair: "expired", file: "server-cert.pem" },
  { story: "an expired QEMU client certificate on the source", host: "compute-1", pair: "expired", file: "client-cert.pem" },
  { story: "a QEMU server certificate that does not name the destination", host: "compute-2", pair: "misnamed", file: "server-cert.pem" },
];
for (const { story, host, pair, file } of qemuCases) {
  test(`${story}: the wire and migpolicy agree that migrations fail`, () => {
    const secure = trees.findIndex((tree) => tree.root.includes("secure-fleet"));
    const live = migrations.find((m) => m.id === `${secure}-live`)!;
    const [answer] = migrate({ migrations: [live], qemu_pairs: { [host]: pair } });
    assert.ok(answer && answer.accel !== "no", "the guest started");
    assert.not.ok(answer!.migrated, "the migration fails");
    process.stdout.write(`\n  wire, ${story}: refused (${answer!.error.split("\n").at(-1)})\n`);

    const fleet = mkdtempSync(join(tmpdir(), "migpolicy-wire-qemu-"));
    cpSync(join(EXAMPLES, "secure-fleet"), fleet, { recursive: true, verbatimSymlinks: true });
    const pki = join(ROOT, "test/fixtures/pki");
    // Only the role this migration uses on that host (the oracle's hosts swap both).
    copyFileSync(join(pki, `${pair}-cert.pem`), join(fleet, host, "etc/pki/qemu", file));
    copyFileSync(join(pki, `${pair}-key.pem`), join(fleet, host, "etc/pki/qemu", file.replace("-cert", "-key")));
    const verdict = scan(fleet).hosts.find((h) => h.root === host)!.verdict;
    assert.is(verdict.summary, "migrations fail");
    assert.match(verdict.reason, file);
  });
}

test.run();
