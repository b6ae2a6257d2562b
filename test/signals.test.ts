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

/**
 * Runs a scan and signals it once it is under way: for one thread, once it has written three
 * hosts' documents (--dump-input); with workers (which --dump-input would turn off), after a
 * second, once policy.wasm is loaded and the workers started.
 */
function stopped(root: string, signal: "SIGINT" | "SIGTERM", threads: "one" | "workers"): Promise<{ code: number | null; afterSignal: number }> {
  return new Promise((resolve) => {
    const dump = join(root, "dump");
    const extra = threads === "one" ? ["--dump-input", dump] : [];
    const child = spawn(process.execPath, [CLI, "eval", join(root, "fleet"), "--format", "sarif", "--output", join(root, "out", "report.sarif"), ...extra], {
      stdio: "ignore",
    });
    let sent = 0;
    const started = Date.now();
    const send = () => {
      sent = Date.now();
      child.kill(signal);
    };
    const poll = setInterval(() => {
      const underWay = threads === "one" ? existsSync(dump) && readdirSync(dump).length >= 3 : Date.now() - started >= 1000;
      if (underWay && sent === 0) {
        clearInterval(poll);
        send();
      }
    }, 20);
    child.on("exit", (code) => {
      clearInterval(poll);
      resolve({ code, afterSignal: sent === 0 ? -1 : Date.now() - sent });
    });
  });
}

// With workers the signal comes after a second: 2,000 hosts take ~4 s on two cores, where 260
// took 1.0 s once the worker ran from its code cache, and ended before the signal.
for (const [hosts, how] of [
  [190, "one thread"],
  [2000, "worker threads"],
] as const) {
  for (const [signal, status] of [
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const) {
    test(`${signal} stops a scan of ${hosts} hosts (${how}) within a second, with status ${status} and no file left`, async () => {
      const root = fleet(hosts);
      mkdirSync(join(root, "out"));
      const { code, afterSignal } = await stopped(root, signal, hosts < 200 ? "one" : "workers");
      assert.ok(afterSignal >= 0, "the scan ended before the signal: make the fleet larger");
      assert.is(code, status);
      assert.ok(afterSignal < 1000, `stopped ${afterSignal} ms after the signal`);
      assert.equal(readdirSync(join(root, "out")), []);
      assert.not.ok(existsSync(join(root, "out", "report.sarif")));
    });
  }
}

test.run();
