/**
 * Every output format, byte for byte, on every example and fixture, an empty run and a
 * tree full of load problems: a change that alters a report shows here as a diff of
 * test/golden/. `UPDATE_GOLDEN=1 npm test` rewrites the files; review the diff.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { formatter, FORMAT_NAMES, loadCatalogue, scanPath, TOOL, type ScanResult } from "../src/index.js";
import { EXAMPLES, ROOT, tree } from "./helpers.js";

const GOLDEN = join(ROOT, "test", "golden");
const UPDATE = process.env.UPDATE_GOLDEN === "1";
/** 2026-12-01T00:00:00Z: the certificates' validity is judged at a fixed time. */
const NOW = 1_796_083_200;
const EXTENSION = { text: "txt", json: "json", sarif: "sarif" } as const;

/** A host folder of a fixed name (the host's name, which findings' fingerprints hold) in a new temporary folder. */
function hostFolder(name: string, files: Record<string, string>): string {
  const dir = join(tree({}), name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), Buffer.from(content, "latin1"));
  }
  return dir;
}

function loadProblems(): string {
  return hostFolder("compute-lp", {
    "etc/nova/nova.conf": "[DEFAULT]\nno section value\n[libvirt]\nlive_migration_with_native_tls = maybe\n",
    "etc/nova/nova.conf.d/latin1.conf": "[libvirt]\nlive_migration_scheme = tl\xe9s\n",
    "etc/libvirt/libvirtd.conf": 'listen_tls = "yes"\nauth_tls = "none\n',
    "etc/libvirt/virtproxyd.conf": "listen_tls = 1\n\0",
    "etc/libvirt/qemu.conf": "default_tls_x509_verify = 2\n",
    "etc/sysconfig/libvirtd": 'LIBVIRTD_ARGS="--listen\n',
  });
}

/** A tar whose entries leave the archive: one absolute name, one `..`, one hard link to nothing. */
function hostileArchive(): string {
  const work = mkdtempSync(join(tmpdir(), "migpolicy-golden-"));
  const host = join(work, "compute-9");
  cpSync(join(EXAMPLES, "secure-fleet/compute-1"), host, { recursive: true });
  const archive = join(work, "compute-9.tar");
  execFileSync("tar", ["-cf", archive, "-C", work, "compute-9"]);
  const outside = join(work, "escape");
  mkdirSync(outside);
  writeFileSync(join(outside, "outside"), "x");
  execFileSync("tar", ["-rf", archive, "-C", outside, "--transform", "s,^,../,", "outside"]);
  execFileSync("tar", ["-rf", archive, "-C", outside, "-P", "--transform", "s,^,/abs/,", "outside"]);
  return archive;
}

const CASES: [string, () => string][] = [
  ...["guide-2019-fleet", "guide-current-fleet", "ossn-0007-fleet", "secure-fleet", "tunnelled-and-native-tls"].map((name): [string, () => string] => [
    name,
    () => join(EXAMPLES, name),
  ]),
  ...["debian-socket-host", "kolla-host", "sosreport-compute-3-2026-11-20-xkqzvbm", "tripleo-host"].map((name): [string, () => string] => [
    name,
    () => join(ROOT, "test/fixtures/layouts", name),
  ]),
  ["empty-run", () => hostFolder("empty", { README: "no host here\n" })],
  ["load-problems", loadProblems],
  ["hostile-archive", hostileArchive],
];

function render(result: ScanResult): Record<string, string> {
  const context = { result, catalogue: loadCatalogue(), tool: TOOL };
  return Object.fromEntries(FORMAT_NAMES.map((name) => [name, formatter(name)(context)]));
}

for (const [name, path] of CASES) {
  test(`golden outputs: ${name}`, async () => {
    const result = await scanPath(path(), { now: NOW, fileModes: "ignore" });
    const outputs = render(result);
    for (const format of FORMAT_NAMES) {
      const file = join(GOLDEN, `${name}.${EXTENSION[format]}`);
      const actual = outputs[format] as string;
      if (UPDATE || !existsSync(file)) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(file, actual);
        if (!UPDATE) assert.unreachable(`${file} did not exist; written now, review and commit it`);
        continue;
      }
      assert.fixture(actual, readFileSync(file, "utf8"), `${file} differs`);
    }
  });
}

test.run();
