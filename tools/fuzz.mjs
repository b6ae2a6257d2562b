// Long fuzz campaigns over every parser: `npm run fuzz [-- runs-per-parser]`. Inputs
// that fail are written to test/fuzz/regressions/ so they can become fixtures.
import fc from "fast-check";
import { mkdirSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { root } from "./go-tools.mjs";

const { PARSERS, seeds, text, mutated, checkParser } = await import(join(root, "build/test/fuzz/parsers.js"));
const { hostTree, damagedArchive, checkTree, checkArchive } = await import(join(root, "build/test/fuzz/trees.js"));
const { Policy } = await import(join(root, "build/src/index.js"));
const runs = Number(process.argv[2] ?? 20000);
const seedTexts = seeds(root);
let failures = 0;

/** A failing input, kept in test/fuzz/regressions/ under a name from its target and its hash. */
function keep(name, input, extension) {
  const dir = join(root, "test/fuzz/regressions");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name.replace(/\W+/g, "-")}-${createHash("sha256").update(input).digest("hex").slice(0, 12)}.${extension}`);
  writeFileSync(file, input);
  return file;
}
for (const [name, parse] of Object.entries(PARSERS)) {
  const started = performance.now();
  const details = fc.check(
    fc.property(fc.oneof(text, mutated(seedTexts)), (input) => checkParser(name, parse, input)),
    { numRuns: runs },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (details.failed) {
    failures++;
    const file = keep(name, String(details.counterexample?.[0] ?? ""), "txt");
    console.log(`FAIL ${name}: ${details.errorInstance} (input kept in ${file})`);
  } else console.log(`ok   ${name}: ${details.numRuns} inputs in ${seconds} s`);
}
// The whole loader: host trees in memory, and the same trees as damaged tar archives.
const policy = Policy.load();
const wholeRuns = Math.max(1, Math.floor(runs / 20));
for (const [name, arbitrary, check] of [
  ["whole host trees", hostTree(seedTexts), checkTree],
  ["damaged tar archives", damagedArchive(seedTexts), checkArchive],
]) {
  const started = performance.now();
  const details = fc.check(
    fc.property(arbitrary, (input) => check(input, policy)),
    { numRuns: wholeRuns },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (details.failed) {
    failures++;
    const input = JSON.stringify(details.counterexample?.[0] ?? null, (_, v) => (v instanceof Uint8Array ? Buffer.from(v).toString("base64") : v));
    const file = keep(name, input, "json");
    console.log(`FAIL ${name}: ${details.errorInstance} (input kept in ${file})`);
  } else console.log(`ok   ${name}: ${details.numRuns} inputs in ${seconds} s`);
}
const targets = Object.keys(PARSERS).length + 2;
console.log(`fuzz: ${targets - failures} targets passed, ${failures} failed`);
process.exitCode = failures === 0 ? 0 : 1;
