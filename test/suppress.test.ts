/**
 * Accepting a finding with a reason: an ignore comment in the scanned file, the
 * configuration's ignore entries (rule, hosts, path, expiry), a baseline of an earlier run;
 * and what fails a run (--fail-on, --fail-on-problem), through the command line.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseIgnoreComment } from "../src/pipeline/suppress.js";
import { CLI, EXAMPLES } from "./helpers.js";

interface JsonFinding {
  rule: string;
  host: string | null;
  location: { file: string; line?: number };
  fingerprint: string;
  suppression: { kind: string; justification: string; location?: { file: string; line: number } } | null;
}

function run(args: string[], cwd?: string): { status: number; stdout: string; stderr: string } {
  const out = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd, env: { ...process.env, NO_COLOR: "1" } });
  return { status: out.status ?? -1, stdout: out.stdout, stderr: out.stderr };
}

/** The current guide's fleet (LV-005 at libvirtd.conf:301 on each host), copied so it can be edited. */
function fleet(): string {
  const dir = mkdtempSync(join(tmpdir(), "migpolicy-suppress-"));
  cpSync(join(EXAMPLES, "guide-current-fleet"), join(dir, "fleet"), { recursive: true, verbatimSymlinks: true });
  return dir;
}

function setLine(file: string, line: number, text: string): void {
  const lines = readFileSync(file, "utf8").split("\n");
  lines[line - 1] = text;
  writeFileSync(file, lines.join("\n"));
}

const findingsOf = (stdout: string) => (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
const LIBVIRTD = (host: string) => `fleet/${host}/etc/libvirt/libvirtd.conf`;

test("the ignore comment's grammar: rules, a reason after --, # or ;", () => {
  assert.equal(parseIgnoreComment("# migpolicy: ignore NOVA-021 -- consoles on the management network"), {
    rules: ["NOVA-021"],
    reason: "consoles on the management network",
  });
  assert.equal(parseIgnoreComment(";migpolicy:ignore lv-005, LV-008 --why"), { rules: ["LV-005", "LV-008"], reason: "why" });
  assert.equal(parseIgnoreComment("# migpolicy: ignore LV-005"), { rules: ["LV-005"], reason: null });
  assert.equal(parseIgnoreComment("# migpolicy: ignore LV-005 --   "), { rules: ["LV-005"], reason: null });
  assert.is(parseIgnoreComment("listen_tls = 1 # migpolicy: ignore LV-005 -- no"), null);
  assert.is(parseIgnoreComment("# migpolicy: ignore -- no rule"), null);
});

test("an ignore comment on the line before accepts that finding only, and says why in JSON and SARIF", () => {
  const dir = fleet();
  setLine(join(dir, LIBVIRTD("compute-1")), 300, "# migpolicy: ignore LV-005 -- each DN is checked by the site's TLS proxy (OPS-12)");
  const json = run(["eval", join(dir, "fleet"), "--format", "json"]);
  const lv005 = findingsOf(json.stdout).filter((f) => f.rule === "LV-005");
  assert.equal(
    lv005.map((f) => [f.location.file, f.suppression?.kind ?? null, f.suppression?.justification ?? null, f.suppression?.location?.line ?? null]),
    [
      ["compute-1/etc/libvirt/libvirtd.conf", "inSource", "each DN is checked by the site's TLS proxy (OPS-12)", 300],
      ["compute-2/etc/libvirt/libvirtd.conf", null, null, null],
    ],
  );
  const sarif = JSON.parse(run(["eval", join(dir, "fleet"), "--format", "sarif"]).stdout) as {
    runs: { results: { ruleId: string; suppressions?: { kind: string; status: string; justification: string; location?: unknown }[] }[] }[];
  };
  const suppressed = sarif.runs[0]!.results.filter((r) => r.suppressions !== undefined);
  assert.equal(
    suppressed.map((r) => [r.ruleId, r.suppressions]),
    [
      [
        "LV-005",
        [
          {
            kind: "inSource",
            status: "accepted",
            justification: "each DN is checked by the site's TLS proxy (OPS-12)",
            location: suppressed[0]!.suppressions![0]!.location,
          },
        ],
      ],
    ],
  );
  const text = run(["eval", join(dir, "fleet")]).stdout;
  assert.not.ok(text.includes("compute-1/etc/libvirt/libvirtd.conf:301"), "the text report leaves accepted findings out");
  assert.match(text, /1 accepted \(ignore comments, entries or the baseline\)/);
});

test("an ignore comment counts only on the line right before, only for its rules, and only with a reason", () => {
  const dir = fleet();
  setLine(join(dir, LIBVIRTD("compute-1")), 299, "# migpolicy: ignore LV-005 -- two lines above: not honoured");
  setLine(join(dir, LIBVIRTD("compute-2")), 300, "# migpolicy: ignore LV-005");
  const json = run(["eval", join(dir, "fleet"), "--format", "json"]);
  const report = JSON.parse(json.stdout) as { findings: JsonFinding[]; diagnostics: { code: string; location: { file: string; line: number } }[] };
  assert.equal(report.findings.filter((f) => f.suppression !== null).length, 0);
  assert.equal(
    report.diagnostics.map((d) => [d.code, d.location.file, d.location.line]),
    [["ignore-without-reason", "compute-2/etc/libvirt/libvirtd.conf", 300]],
  );
});

test("the configuration: fail-on, and ignore entries by rule, hosts and path, until they expire", () => {
  const dir = fleet();
  writeFileSync(
    join(dir, ".migpolicy.yaml"),
    [
      "# Accepted after review.",
      "fail-on: high",
      "ignore:",
      "  - rule: LV-005",
      '    hosts: "compute-2*"',
      "    reason: compute-2's DN list comes with the next change window",
      "  - rule: QEMU-006",
      "    path: '**/compute-1/etc/libvirt/qemu.conf'",
      "    reason: the migration network is the only one",
      "  - rule: LV-008",
      "    reason: expired acceptance",
      "    expires: 2020-01-31",
      "",
    ].join("\n"),
  );
  // The copy's file modes are real: they would add NOVA-022 and PKI-001, which this test is not about.
  const json = run(["eval", "fleet", "--format", "json", "--file-modes", "ignore"], dir);
  const report = JSON.parse(json.stdout) as { findings: JsonFinding[]; diagnostics: { code: string; location: { file: string; line: number } }[] };
  const accepted = report.findings
    .filter((f) => f.suppression !== null)
    .map((f) => [f.rule, f.location.file, f.suppression!.kind, f.suppression!.location?.line]);
  assert.equal(accepted, [
    ["QEMU-006", "compute-1/etc/libvirt/qemu.conf", "external", 7],
    ["LV-005", "compute-2/etc/libvirt/libvirtd.conf", "external", 4],
  ]);
  assert.equal(
    report.diagnostics.map((d) => [d.code, d.location.file, d.location.line]),
    [["ignore-expired", ".migpolicy.yaml", 10]],
  );
  assert.ok(
    report.findings.some((f) => f.rule === "LV-008" && f.suppression === null),
    "an expired entry's findings return",
  );
  // fail-on: high from the file: the remaining medium findings do not fail the run.
  assert.is(json.status, 0, json.stderr);
  assert.is(run(["eval", "fleet", "--fail-on", "medium", "--file-modes", "ignore"], dir).status, 1, "the flag wins over the file");
});

test("a configuration that cannot be used stops the run, with its place", () => {
  const dir = fleet();
  writeFileSync(join(dir, "bad.yaml"), "ignore:\n  - rule: LV-005\n    reson: typo\n");
  const bad = run(["eval", "fleet", "--config", "bad.yaml"], dir);
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /bad\.yaml:2:5: .*reason/);
  writeFileSync(join(dir, "broken.yaml"), "fail-on: [high\n");
  const broken = run(["eval", "fleet", "--config", "broken.yaml"], dir);
  assert.is(broken.status, 2);
  assert.match(broken.stderr, /broken\.yaml:\d+:\d+: /);
  writeFileSync(join(dir, "unknown.yaml"), "ignore:\n  - rule: LV-055\n    reason: a typo\n");
  const unknown = run(["eval", "fleet", "--config", "unknown.yaml"], dir);
  assert.is(unknown.status, 2);
  assert.match(unknown.stderr, /unknown rule "LV-055"/);
});

