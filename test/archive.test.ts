/** sosreports and host trees as .tar.gz and .tar.xz, read in memory, with the sandbox rules. */
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ArchiveBackend, gunzipBounded, unxz, xzUncompressedSize } from "../src/loader/archive.js";
import { MAX_DIR_ENTRIES, Tree } from "../src/loader/fs.js";
import { scan, scanPath, scanTree } from "../src/index.js";
import { EXAMPLES, placeOf, ROOT } from "./helpers.js";

const work = mkdtempSync(join(tmpdir(), "migpolicy-archive-"));
const SOS = "sosreport-compute-3-2026-11-20-xkqzvbm";
const brief = (findings: { rule: string; location: { file: string; line?: number } }[]) => findings.map((f) => `${f.rule} ${placeOf(f.location)}`);

test("a sosreport .tar.xz is read in place and finds what its folder finds", async () => {
  const archive = join(work, `${SOS}.tar.xz`);
  // sos keeps the host's modes: nova.conf is 0640 there, not the checkout's 0644.
  const copy = join(work, "sos");
  cpSync(join(ROOT, "test/fixtures/layouts", SOS), join(copy, SOS), { recursive: true, verbatimSymlinks: true });
  chmodSync(join(copy, SOS, "etc/nova/nova.conf"), 0o640);
  execFileSync("tar", ["-cJf", archive, "-C", copy, SOS]);
  const fromArchive = await scanPath(archive);
  const fromFolder = scan(join(ROOT, "test/fixtures/layouts", SOS));
  assert.equal(
    fromArchive.hosts.map((h) => [h.name, h.layout, h.root]),
    [["compute-3.example.org", "sosreport", SOS]],
  );
  assert.equal(
    brief(fromArchive.findings),
    brief(fromFolder.findings).map((line) => line.replace(" ", ` ${SOS}/`)),
  );
  assert.equal(fromArchive.diagnostics, []);
});

test("a host tree as .tar.gz keeps its modes: the 2019 guide's world-readable key is found", () => {
  const copy = join(work, "compute-1");
  cpSync(join(EXAMPLES, "guide-2019-fleet/compute-1"), copy, { recursive: true });
  for (const key of [
    "etc/pki/libvirt/private/serverkey.pem",
    "etc/pki/libvirt/private/clientkey.pem",
    "etc/pki/qemu/client-key.pem",
    "etc/pki/qemu/server-key-stripped.pem",
  ])
    chmodSync(join(copy, key), 0o600);
  chmodSync(join(copy, "etc/pki/qemu/server-key.pem"), 0o604);
  chmodSync(join(copy, "etc/nova/nova.conf"), 0o640);
  const archive = join(work, "compute-1.tar.gz");
  execFileSync("tar", ["-czf", archive, "-C", work, "compute-1"]);
  const result = scan(archive);
  assert.equal(brief(result.findings.filter((f) => f.rule.startsWith("PKI-001"))), ["PKI-001 compute-1/etc/pki/qemu/server-key.pem:1"]);
  assert.not.ok(result.hosts[0]!.not_evaluated.some((s) => s.rule === "PKI-001"));
});

test("hostile entries are refused with a diagnostic and never read outside the archive", () => {
  const archive = join(work, "hostile.tar.gz");
  const script = `
import io, tarfile
with tarfile.open(${JSON.stringify(archive)}, "w:gz") as tar:
    def add(name, data=b"", kind=tarfile.REGTYPE, link=""):
        info = tarfile.TarInfo(name); info.type = kind; info.linkname = link; info.size = len(data); info.mode = 0o644
        tar.addfile(info, io.BytesIO(data) if data else None)
    add("host/etc/libvirt/libvirtd.conf", b'listen_tcp = 1\\n')
    add("host/etc/nova/nova.conf", kind=tarfile.SYMTYPE, link="../../../../../../etc/passwd")
    add("host/etc/libvirt/qemu.conf", kind=tarfile.SYMTYPE, link="/etc/shadow")
    add("../../evil.conf", b"x")
    add("/etc/cron.d/evil", b"x")
    add("host/etc/hostname", kind=tarfile.FIFOTYPE)
`;
  writeFileSync(join(work, "hostile.py"), script);
  execFileSync("/usr/bin/python3", [join(work, "hostile.py")]);
  const result = scan(archive);
  assert.equal(
    result.hosts.map((h) => h.name),
    ["host"],
  );
  // A refused entry is not in the tree: it is named in the message, and located at the archive's root.
  const problems = result.diagnostics.map((d) => `${d.code} ${d.location.file} ${d.code === "archive-entry-refused" ? d.args.entry : ""}`.trim()).sort();
  assert.equal(problems, [
    "archive-entry-refused . ../../evil.conf",
    "archive-entry-refused . /etc/cron.d/evil",
    // /etc/shadow of the archived host, which the archive does not hold.
    "dangling-link host/etc/libvirt/qemu.conf",
    "not-a-regular-file host/etc/hostname",
    "path-escapes-root host/etc/nova/nova.conf",
  ]);
  assert.is(scan(archive).hosts[0]!.name, "host");
});

