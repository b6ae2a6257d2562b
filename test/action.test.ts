/**
 * The GitHub Action as GitHub runs it: action.yml's composite steps, each `run:` with
 * `bash --noprofile --norc -eo pipefail`, its `${{ }}` expressions filled in from the
 * inputs, the earlier steps' outputs and github.action_path. The action is a copy of this
 * checkout (the files git knows, as they are now), built by its own build step.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { CLI, EXAMPLES, ROOT } from "./helpers.js";

interface ActionStep {
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const ACTION = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as Action;

/** A `${{ … }}` expression of the kinds action.yml uses; any other fails the test rather than run wrong. */
function expand(text: string, context: { inputs: Record<string, string>; steps: Record<string, Record<string, string>>; actionPath: string }): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expression);
    if (input !== null) {
      const name = input[1] as string;
      assert.ok(name in ACTION.inputs, `action.yml uses an input it does not declare: ${name}`);
      return context.inputs[name] ?? ACTION.inputs[name]?.default ?? "";
    }
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
    if (output !== null) return context.steps[output[1] as string]?.[output[2] as string] ?? "";
    if (expression === "github.action_path") return context.actionPath;
    throw new Error(`the test does not know the expression \${{ ${expression} }}`);
  });
}

/** The `name=value` lines a step wrote to $GITHUB_OUTPUT. */
function outputsOf(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const at = line.indexOf("=");
    if (at > 0) outputs[line.slice(0, at)] = line.slice(at + 1);
  }
  return outputs;
}

interface StepsRun {
  code: number;
  stdout: string;
  stderr: string;
  workspace: string;
  steps: Record<string, Record<string, string>>;
  /** The action's own outputs, as its `outputs:` map them. */
  outputs: Record<string, string>;
}

/** A copy of this checkout, as `uses: migpolicy/migpolicy@ref` gets it. */
function actionCheckout(): string {
  // A space in the path, as a runner's workspace may have: the build must not skip itself.
  const copy = mkdtempSync(join(tmpdir(), "migpolicy action path-"));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" }).split("\0");
  // The files of this checkout as they are now (a deleted one is not copied).
  for (const file of files.filter((f) => f !== "" && existsSync(join(ROOT, f)))) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(ROOT, file), join(copy, file), { verbatimSymlinks: true });
  }
  return copy;
}

/**
 * Runs the composite steps in order in `workspace`, from the step `from` on (earlier
 * steps' outputs taken from `done`), stopping at the first that fails, as GitHub does.
 */
function runAction(
  actionPath: string,
  workspace: string,
  inputs: Record<string, string>,
  done: Record<string, Record<string, string>> = {},
  from = 0,
): StepsRun {
  for (const [name, input] of Object.entries(ACTION.inputs)) if (input.required === true) assert.ok(name in inputs, `the required input ${name}`);
  const steps = { ...done };
  let stdout = "";
  let stderr = "";
  for (const step of ACTION.runs.steps.slice(from)) {
    const context = { inputs, steps, actionPath };
    if (step.uses !== undefined) {
      // setup-node and setup-go: this machine has Node and Go; what they are given must exist.
      for (const value of Object.values(step.with ?? {})) {
        const expanded = expand(String(value), context);
        if (expanded.startsWith(actionPath))
          assert.ok(spawnSync("test", ["-f", expanded]).status === 0, `${step.uses}: ${expanded} is not a file of the action`);
      }
      continue;
    }
    assert.is(step.shell, "bash");
    const githubOutput = join(mkdtempSync(join(tmpdir(), "migpolicy-github-output-")), "output");
    writeFileSync(githubOutput, "");
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = expand(String(value), context);
    const script = join(dirname(githubOutput), "step.sh");
    writeFileSync(script, expand(step.run as string, context));
    const ran = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
      cwd: workspace,
      encoding: "utf8",
      maxBuffer: 64 << 20,
      env: {
        PATH: `${process.env.PATH}:/usr/local/go/bin`,
        HOME: process.env.HOME ?? tmpdir(),
        // The npm cache of this machine serves the locked packages.
        npm_config_prefer_offline: "true",
        GITHUB_ACTION_PATH: actionPath,
        GITHUB_WORKSPACE: workspace,
        GITHUB_OUTPUT: githubOutput,
        ...env,
      },
    });
    stdout += ran.stdout;
    stderr += ran.stderr;
    if (step.id !== undefined) steps[step.id] = outputsOf(githubOutput);
    if (ran.status !== 0) return { code: ran.status ?? 1, stdout, stderr, workspace, steps, outputs: actionOutputs(steps, inputs, actionPath) };
  }
  return { code: 0, stdout, stderr, workspace, steps, outputs: actionOutputs(steps, inputs, actionPath) };
}

function actionOutputs(steps: Record<string, Record<string, string>>, inputs: Record<string, string>, actionPath: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const [name, output] of Object.entries(ACTION.outputs)) outputs[name] = expand(output.value, { inputs, steps, actionPath });
  return outputs;
}

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
    automationDetails: { id: string };
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

/** A git repository holding the given example fleets, each under its folder name. */
function repository(folders: Record<string, string>): { repo: string; tracked: Set<string> } {
  const repo = mkdtempSync(join(tmpdir(), "migpolicy-repo-"));
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.org", ...args], { cwd: repo, encoding: "utf8" });
  git("init", "-q");
  for (const [folder, example] of Object.entries(folders)) cpSync(join(EXAMPLES, example), join(repo, folder), { recursive: true, verbatimSymlinks: true });
  git("add", ".");
  git("commit", "-q", "-m", "fleet");
  return {
    repo,
    tracked: new Set(
      git("ls-files")
        .split("\n")
        .filter((line) => line !== ""),
    ),
  };
}

