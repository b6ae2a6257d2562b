/** SIGINT and SIGTERM stop a scan within a second, in one thread and with workers, leaving no temporary file. */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { CLI, EXAMPLES, tree } from "./helpers.js";

/** A fleet of `count` hosts: one copy of an example host, and links to it beside it (inside the scanned folder). */
function fleet(count: number): string {
  const dir = tree({});
  const hosts = join(dir, "fleet");
  cpSync(join(EXAMPLES, "guide-2019-fleet/compute-1"), join(hosts, "compute-0"), { recursive: true });
  for (let i = 1; i < count; i++) symlinkSync("compute-0", join(hosts, `compute-${i}`));
  return dir;
}

function stopped(root: string, signal: "SIGINT" | "SIGTERM"): Promise<{ code: number | null; afterSignal: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, "eval", join(root, "fleet"), "--format", "sarif", "--output", join(root, "out", "report.sarif")], {
      stdio: "ignore",
    });
    let sent = 0;
    // Long enough for the scan to be under way (policy.wasm loaded, hosts being read).
    const timer = setTimeout(() => {
      sent = Date.now();
      child.kill(signal);
    }, 1000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, afterSignal: sent === 0 ? -1 : Date.now() - sent });
    });
  });
}

for (const [hosts, how] of [
  [190, "one thread"],
  [260, "worker threads"],
] as const) {
  for (const [signal, status] of [
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const) {
    test(`${signal} stops a scan of ${hosts} hosts (${how}) within a second, with status ${status} and no file left`, async () => {
      const root = fleet(hosts);
      mkdirSync(join(root, "out"));
      const { code, afterSignal } = await stopped(root, signal);
      assert.ok(afterSignal >= 0, "the scan ended before the signal: make the fleet larger");
      assert.is(code, status);
      assert.ok(afterSignal < 1000, `stopped ${afterSignal} ms after the signal`);
      assert.equal(readdirSync(join(root, "out")), []);
      assert.not.ok(existsSync(join(root, "out", "report.sarif")));
    });
  }
}

test.run();
