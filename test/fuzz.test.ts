/** Property tests: no parser throws or hangs on random or mutated input (a short run; `npm run fuzz` runs long). */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { decodeUtf8, decodeUtf8Lines, splitUniversalLines } from "../src/loader/formats/text.js";
import { Policy } from "../src/index.js";
import { checkParser, mutated, PARSERS, seeds, text } from "./fuzz/parsers.js";
import { checkArchive, checkTree, damagedArchive, hostTree } from "./fuzz/trees.js";
import { ROOT } from "./helpers.js";

const seedTexts = seeds(ROOT);

test("there are seed files to mutate", () => {
  assert.ok(seedTexts.length > 30);
});

for (const [name, parse] of Object.entries(PARSERS)) {
  test(`${name}: random and mutated input never throws`, () => {
    fc.assert(
      fc.property(fc.oneof(text, mutated(seedTexts)), (input) => checkParser(name, parse, input)),
      { numRuns: 150, seed: 42 },
    );
  });
}

const policy = Policy.load();

test("whole host trees (files, links, folders where files belong) scan and report without a throw, within the budget", () => {
  fc.assert(
    fc.property(hostTree(seedTexts), (nodes) => checkTree(nodes, policy)),
    { numRuns: 40, seed: 42 },
  );
});

test("the same trees as tar archives with random bytes changed scan and report without a throw, within the budget", () => {
  fc.assert(
    fc.property(damagedArchive(seedTexts), (tar) => checkArchive(tar, policy)),
    { numRuns: 40, seed: 43 },
  );
});

test("decodeUtf8 accepts and decodes exactly what a fatal TextDecoder does (BOM kept)", () => {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const near = fc.uint8Array({ maxLength: 64 }).map((tail) => Uint8Array.from([0xef, 0xbb, 0xbf, 0xed, 0xa0, 0x80, 0xf4, 0x90, ...tail]));
  const utf8ish = fc.array(fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xff })), { maxLength: 64 }).map((b) => Uint8Array.from(b));
  const valid = fc.string({ unit: "binary" }).map((s) => new TextEncoder().encode(s));
  fc.assert(
    fc.property(fc.oneof(utf8ish, valid, near, fc.uint8Array({ maxLength: 64 })), (bytes) => {
      let expected: string | null = null;
      try {
        expected = decoder.decode(bytes);
      } catch {
        // invalid
      }
      const ours = decodeUtf8(bytes);
      assert.is(ours.ok ? ours.text : null, expected);
    }),
    { numRuns: 2000, seed: 7 },
  );
});

test("decodeUtf8Lines gives the lines of decodeUtf8's text, whatever the chunk size", () => {
  const pieces = fc.constantFrom("\n", "\r", "\r\n", "a", "é", "€", "😀", "\ufeff", "[libvirt]", " = ", "#");
  const texts = fc.array(pieces, { maxLength: 60 }).map((p) => new TextEncoder().encode(p.join("")));
  fc.assert(
    fc.property(fc.oneof(texts, fc.uint8Array({ maxLength: 80 })), fc.integer({ min: 1, max: 9 }), (bytes, chunk) => {
      const whole = decodeUtf8(bytes);
      const lines = decodeUtf8Lines(bytes, chunk);
      assert.equal(lines.ok ? lines.lines : lines.offset, whole.ok ? splitUniversalLines(whole.text) : whole.offset);
    }),
    { numRuns: 3000, seed: 11 },
  );
});

test("the property test fails when a parser throws", () => {
  assert.throws(() =>
    fc.assert(
      fc.property(text, (input) =>
        checkParser(
          "throws on '['",
          (t) => {
            if (t.includes("[")) throw new Error("boom");
          },
          input,
        ),
      ),
      { numRuns: 500, seed: 1 },
    ),
  );
});

test.run();