test("a baseline (JSON or SARIF) accepts what an earlier run reported: only new findings are reported and fail", () => {
  const dir = fleet();
  const fleetDir = join(dir, "fleet");
  assert.is(run(["eval", fleetDir, "--format", "json", "--output", join(dir, "before.json")]).status, 1);
  assert.is(run(["eval", fleetDir, "--format", "sarif", "--output", join(dir, "before.sarif")]).status, 1);
  for (const baseline of ["before.json", "before.sarif"]) {
    const again = run(["eval", fleetDir, "--baseline", join(dir, baseline), "--format", "json"]);
    assert.is(again.status, 0, `${baseline}: nothing new`);
    assert.ok(
      findingsOf(again.stdout).every((f) => f.suppression?.kind === "external"),
      baseline,
    );
  }
  // New findings: compute-2's nova connects over plain TCP with native TLS on (NOVA-002), unlike its peer (NOVA-019).
  const nova = join(fleetDir, "compute-2/etc/nova/nova.conf");
  writeFileSync(nova, readFileSync(nova, "utf8").replace(/^live_migration_scheme = tls$/m, "live_migration_scheme = tcp"));
  const changed = run(["eval", fleetDir, "--baseline", join(dir, "before.json"), "--format", "json"]);
  assert.is(changed.status, 1);
  assert.equal(
    findingsOf(changed.stdout)
      .filter((f) => f.suppression === null)
      .map((f) => `${f.host} ${f.rule}`),
    ["null NOVA-019", "compute-2.example.org NOVA-002"],
  );
  writeFileSync(join(dir, "not-a-report.json"), "[1, 2]");
  const wrong = run(["eval", fleetDir, "--baseline", join(dir, "not-a-report.json")]);
  assert.is(wrong.status, 2);
  assert.match(wrong.stderr, /neither a migpolicy JSON report nor a SARIF log/);
});

test("load problems fail the run by default (errors), whatever --fail-on says; --fail-on-problem sets the level", () => {
  const dir = fleet();
  writeFileSync(join(dir, "fleet/compute-1/etc/libvirt/qemu.conf"), 'default_tls_x509_verify = "yes"\n');
  assert.is(run(["eval", join(dir, "fleet"), "--fail-on", "never"]).status, 1);
  assert.is(run(["eval", join(dir, "fleet"), "--fail-on", "never", "--fail-on-problem", "never"]).status, 0);
  assert.is(run(["eval", join(dir, "fleet"), "--fail-on", "never", "--fail-on-problem", "WARNING"]).status, 1);
});

test.run();
