/** Output files are written atomically: a process stopped mid-write leaves the previous file and no temporary file. */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { writeFileAtomic } from "../src/report/write.js";
import { ROOT, tree } from "./helpers.js";

const WRITER = join(ROOT, "build/src/report/write.js");

/** A child writing 512 MiB in chunks to `target`, stopped with `signal` once its temporary file exists. */
async function interrupted(target: string, signal: NodeJS.Signals): Promise<number | null> {
  const child = spawn(process.execPath, [
    "--input-type=module",
    "-e",
    `import { writeFileAtomicAsync, removeOnSignal } from ${JSON.stringify(WRITER)};
     removeOnSignal();
     await writeFileAtomicAsync(${JSON.stringify(target)}, Buffer.alloc(512 * 1024 * 1024, 120));`,
  ]);
  const dir = join(target, "..");
  const started = Date.now();
  while (!readdirSync(dir).some((name) => name.endsWith(".tmp"))) {
    if (Date.now() - started > 20000) throw new Error("the writer never created its temporary file");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  child.kill(signal);
  return new Promise((resolve) => child.on("exit", (code) => resolve(code)));
}

test("SIGTERM in the middle of a write: the previous file is intact and the temporary file is gone", async () => {
  const dir = tree({ "report.sarif": "previous" });
  const target = join(dir, "report.sarif");
  assert.is(await interrupted(target, "SIGTERM"), 143);
  assert.is(readFileSync(target, "utf8"), "previous");
  assert.equal(readdirSync(dir), ["report.sarif"]);
});

test("SIGKILL in the middle of a write: the previous file is intact, and the next write sweeps the leftover", async () => {
  const dir = tree({ "report.sarif": "previous" });
  const target = join(dir, "report.sarif");
  await interrupted(target, "SIGKILL");
  assert.is(readFileSync(target, "utf8"), "previous");
  assert.ok(readdirSync(dir).some((name) => name.endsWith(".tmp")));
  writeFileAtomic(target, "next");
  assert.is(readFileSync(target, "utf8"), "next");
  assert.equal(readdirSync(dir), ["report.sarif"]);
});

test("a failed write leaves the target untouched", () => {
  const dir = tree({ "report.sarif": "previous" });
  writeFileSync(join(dir, "not-a-folder"), "");
  assert.throws(() => writeFileAtomic(join(dir, "not-a-folder", "report.sarif"), "x"));
  assert.is(readFileSync(join(dir, "report.sarif"), "utf8"), "previous");
  assert.not.ok(existsSync(join(dir, "not-a-folder", "report.sarif")));
});

test.run();
