/** Property tests: no parser throws or hangs on random or mutated input (a short run; `npm run fuzz` runs long). */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseOsloBytes, parseOsloIni } from "../src/loader/formats/oslo-ini.js";
import { decodeUtf8, decodeUtf8Lines, splitUniversalLines } from "../src/loader/formats/text.js";
import { Policy } from "../src/index.js";
import { checkParser, mutated, PARSERS, seeds, text } from "./fuzz/parsers.js";
import { checkArchive, checkTree, damagedArchive, hostTree } from "./fuzz/trees.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EXAMPLES, ROOT } from "./helpers.js";

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

test("nova.conf read from its bytes (comment lines never made into strings) parses as its decoded text does, and so with only some samples kept", () => {
  const pieces = fc.constantFrom(
    "\n",
    "\r",
    "\r\n",
    "#",
    ";",
    "# ",
    "#\t",
    "#\v",
    "#\f",
    "#  ",
    "[",
    "]",
    "[libvirt]",
    "[DEFAULT]",
    "=",
    " = ",
    ":",
    " ",
    "\t",
    "\x1c",
    "\x1f",
    "\x0b",
    "key",
    "_k9",
    "9",
    "'",
    '"',
    "é",
    "\u00a0",
    "\u2003",
    "\x00",
    "live_migration_scheme",
  );
  const soup = fc.array(pieces, { maxLength: 80 }).map((p) => p.join(""));
  // Whole lines as sample files have them: headers, `#name = value` samples (with every kind of
  // space around the name), comments, assignments, continuations, blank lines.
  const space = fc.constantFrom("", " ", "\t", "\v", "\f", "  ", "\x1c", "\u00a0");
  const name = fc.constantFrom("key", "_k9", "9key", "live_migration_scheme", "", "a-b");
  const line = fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom("[libvirt]", "[DEFAULT]", "", " ", "\t", " continued", "[", "[]") },
    {
      weight: 6,
      arbitrary: fc.tuple(fc.constantFrom("#", ";", "# ", "##"), space, name, space, fc.constantFrom("=", ":", "", "= x"), space).map((p) => p.join("")),
    },
    { weight: 2, arbitrary: fc.tuple(name, space, fc.constantFrom("=", ":"), space, fc.constantFrom("v", "'q'", '"', "")).map((p) => p.join("")) },
  );
  // Mostly inside a section and with \n, where the bytes are read without the decoded lines.
  const lines = fc
    .tuple(fc.constantFrom("[libvirt]", "[DEFAULT]", ""), fc.array(line, { maxLength: 30 }), fc.constantFrom("\n", "\n", "\n", "\r\n", "\r"), fc.boolean())
    .map(([header, ls, eol, last]) => [header, ...ls].join(eol) + (last ? eol : ""));
  const texts = fc.oneof(soup, lines);
  // Samples kept for a few names only: the same parse, with the others' samples left out.
  const sampleNames = new Set(["key", "live_migration_scheme", "_k9", "live_migration_uri", "k"]);
  const same = (text: string) => {
    const bytes = new TextEncoder().encode(text);
    const fromText = parseOsloIni(text, "f.conf");
    assert.equal(parseOsloBytes(bytes, "f.conf"), fromText, JSON.stringify(text));
    const filtered = { ...fromText, commented: fromText.commented.filter((c) => sampleNames.has(c.key)) };
    assert.equal(parseOsloBytes(bytes, "f.conf", { sampleNames }), filtered, JSON.stringify(text));
    assert.equal(parseOsloIni(text, "f.conf", { sampleNames }), filtered, JSON.stringify(text));
  };
  fc.assert(fc.property(texts, same), { numRuns: 5000, seed: 7 });
  for (const seed of seedTexts) same(seed);
  // Debian's nova.conf, 12,000 lines, and the same with carriage returns and a non-ASCII line.
  const debian = readFileSync(join(EXAMPLES, "guide-2019-fleet/compute-1/etc/nova/nova.conf"), "utf8");
  for (const text of [debian, debian.replace(/\n/g, "\r\n"), `${debian}\n#é = 1\n`, debian.replace("[libvirt]", "oops")]) same(text);
  assert.is(parseOsloBytes(new Uint8Array([0x5b, 0xff, 0x5d]), "f.conf"), null);
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
