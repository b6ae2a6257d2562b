/** The tar reader against Python's tarfile, which wrote the archives: every name, id, size and link, in every encoding. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { parseTar } from "../src/loader/formats/tar.js";
import { tree } from "./helpers.js";

const work = tree({});

/** Archives Python writes in each format, with what Python reads back from them. */
const SCRIPT = String.raw`
import io, json, sys, tarfile
out = {}
def add(tar, name, data=b"", uid=0, gid=0, mode=0o644, kind=tarfile.REGTYPE, link=""):
    info = tarfile.TarInfo(name)
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    info.uid, info.gid, info.mode, info.type, info.linkname = uid, gid, mode, kind, link
    info.mtime = 0
    tar.addfile(info, io.BytesIO(data) if kind == tarfile.REGTYPE else None)
for fmt, label in [(tarfile.USTAR_FORMAT, "ustar"), (tarfile.GNU_FORMAT, "gnu"), (tarfile.PAX_FORMAT, "pax")]:
    path = sys.argv[1] + "/" + label + ".tar"
    with tarfile.open(path, "w", format=fmt) as tar:
        add(tar, "etc/nova/nova.conf", b"[libvirt]\n", uid=0 if fmt == tarfile.USTAR_FORMAT else 3000000, gid=42)
        add(tar, "etc/pki/qemu/server-key.pem", b"k" * 700, uid=107, gid=107, mode=0o600)
        add(tar, "etc/pki", kind=tarfile.DIRTYPE, mode=0o755)
        add(tar, "etc/pki/link.pem", kind=tarfile.SYMTYPE, link="qemu/server-key.pem")
        if fmt != tarfile.USTAR_FORMAT:
            add(tar, "etc/nova/nova.conf.d/" + "café-éé" * 20 + ".conf", b"[DEFAULT]\n", uid=5)
    with tarfile.open(path) as tar:
        out[label] = [[m.name, m.type.decode(), m.size, m.uid, m.gid, m.mode, m.linkname] for m in tar.getmembers()]
print(json.dumps(out))
`;
const answers = JSON.parse(execFileSync("/usr/bin/python3", ["-c", SCRIPT, work]).toString()) as Record<
  string,
  [string, string, number, number, number, number, string][]
>;
const TYPE: Record<string, string> = { "0": "file", "5": "dir", "2": "symlink", "1": "hardlink" };

for (const format of ["ustar", "gnu", "pax"]) {
  test(`${format}: names, types, sizes, ids, modes and links as Python's tarfile reads them`, () => {
    const { entries, problem } = parseTar(readFileSync(join(work, `${format}.tar`)));
    assert.is(problem, null);
    // tarfile drops a folder name's trailing slash, which the archive stores.
    const ours = entries.map((e) => [e.name.replace(/\/$/, ""), e.type, e.data.length, e.uid, e.gid, e.mode, e.link]);
    const theirs = (answers[format] ?? []).map(([name, type, size, uid, gid, mode, link]) => [
      name,
      TYPE[type] ?? type,
      type === "0" ? size : 0,
      uid,
      gid,
      mode,
      link,
    ]);
    assert.equal(ours, theirs);
  });
}

test("a uid no field can hold is read (base-256 in GNU, a pax record), never taken for root", () => {
  for (const format of ["gnu", "pax"]) {
    const nova = parseTar(readFileSync(join(work, `${format}.tar`))).entries.find((e) => e.name === "etc/nova/nova.conf");
    assert.is(nova?.uid, 3000000, format);
  }
});

/** A one-entry ustar archive whose header fields are set by hand, checksum recomputed. */
function handMade(size: string, mutate?: (header: Uint8Array) => void): Uint8Array {
  const tar = new Uint8Array(512 * 4);
  const put = (at: number, text: string) => tar.set(new TextEncoder().encode(text), at);
  put(0, "etc/nova/nova.conf");
  put(100, "0000644\0");
  put(108, "0000000\0");
  put(116, "0000000\0");
  put(124, size);
  put(136, "00000000000\0");
  tar[156] = "0".charCodeAt(0);
  put(257, "ustar\0");
  put(263, "00");
  mutate?.(tar);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : (tar[i] as number);
  put(148, `${sum.toString(8).padStart(6, "0")}\0 `);
  return tar;
}

test("a negative or unreadable size, a wrong checksum and data past the end stop the walk with a problem, at once", () => {
  assert.match(parseTar(handMade("-0000000001\0")).problem ?? "", /size no tar encoding gives/);
  assert.match(parseTar(handMade("zzzzzzzzzzz\0")).problem ?? "", /size no tar encoding gives/);
  assert.match(parseTar(handMade("77777777777\0")).problem ?? "", /runs past the end/);
  const bad = handMade("00000000001\0");
  bad[0] = "E".charCodeAt(0);
  assert.match(parseTar(bad).problem ?? "", /wrong checksum/);
  assert.equal(parseTar(handMade("00000000012\0")).problem, null);
});

test("mutated archives never make the reader throw or run long: 2,000 random byte changes of a pax archive", () => {
  const original = readFileSync(join(work, "pax.tar"));
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(original.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (changes) => {
      const bytes = Uint8Array.from(original);
      for (const [at, value] of changes) bytes[at] = value;
      const started = Date.now();
      const { entries } = parseTar(bytes);
      return Date.now() - started < 1000 && entries.every((e) => e.data.length <= bytes.length);
    }),
    { numRuns: 2000, seed: 13 },
  );
});

test.run();
