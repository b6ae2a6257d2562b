/**
 * Every output format, byte for byte, on every example and fixture, an empty run, a tree
 * full of load problems, a hostile archive and a user's bundle (a finding about a whole
 * file, without a region, among them): a change that alters a report shows here as a diff of
 * test/golden/. `UPDATE_GOLDEN=1 npm test` rewrites the files; review the diff.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  type Catalogue,
  CustomBundle,
  FORMAT_NAMES,
  formatter,
  loadCatalogue,
  type ScanOptions,
  type ScanResult,
  scanPath,
  TOOL,
  withRules,
} from "../src/index.js";
import { EXAMPLES, opa, ROOT, tree } from "./helpers.js";

const GOLDEN = join(ROOT, "test", "golden");
const UPDATE = process.env.UPDATE_GOLDEN === "1";
/** 2026-12-01T00:00:00Z: the certificates' validity is judged at a fixed time. */
const NOW = 1_796_083_200;
const EXTENSION = { text: "txt", json: "json", sarif: "sarif", compact: "compact.txt", markdown: "md", junit: "junit.xml", html: "html" } as const;

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

/** A tar whose entries leave the archive: one with an absolute name, one with `..`. */
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

/** A user's bundle: a finding at a place, one about a whole file (no region), and an entrypoint without METADATA. */
const SITE_RULES = `package golden.site

# METADATA
# title: Site review of nova.conf
# description: Findings of a user's check, at a place and about a whole file.
# scope: document
# entrypoint: true
# custom:
#   id: SITE-900
#   severity: low
#   remediation: Nothing to do; the check exists for the golden files.
#   messages:
#     file: "{file} is reviewed as a whole"
#     place: live_migration_with_native_tls is set here
deny contains {"message": "file", "location": {"file": file}, "args": {"file": file}} if {
	some file in input.nova.files
}

deny contains {"message": "place", "location": option.location, "args": {}} if {
	option := input.nova.sections.libvirt.options.live_migration_with_native_tls
	option.source == "file"
}

# METADATA
# title: A rule without an id
# scope: document
# entrypoint: true
unnamed contains {"message": "x", "location": {"file": "x"}} if false
`;

function siteBundle(): CustomBundle {
  const dir = join(ROOT, "build", "test-golden");
  mkdirSync(join(dir, "site"), { recursive: true });
  writeFileSync(join(dir, "site", "site.rego"), SITE_RULES);
  opa(["build", "-t", "wasm", "-o", join(dir, "site.tar.gz"), join(dir, "site")]);
  // Relative to the repository, as a user names it: diagnostics name the bundle by that path.
  return CustomBundle.load(relative(process.cwd(), join(dir, "site.tar.gz")));
}

const CASES: [string, () => string, Partial<ScanOptions>?][] = [
  ...["guide-2019-fleet", "guide-current-fleet", "ossn-0007-fleet", "secure-fleet", "tunnelled-and-native-tls", "kolla-ansible-repo"].map(
    (name): [string, () => string] => [name, () => join(EXAMPLES, name)],
  ),
  ...["debian-socket-host", "kolla-host", "sosreport-compute-3-2026-11-20-xkqzvbm", "tripleo-host"].map((name): [string, () => string] => [
    name,
    () => join(ROOT, "test/fixtures/layouts", name),
  ]),
  ["empty-run", () => hostFolder("empty", { README: "no host here\n" })],
  ["load-problems", loadProblems],
  ["hostile-archive", hostileArchive],
  ["custom-bundle", () => join(EXAMPLES, "secure-fleet"), { bundles: [siteBundle()] }],
];

function render(result: ScanResult, catalogue: Catalogue): Record<string, string> {
  const context = { result, catalogue, tool: TOOL };
  return Object.fromEntries(FORMAT_NAMES.map((name) => [name, formatter(name)(context)]));
}

for (const [name, path, options] of CASES) {
  test(`golden outputs: ${name}`, async () => {
    const result = await scanPath(path(), { now: NOW, fileModes: "ignore", ...options });
    const bundleRules = (options?.bundles ?? []).flatMap((bundle) => bundle.rules.map((r) => r.rule));
    const outputs = render(result, withRules(loadCatalogue(), bundleRules));
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
