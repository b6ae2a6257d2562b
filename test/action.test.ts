/** The GitHub Action's scan step, run as GitHub would run it, against the local build. */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { CLI, EXAMPLES, ROOT } from "./helpers.js";

/** The `run: |` block of the step with `id: scan` in action.yml. */
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

function runStep(inputs: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "migpolicy-action-"));
  const shim = join(dir, "migpolicy");
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(shim, 0o755);
  const output = join(dir, "github-output");
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

test("a path that is not there fails the step with migpolicy's error", () => {
  const step = runStep({ INPUT_PATH: join(EXAMPLES, "no-such-fleet") });
  assert.is(step.code, 2);
  assert.match(step.stderr, /no such folder/);
});

test.run();
