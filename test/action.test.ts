/** The GitHub Action's scan step, run as GitHub would run it, against the local build. */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { CLI, EXAMPLES, ROOT } from "./helpers.js";

/** The `run: |` block of the step with `id: scan` in action.yml. */
interface ArtifactLocation {
  uri: string;
  uriBaseId: string;
}
interface PhysicalLocation {
  physicalLocation: { artifactLocation: ArtifactLocation };
}
interface SarifLog {
  runs: {
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: {
      locations: PhysicalLocation[];
      relatedLocations?: PhysicalLocation[];
      fixes?: { artifactChanges: { artifactLocation: ArtifactLocation }[] }[];
    }[];
    invocations: { toolExecutionNotifications: { locations?: PhysicalLocation[] }[] }[];
  }[];
}

/** Every artifact location of a log: results, related locations, fixes and notifications. */
function artifactUris(log: SarifLog): ArtifactLocation[] {
  return log.runs.flatMap((run) => [
    ...run.results.flatMap((r) => [
      ...[...r.locations, ...(r.relatedLocations ?? [])].map((l) => l.physicalLocation.artifactLocation),
      ...(r.fixes ?? []).flatMap((f) => f.artifactChanges.map((c) => c.artifactLocation)),
    ]),
    ...run.invocations.flatMap((i) => i.toolExecutionNotifications.flatMap((n) => (n.locations ?? []).map((l) => l.physicalLocation.artifactLocation))),
  ]);
}

function scanScript(): string {
  const lines = readFileSync(join(ROOT, "action.yml"), "utf8").split("\n");
  const step = lines.findIndex((l) => l.trim() === "- id: scan");
  const start = lines.findIndex((l, i) => i > step && l.trim() === "run: |");
  const indent = (lines[start + 1] as string).search(/\S/);
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() !== "" && line.search(/\S/) < indent) break;
    body.push(line.slice(indent));
  }
  return body.join("\n");
}

function runStep(inputs: Record<string, string>, dir = mkdtempSync(join(tmpdir(), "migpolicy-action-"))) {
  const shim = join(mkdtempSync(join(tmpdir(), "migpolicy-cli-")), "migpolicy");
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(shim, 0o755);
  const output = join(mkdtempSync(join(tmpdir(), "migpolicy-output-")), "github-output");
  writeFileSync(output, "");
  const result = spawnSync("bash", ["-c", scanScript()], {
    cwd: dir,
    encoding: "utf8",
    env: {
      ...process.env,
      MIGPOLICY_CLI: shim,
      GITHUB_OUTPUT: output,
      INPUT_SARIF_FILE: "migpolicy.sarif",
      INPUT_FAIL_ON: "never",
      INPUT_CATEGORY: "migpolicy",
      INPUT_VERSION: "latest",
      ...inputs,
    },
  });
  return { code: result.status, stderr: result.stderr, stdout: result.stdout, dir, outputs: readFileSync(output, "utf8") };
}

test("findings with fail-on never: the step succeeds, writes SARIF and says findings=true", () => {
  const step = runStep({ INPUT_PATH: join(EXAMPLES, "guide-2019-fleet") });
  assert.is(step.code, 0, step.stderr);
  assert.match(step.outputs, /^sarif-file=migpolicy\.sarif$/m);
  assert.match(step.outputs, /^findings=true$/m);
  const log = JSON.parse(readFileSync(join(step.dir, "migpolicy.sarif"), "utf8")) as { runs: { results: unknown[]; automationDetails: { id: string } }[] };
  assert.ok(log.runs[0]!.results.length > 0);
  assert.is(log.runs[0]!.automationDetails.id, "migpolicy/");
});

test("findings at or above fail-on fail the step after writing the SARIF", () => {
  const step = runStep({ INPUT_PATH: join(EXAMPLES, "guide-2019-fleet"), INPUT_FAIL_ON: "high" });
  assert.is(step.code, 1);
  assert.match(step.stdout, /::error::migpolicy found problems at or above high/);
  assert.match(step.outputs, /^findings=true$/m);
});

test("a clean fleet: findings=false", () => {
  const step = runStep({ INPUT_PATH: join(EXAMPLES, "secure-fleet"), INPUT_FAIL_ON: "info" });
  assert.is(step.code, 0, step.stderr);
  assert.match(step.outputs, /^findings=false$/m);
});

test("in a repository holding a fleet folder, as the documented workflow runs it, every SARIF URI names a file of the repository", () => {
  const repo = mkdtempSync(join(tmpdir(), "migpolicy-repo-"));
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.org", ...args], { cwd: repo, encoding: "utf8" });
  git("init", "-q");
  cpSync(join(EXAMPLES, "guide-2019-fleet"), join(repo, "fleet"), { recursive: true });
  git("add", "fleet");
  git("commit", "-q", "-m", "fleet");
  const step = runStep({ INPUT_PATH: "fleet" }, repo);
  assert.is(step.code, 0, step.stderr);
  const tracked = new Set(
    git("ls-files")
      .split("\n")
      .filter((line) => line !== ""),
  );
  const log = JSON.parse(readFileSync(join(repo, "migpolicy.sarif"), "utf8")) as SarifLog;
  const run = log.runs[0]!;
  assert.equal(run.originalUriBaseIds, { "%SRCROOT%": { uri: `${pathToFileURL(realpathSync(repo)).href}/` } });
  const uris = artifactUris(log);
  assert.ok(run.results.length > 5 && uris.length > 5);
  for (const { uri, uriBaseId } of uris) {
    assert.is(uriBaseId, "%SRCROOT%");
    assert.ok(tracked.has(decodeURIComponent(uri)), `${uri} is not a file of the repository`);
    assert.ok(uri.startsWith("fleet/compute-"), uri);
  }
});

test("--source-root names the root of the URIs; one that does not hold the scanned path is a usage error", () => {
  const fleet = join(EXAMPLES, "guide-2019-fleet");
  const sarif = (root: string) => spawnSync(process.execPath, [CLI, "eval", fleet, "--format", "sarif", "--source-root", root], { encoding: "utf8" });
  const fromExamples = JSON.parse(sarif(EXAMPLES).stdout) as SarifLog;
  for (const { uri } of artifactUris(fromExamples)) assert.ok(uri.startsWith("guide-2019-fleet/compute-"), uri);
  const outside = sarif(join(EXAMPLES, "secure-fleet"));
  assert.is(outside.status, 2);
  assert.match(outside.stderr, /--source-root .* does not hold/);
  const tarball = join(mkdtempSync(join(tmpdir(), "migpolicy-archive-")), "fleet.tar");
  writeFileSync(tarball, "");
  const archive = spawnSync(process.execPath, [CLI, "eval", tarball, "--source-root", ROOT], { encoding: "utf8" });
  assert.is(archive.status, 2);
  assert.match(archive.stderr, /--source-root applies to a folder/);
});

test("a path that is not there fails the step with migpolicy's error", () => {
  const step = runStep({ INPUT_PATH: join(EXAMPLES, "no-such-fleet") });
  assert.is(step.code, 2);
  assert.match(step.stderr, /no such folder/);
});

test.run();