test("decompression stops at the cap: an archive bomb is an input error", async () => {
  const bomb = join(work, "bomb.tar.gz");
  writeFileSync(join(work, "zeros"), Buffer.alloc(8 * 1024 * 1024));
  execFileSync("tar", ["-czf", bomb, "-C", work, "zeros"]);
  try {
    await scanPath(bomb, { maxArchiveBytes: 1024 * 1024 });
    assert.unreachable("should fail");
  } catch (error) {
    assert.match((error as Error).message, /cannot decompress/);
  }
});

test("a folder of more entries than the cap is read up to the cap, and the scan says so", () => {
  const backend = new ArchiveBackend();
  for (let i = 0; i <= MAX_DIR_ENTRIES; i++) backend.add(`h${i}`, { kind: "dir", mode: 0o755, uid: 0, gid: 0 });
  const tree = new Tree(backend);
  const result = scanTree(tree, "archive", true);
  assert.is(tree.list(".").length, MAX_DIR_ENTRIES);
  assert.equal(result.diagnostics.map((d) => [d.code, d.location.file]).sort(), [
    ["folder-truncated", "."],
    ["no-hosts-found", "."],
  ]);
});

test("padding files that push a key past the folder cap make the key checks not evaluated, not passed", () => {
  const backend = new ArchiveBackend();
  const file = (data: string, mode = 0o644) => ({ kind: "file" as const, mode, uid: 0, gid: 0, data: Buffer.from(data) });
  backend.add("etc/libvirt/qemu.conf", file(""));
  for (let i = 0; i <= MAX_DIR_ENTRIES; i++) backend.add(`etc/pki/qemu/a${String(i).padStart(6, "0")}`, file(""));
  // Sorted after every padding file: past the cap.
  backend.add("etc/pki/qemu/zz-server-key.pem", file(readFileSync(join(ROOT, "test/fixtures/pki/compute-1-key.pem"), "utf8"), 0o644));
  const result = scanTree(new Tree(backend), "padded", true);
  assert.not.ok(result.findings.some((f) => f.rule === "PKI-001"));
  const skipped = result.hosts[0]!.not_evaluated.filter((s) => s.rule === "PKI-001");
  assert.equal(
    skipped.map((s) => s.reason),
    ["/etc/pki/qemu holds more entries than migpolicy reads from one folder: only the first were read"],
  );
  assert.ok(result.diagnostics.some((d) => d.code === "folder-truncated" && d.location.file === "etc/pki/qemu"));
});

test("decompression into one buffer: sized by the gzip trailer or the xz index, a lying trailer refused, the cap kept", async () => {
  const tar = execFileSync("tar", ["-cf", "-", "-C", join(ROOT, "examples/secure-fleet"), "compute-1"]);
  const gz = gzipSync(tar);
  assert.ok(Buffer.from(await gunzipBounded(gz)).equals(tar));
  // gzip checks its trailer: one that lies about the length is refused, never read short.
  for (const lie of [1, tar.length * 3]) {
    const forged = Buffer.from(gz);
    forged.writeUInt32LE(lie, forged.length - 4);
    try {
      await gunzipBounded(forged);
      assert.unreachable(`trailer ${lie} accepted`);
    } catch (error) {
      assert.match(String(error), /incorrect length check/);
    }
  }
  try {
    await gunzipBounded(gz, tar.length - 1);
    assert.unreachable("past the cap");
  } catch (error) {
    assert.instance(error, RangeError);
  }
  // A tiny archive whose trailer claims 2 GiB: its first buffer is sized by what deflate can expand to.
  const forged = Buffer.from(gz);
  forged.writeUInt32LE(0x7fffffff, forged.length - 4);
  const before = process.memoryUsage().arrayBuffers;
  await gunzipBounded(forged).catch(() => undefined);
  assert.ok(process.memoryUsage().arrayBuffers - before < 256 << 20, "no 2 GiB allocation for a forged trailer");
  const xz = execFileSync("xz", ["-c"], { input: tar });
  assert.is(xzUncompressedSize(xz), tar.length);
  assert.ok(Buffer.from(await unxz(xz)).equals(tar));
  assert.is(xzUncompressedSize(Buffer.from("not xz at all, not at all")), null);
});

test("an archive that is not one is an input error, not a crash", async () => {
  const bogus = join(work, "bogus.tar.gz");
  writeFileSync(bogus, "not gzip at all");
  try {
    await scanPath(bogus);
    assert.unreachable("should fail");
  } catch (error) {
    assert.match((error as Error).message, /cannot decompress/);
  }
});

test.run();
