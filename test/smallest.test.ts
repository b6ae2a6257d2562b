/**
 * Rules that cannot vanish: every rule of the pack fires on the smallest tree that should
 * trigger it (test/smallest-cases.ts), built through the whole pipeline (loader, host
 * document, policy.wasm): a finding that hangs on an optional helper (a fix, a message
 * argument, a location of a file the tree lacks) shows up here as a missing rule.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadCatalogue } from "../src/eval/catalogue.js";
import { scan } from "../src/index.js";
import { build, cases } from "./smallest-cases.js";

test("every rule of the pack has a smallest tree here", () => {
  const covered = new Set(cases.flatMap((c) => c.rules));
  const missing = loadCatalogue()
    .rules.map((r) => r.id)
    .filter((id) => !covered.has(id));
  assert.equal(missing, []);
});

for (const c of cases) {
  test(`${c.rules.join(", ")} fire on the smallest tree: ${c.story}`, () => {
    const result = scan(build(c), { fileModes: "trust" });
    const fired = new Set(result.findings.map((f) => f.rule));
    const absent = c.rules.filter((rule) => !fired.has(rule));
    const problems = result.diagnostics.map((d) => d.code);
    assert.equal(absent, [], `fired: ${[...fired].sort().join(", ")}; diagnostics: ${problems.join(", ")}`);
  });
}

test.run();
