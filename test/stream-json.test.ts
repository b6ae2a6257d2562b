/** The streamed reports are byte for byte what JSON.stringify(…, null, 2) makes of the whole. */
import fc from "fast-check";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadCatalogue } from "../src/index.js";
import { chunkedFormatter, formatter, pieces } from "../src/report/index.js";
import { STREAMED, stringifyStreaming } from "../src/report/stream-json.js";
import { scan } from "../src/index.js";
import { TOOL } from "../src/index.js";
import { ROOT } from "./helpers.js";

const json = fc.jsonValue({ maxDepth: 3 });

test("stringifyStreaming gives JSON.stringify's text, wherever the array sits", () => {
  const skeletons = fc.oneof(
    fc.record({ before: json, items: fc.constant(STREAMED), after: json }),
    fc.record({ outer: fc.record({ deep: fc.array(fc.record({ items: fc.constant(STREAMED) }), { minLength: 1, maxLength: 1 }) }), tail: json }),
  );
  fc.assert(
    fc.property(skeletons, fc.array(json, { maxLength: 5 }), (skeleton, items) => {
      const expected = JSON.stringify(JSON.parse(JSON.stringify(skeleton).replace(JSON.stringify(STREAMED), () => JSON.stringify(items))), null, 2);
      assert.is([...stringifyStreaming(skeleton, items, (item) => item)].join(""), expected);
    }),
    { numRuns: 500, seed: 3 },
  );
});

test("stringifyStreaming refuses a skeleton without the placeholder", () => {
  assert.throws(() => [...stringifyStreaming({ a: 1 }, [], (x) => x)]);
});

test("SARIF and JSON reports: the pieces make JSON.stringify's text of the parsed report", () => {
  const result = scan(join(ROOT, "examples/guide-2019-fleet"));
  const context = { result, catalogue: loadCatalogue(), tool: TOOL };
  for (const name of ["sarif", "json"] as const) {
    const chunks = [...chunkedFormatter(name)(context)];
    assert.ok(chunks.length > result.findings.length, `${name}: one piece per finding at least`);
    const text = chunks.join("");
    assert.is(text, formatter(name)(context));
    assert.is(text, `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  }
});

test("pieces joins small strings into large writes and keeps every byte", () => {
  const parts = Array.from({ length: 5000 }, (_, i) => `€${i},`);
  const out = [...pieces(parts)];
  assert.ok(out.length < 5);
  assert.is(Buffer.concat(out).toString("utf8"), parts.join(""));
});

test("pieces never cuts a string inside a surrogate pair (the 1 MiB write size)", () => {
  for (const before of [(1 << 20) - 2, (1 << 20) - 1, 1 << 20]) {
    const text = `${"a".repeat(before)}😀€${"b".repeat(10)}`;
    assert.is(Buffer.concat([...pieces(text)]).toString("utf8"), text);
  }
});

test.run();
