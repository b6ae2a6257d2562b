/**
 * The published package: `npm pack`, installed with npm into an empty folder, runs
 * `migpolicy eval` with Go off the PATH and this repository's node_modules out of reach,
 * and finds what the repository finds. The API example runs against the package too.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { CLI, EXAMPLES, ROOT } from "./helpers.js";

const npm = (args: string[], cwd: string) =>
  execFileSync("npm", args, {
    cwd,
    stdio: "pipe",
    env: { ...process.env, npm_config_fund: "false", npm_config_audit: "false", npm_config_update_notifier: "false" },
  }).toString();

const packDir = mkdtempSync(join(tmpdir(), "migpolicy-pack-"));
// The build outputs already exist (the test command builds first).
npm(["pack", "--ignore-scripts", "--pack-destination", packDir], ROOT);
const tarball = join(packDir, readdirSync(packDir).find((name) => name.endsWith(".tgz")) as string);
const contents = execFileSync("tar", ["-tzf", tarball]).toString().split("\n");

test("the tarball holds the compiled JS, types, policy.wasm, the catalogue, the schemas, the sources its maps name, and LICENSE", () => {
  for (const file of [
    "package/build/src/cli/main.js",
    "package/build/src/cli/bin.js",
    "package/build/src/bundle/migpolicy.cjs",
    "package/build/src/bundle/migpolicy.cjs.cache",
    "package/build/src/bundle/host-worker.js",
    "package/build/src/bundle/host-worker.cjs",
    "package/build/src/bundle/host-worker.cjs.cache",
    "package/build/src/index.d.ts",
    "package/build/policy/policy.wasm",
    "package/build/policy/catalogue.json",
    "package/build/policy/data.json",
    "package/build/policy/fleet-checks.json",
    "package/build/policy/policy-strings.json",
    "package/build/validators/schemas.cjs",
    "package/schemas/host.json",
    "package/schemas/fleet.json",
    "package/package.json",
    "package/README.md",
    "package/LICENSE",
    "package/src/index.ts",
  ]) {
    assert.ok(contents.includes(file), file);
  }
  // Every source map names a source the package holds.
  for (const map of contents.filter((f) => f.endsWith(".js.map"))) {
    const source = map.replace(/^package\/build\//, "package/").replace(/\.js\.map$/, ".ts");
    assert.ok(contents.includes(source), `${map}: ${source} is not in the package`);
  }
  assert.not.ok(
    contents.some(
      (f) => f.startsWith("package/policies/") || f.startsWith("package/test/") || f.startsWith("package/tools/") || f.startsWith("package/build/test/"),
    ),
  );
});

test("the published package.json runs nothing on install, and names the repository", () => {
  const manifest = JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"]).toString()) as {
    scripts?: Record<string, string>;
    repository?: unknown;
    homepage?: unknown;
    bugs?: unknown;
  };
  const lifecycle = ["preinstall", "install", "postinstall", "prepare", "preprepare", "postprepare", "prepublish"];
  assert.equal(
    Object.keys(manifest.scripts ?? {}).filter((name) => lifecycle.includes(name)),
    [],
  );
  assert.ok(manifest.repository && manifest.homepage && manifest.bugs, "repository, homepage and bugs");
});

const home = mkdtempSync(join(tmpdir(), "migpolicy-user-"));
writeFileSync(join(home, "package.json"), JSON.stringify({ name: "user", version: "1.0.0", private: true, type: "module" }));
npm(["install", "--no-package-lock", tarball], home);
const noGo = { ...process.env, PATH: "/usr/bin:/bin", NO_COLOR: "1" };

test("npx migpolicy eval works from the installed package with no Go and finds what the repository finds", () => {
  const installed = spawnSync("npx", ["--no-install", "migpolicy", "eval", join(EXAMPLES, "guide-2019-fleet"), "--format", "json"], {
    cwd: home,
    encoding: "utf8",
    env: noGo,
  });
  assert.is(installed.status, 1, installed.stderr);
  const repo = spawnSync(process.execPath, [CLI, "eval", join(EXAMPLES, "guide-2019-fleet"), "--format", "json"], { encoding: "utf8" });
  const findings = (out: string) => (JSON.parse(out) as { findings: unknown[] }).findings;
  assert.equal(findings(installed.stdout), findings(repo.stdout));
});

test("the API example runs against the installed package", () => {
  const script = join(home, "scan.mjs");
  writeFileSync(script, readFileSync(join(ROOT, "examples/api/scan.mjs"), "utf8"));
  const run = spawnSync(process.execPath, [script, join(EXAMPLES, "secure-fleet")], { cwd: home, encoding: "utf8", env: noGo });
  assert.is(run.status, 0, run.stderr);
  assert.equal(run.stdout.split("\n").filter(Boolean), [
    "compute-1.example.org: encrypted and authenticated",
    "compute-2.example.org: encrypted and authenticated",
  ]);
});

test.run();
