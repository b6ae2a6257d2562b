/** joinRelative is path.posix.join for every mix of parts (the dot-free "." for nothing). */
import { posix } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { joinRelative } from "../src/loader/paths.js";

const PIECES = ["", ".", "..", "a", "b.c", ".d", "e.", "..f", "/", "//", "a/", "/a", "a/b", "./a", "a/.", "a/..", "../a", "a//b", "a/./b", "a/../b", "x/y/"];

test("joinRelative agrees with path.posix.join on every pair and triple of pieces", () => {
  const reference = (parts: string[]) => {
    const joined = posix.join(...parts.filter((p) => p !== "" && p !== "."));
    return joined === "" ? "." : joined;
  };
  let compared = 0;
  for (const a of PIECES)
    for (const b of PIECES) {
      assert.is(joinRelative(a, b), reference([a, b]), JSON.stringify([a, b]));
      for (const c of PIECES) assert.is(joinRelative(a, b, c), reference([a, b, c]), JSON.stringify([a, b, c]));
      compared++;
    }
  assert.is(compared, PIECES.length ** 2);
  assert.is(joinRelative(), ".");
});

test.run();
