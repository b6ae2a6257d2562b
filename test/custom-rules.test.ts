/** A user's own check, tested with opa test, built with opa build -t wasm, run with --policy-bundle. */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { CLI, EXAMPLES, opa, ROOT } from "./helpers.js";

const SITE = join(ROOT, "examples/custom-rule/site");
const dir = mkdtempSync(join(tmpdir(), "migpolicy-custom-"));
const bundle = join(dir, "site.tar.gz");

test("the custom check's own tests pass under opa test", () => {
  assert.match(opa(["test", SITE]), /PASS: 2\/2/);
});

opa(["build", "-t", "wasm", "--ignore", "*_test.rego", "-o", bundle, SITE]);

// A copy of the secure fleet where compute-2 receives migrations on another network.
const fleet = join(dir, "fleet");
cpSync(join(EXAMPLES, "secure-fleet"), fleet, { recursive: true });
const novaConf = join(fleet, "compute-2/etc/nova/nova.conf");
writeFileSync(novaConf, readFileSync(novaConf, "utf8").replace("\n[libvirt]\n", "\n[libvirt]\nlive_migration_inbound_addr = 198.51.100.7\n"));

const run = (...args: string[]) => spawnSync(process.execPath, [CLI, "eval", fleet, "--policy-bundle", bundle, ...args], { encoding: "utf8" });

test("its finding appears in SARIF with its own METADATA", () => {
  const result = run("--format", "sarif");
  assert.is(result.status, 1, result.stderr);
  const log = JSON.parse(result.stdout) as {
    runs: {
      tool: { driver: { rules: { id: string; shortDescription: { text: string }; properties: { tags: string[] } }[] } };
      results: {
        ruleId: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
      }[];
    }[];
  };
  const rule = log.runs[0]!.tool.driver.rules.find((r) => r.id === "SITE-001");
  assert.is(rule?.shortDescription.text, "Migrations must use the migration network");
  assert.equal(rule?.properties.tags, ["security", "external/cwe/cwe-923"]);
  const results = log.runs[0]!.results.filter((r) => r.ruleId === "SITE-001");
  assert.equal(
    results.map((r) => [r.message.text, r.locations[0]!.physicalLocation.artifactLocation.uri]),
    [["live_migration_inbound_addr 198.51.100.7 is not on the migration network 192.0.2.0/24.", "compute-2/etc/nova/nova.conf"]],
  );
});

test("it is listed, selected and skipped like the pack's rules", () => {
  const text = run("--rule", "SITE-001").stdout;
  assert.match(text, /SITE-001 +live_migration_inbound_addr 198\.51\.100\.7/);
  assert.match(text, /1 finding/);
  const skipped = JSON.parse(run("--skip-rule", "SITE-001", "--format", "json").stdout) as { findings: { rule: string }[] };
  assert.not.ok(skipped.findings.some((f) => f.rule === "SITE-001"));
});

test("an entrypoint without rule METADATA is not run: a diagnostic names the bundle and the entrypoint, and the scan goes on", () => {
  const bare = join(dir, "bare");
  cpSync(SITE, bare, { recursive: true });
  const file = join(bare, "migration_network.rego");
  writeFileSync(file, readFileSync(file, "utf8").replace("#   id: SITE-001\n", ""));
  const bareBundle = join(dir, "bare.tar.gz");
  opa(["build", "-t", "wasm", "--ignore", "*_test.rego", "-o", bareBundle, bare]);
  const result = spawnSync(process.execPath, [CLI, "eval", fleet, "--policy-bundle", bareBundle, "--format", "json"], { encoding: "utf8" });
  // A check that did not run (or a finding left out) leaves the scan incomplete: exit 2.
  assert.is(result.status, 2, result.stderr);
  const report = JSON.parse(result.stdout) as { findings: { rule: string }[]; diagnostics: { code: string; message: string; location: { file: string } }[] };
  assert.not.ok(report.findings.some((f) => f.rule === "SITE-001"));
  const [problem] = report.diagnostics.filter((d) => d.code === "bundle-rule-invalid");
  assert.ok(problem, JSON.stringify(report.diagnostics));
  assert.is(problem.location.file, ".");
  assert.match(problem.message, /bare\.tar\.gz: entrypoint .* is not run: its METADATA lacks custom\.id/);
  assert.ok(report.findings.length > 0, "the pack's own checks still ran");
});

test("a finding without a location is left out with a diagnostic naming the bundle; the check's other findings stay", () => {
  const broken = join(dir, "broken");
  cpSync(SITE, broken, { recursive: true });
  const file = join(broken, "migration_network.rego");
  // A second finding from the same check, with no location.
  writeFileSync(file, `${readFileSync(file, "utf8")}\ndeny contains {"message": "default", "args": {}} if input.host.name == "compute-2.example.org"\n`);
  const brokenBundle = join(dir, "broken.tar.gz");
  opa(["build", "-t", "wasm", "--ignore", "*_test.rego", "-o", brokenBundle, broken]);
  const result = spawnSync(process.execPath, [CLI, "eval", fleet, "--policy-bundle", brokenBundle, "--format", "json"], { encoding: "utf8" });
  // A check that did not run (or a finding left out) leaves the scan incomplete: exit 2.
  assert.is(result.status, 2, result.stderr);
  const report = JSON.parse(result.stdout) as { findings: { rule: string; host: string }[]; diagnostics: { code: string; message: string }[] };
  assert.equal(
    report.findings.filter((f) => f.rule === "SITE-001").map((f) => f.host),
    ["compute-2.example.org"],
  );
  assert.equal(
    report.diagnostics.filter((d) => d.code === "bundle-finding-invalid").map((d) => d.message),
    [`${brokenBundle}: entrypoint site/migration_network/deny returned a finding without a message or a location; it is left out`],
  );
});

test.run();
