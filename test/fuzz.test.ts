/** Property tests: no parser throws or hangs on random or mutated input (a short run; `npm run fuzz` runs long). */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checkParser, mutated, PARSERS, seeds, text } from "./fuzz/parsers.js";
import { ROOT } from "./helpers.js";

const seedTexts = seeds(ROOT);

test("there are seed files to mutate", () => {
  assert.ok(seedTexts.length > 30);
});

for (const [name, parse] of Object.entries(PARSERS)) {
  test(`${name}: random and mutated input never throws`, () => {
    fc.assert(fc.property(fc.oneof(text, mutated(seedTexts)), (input) => checkParser(name, parse, input)), { numRuns: 150, seed: 42 });
  });
}

test("the property test fails when a parser throws", () => {
  assert.throws(() =>
    fc.assert(fc.property(text, (input) => checkParser("throws on '['", (t) => { if (t.includes("[")) throw new Error("boom"); }, input)), { numRuns: 500, seed: 1 }),
  );
});

test.run();