const actionPath = actionCheckout();
const first = repository({ fleet: "guide-2019-fleet" });
// The whole action once, its build included; the other cases run the steps after the build.
const whole = runAction(actionPath, first.repo, { path: "fleet" });
const buildStep = ACTION.runs.steps.findIndex((step) => step.id === "build");
function afterBuild(workspace: string, inputs: Record<string, string>): StepsRun {
  assert.ok(whole.steps.build?.cli, `the action's build step failed:\n${whole.stderr}`);
  return runAction(actionPath, workspace, inputs, whole.steps, buildStep + 1);
}

test("the action runs its own ref: setup actions pinned to commits, no package fetched by name", () => {
  const uses = ACTION.runs.steps.flatMap((step) => (step.uses === undefined ? [] : [step.uses]));
  assert.ok(uses.length > 0);
  for (const use of uses) assert.match(use, /^[\w-]+\/[\w-]+@[0-9a-f]{40}$/, `${use} is not pinned to a commit`);
  const scripts = ACTION.runs.steps.map((step) => step.run ?? "").join("\n");
  assert.not.match(scripts, /npx|npm (install|i|exec)\b|@latest/);
  for (const [name, input] of Object.entries(ACTION.inputs)) assert.ok(input.description.length > 20, `input ${name} is documented`);
});

test("in a repository holding a fleet folder, as the documented workflow runs it, every SARIF URI names a file of the repository", () => {
  assert.is(whole.code, 0, whole.stderr);
  assert.is(whole.outputs["sarif-file"], "migpolicy.sarif");
  assert.is(whole.outputs.findings, "true");
  const log = JSON.parse(readFileSync(join(first.repo, "migpolicy.sarif"), "utf8")) as SarifLog;
  const run = log.runs[0]!;
  assert.is(run.automationDetails.id, "migpolicy/");
  assert.equal(run.originalUriBaseIds, { "%SRCROOT%": { uri: `${pathToFileURL(realpathSync(first.repo)).href}/` } });
  const uris = artifactUris(log);
  assert.ok(run.results.length > 5 && uris.length > 5);
  for (const { uri, uriBaseId } of uris) {
    assert.is(uriBaseId, "%SRCROOT%");
    assert.ok(first.tracked.has(decodeURIComponent(uri)), `${uri} is not a file of the repository`);
    assert.ok(uri.startsWith("fleet/compute-"), uri);
  }
});

test("several paths, one a line: one fleet, every URI a file of the repository", () => {
  const { repo, tracked } = repository({ "site-a": "secure-fleet", "site-b": "guide-2019-fleet" });
  const step = afterBuild(repo, { path: "site-a\nsite-b\n" });
  assert.is(step.code, 0, step.stderr);
  const log = JSON.parse(readFileSync(join(repo, "migpolicy.sarif"), "utf8")) as SarifLog & { runs: { properties: { hosts: { root: string }[] } }[] };
  const roots = log.runs[0]!.properties.hosts.map((h) => h.root);
  assert.ok(roots.some((r) => r.startsWith("site-a/")) && roots.some((r) => r.startsWith("site-b/")), roots.join(" "));
  for (const { uri } of artifactUris(log)) assert.ok(tracked.has(decodeURIComponent(uri)), `${uri} is not a file of the repository`);
});

test("findings at or above fail-on fail the step after writing the SARIF", () => {
  const step = afterBuild(first.repo, { path: "fleet", "fail-on": "high", "sarif-file": "high.sarif" });
  assert.is(step.code, 1);
  assert.match(step.stdout, /::error::migpolicy found problems at or above high/);
  assert.is(step.outputs.findings, "true");
  assert.ok(JSON.parse(readFileSync(join(first.repo, "high.sarif"), "utf8")));
});

test("a clean fleet: findings=false", () => {
  const { repo } = repository({ fleet: "secure-fleet" });
  const step = afterBuild(repo, { path: "fleet", "fail-on": "info" });
  assert.is(step.code, 0, step.stderr);
  assert.is(step.outputs.findings, "false");
});

test("a configuration file given to the action is the one the scan reads", () => {
  const { repo } = repository({ fleet: "guide-2019-fleet" });
  writeFileSync(join(repo, "scan.yaml"), "rules: [NOVA-002]\n");
  const step = afterBuild(repo, { path: "fleet", config: "scan.yaml" });
  assert.is(step.code, 0, step.stderr);
  const log = JSON.parse(readFileSync(join(repo, "migpolicy.sarif"), "utf8")) as { runs: { results: { ruleId: string }[] }[] };
  assert.equal([...new Set(log.runs[0]!.results.map((r) => r.ruleId))], ["NOVA-002"]);
});

test("a scan that did not evaluate all it was given fails the step, its log moved aside from the upload", () => {
  const { repo } = repository({ fleet: "secure-fleet" });
  mkdirSync(join(repo, "renamed"));
  const step = afterBuild(repo, { path: " fleet \n renamed " });
  assert.is(step.code, 2);
  assert.match(step.stdout, /::error::migpolicy did not evaluate all it was given/);
  assert.is(step.outputs["sarif-file"], "");
  assert.is(spawnSync("test", ["-e", join(repo, "migpolicy.sarif")]).status, 1);
  assert.ok(JSON.parse(readFileSync(join(repo, "migpolicy.sarif.incomplete"), "utf8")));
});

test("a path that is not there fails the step with migpolicy's error, and no SARIF is written", () => {
  const { repo } = repository({ fleet: "secure-fleet" });
  const step = afterBuild(repo, { path: "no-such-fleet" });
  assert.is(step.code, 2);
  assert.match(step.stderr, /no such folder/);
  assert.is(step.outputs["sarif-file"], "");
  assert.is(spawnSync("test", ["-e", join(repo, "migpolicy.sarif")]).status, 1);
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

test.run();
