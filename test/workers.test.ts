/** Worker threads change how fast a fleet is scanned, never what the scan reports. */
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { evaluateOnThreads } from "../src/pipeline/workers.js";
import { Policy } from "../src/eval/policy.js";
import { discoverHosts } from "../src/loader/discover.js";
import { Tree } from "../src/loader/fs.js";
import { scanPath } from "../src/index.js";
import { EXAMPLES } from "./helpers.js";

for (const fleet of ["guide-2019-fleet", "guide-current-fleet", "secure-fleet", "ossn-0007-fleet"]) {
  test(`${fleet}: the same result with 2 and 3 workers as in one thread`, async () => {
    const path = join(EXAMPLES, fleet);
    const alone = await scanPath(path, { workers: 0, now: 1795000000 });
    assert.ok(alone.hosts.length >= 2 && alone.findings.length > 0);
    for (const workers of [2, 3]) assert.equal(await scanPath(path, { workers, now: 1795000000 }), alone);
  });
}

test("workers alone (a fleet too large for this thread to take hosts): the same outcomes as this thread and workers", async () => {
  const root = join(EXAMPLES, "guide-2019-fleet");
  const tree = new Tree(root);
  const sources = discoverHosts(tree, "guide-2019-fleet");
  const settings = { scanTime: 1795000000, modesMeaningful: false };
  const policy = Policy.load();
  const shared = await evaluateOnThreads({ root, tree, policy }, sources, settings, 2);
  const alone = await evaluateOnThreads({ root, tree, policy }, sources, settings, 2, undefined, 0);
  assert.ok(shared.outcomes.length >= 2 && shared.outcomes.every((outcome) => outcome !== undefined));
  assert.equal(alone, shared);
});

test("progress counts every host once, in workers and in one thread", async () => {
  for (const workers of [0, 2]) {
    const seen: string[] = [];
    const result = await scanPath(join(EXAMPLES, "guide-current-fleet"), { workers, onProgress: (done, total) => seen.push(`${done}/${total}`) });
    const total = result.hosts.length;
    assert.equal(
      seen,
      Array.from({ length: total }, (_, i) => `${i + 1}/${total}`),
    );
  }
});

test("a worker that fails fails the scan, with its error, and stops the others", async () => {
  const root = join(EXAMPLES, "secure-fleet");
  const tree = new Tree(root);
  const sources = discoverHosts(tree, "secure-fleet");
  // This thread's policy, which the workers are told to load from where there is none.
  const policy: Policy = Object.create(Policy.load(), { url: { value: new URL("file:///nonexistent/policy.wasm") } });
  try {
    await evaluateOnThreads({ root, tree, policy }, sources, { scanTime: 1795000000, modesMeaningful: false }, 3);
    assert.unreachable("the scan should have failed");
  } catch (error) {
    assert.match(String(error), /cannot read the compiled policies at \/nonexistent\/policy.wasm/);
  }
});

test.run();
