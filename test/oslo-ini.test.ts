import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseOsloIni } from "../src/loader/formats/oslo-ini.js";

const F = "etc/nova/nova.conf";

test("keys, sections and positions", () => {
  const parsed = parseOsloIni("[DEFAULT]\ndebug = true\n\n[libvirt]\nlive_migration_scheme = tls\n", F);
  assert.equal(parsed.error, undefined);
  assert.equal(
    parsed.headers.map((h) => [h.name, h.location.line]),
    [
      ["DEFAULT", 1],
      ["libvirt", 4],
    ],
  );
  assert.equal(parsed.assignments[1], {
    section: "libvirt",
    key: "live_migration_scheme",
    value: "tls",
    location: { file: F, line: 5, column: 1, end_line: 5, end_column: 22 },
    value_location: { file: F, line: 5, column: 25, end_line: 5, end_column: 28 },
  });
});

test("no inline comments: the comment is part of the value", () => {
  const parsed = parseOsloIni("[libvirt]\nlive_migration_scheme = tls # encrypted\n", F);
  assert.is(parsed.assignments[0]?.value, "tls # encrypted");
});

test("colon separator and the first of '=' or ':' wins", () => {
  const parsed = parseOsloIni("[libvirt]\nlive_migration_uri: qemu+tls://%s/system\nconnection_uri = qemu:///system\n", F);
  assert.equal(
    parsed.assignments.map((a) => [a.key, a.value]),
    [
      ["live_migration_uri", "qemu+tls://%s/system"],
      ["connection_uri", "qemu:///system"],
    ],
  );
});

test("one pair of matching quotes is removed", () => {
  const parsed = parseOsloIni(`[libvirt]\na = "tls"\nb = 'x'\nc = "mixed'\nd = ""x""\n`, F);
  assert.equal(
    parsed.assignments.map((a) => a.value),
    ["tls", "x", `"mixed'`, `"x"`],
  );
});

test("continuation lines join with newlines until a blank line", () => {
  const parsed = parseOsloIni("[DEFAULT]\nfoo = a\n  b\n\tc\n\nbar = d\n", F);
  assert.equal(
    parsed.assignments.map((a) => [a.key, a.value]),
    [
      ["foo", "a\nb\nc"],
      ["bar", "d"],
    ],
  );
  assert.is(parsed.assignments[0]?.value_location.end_line, 4);
});

test("an indented comment directly after a key becomes part of its value", () => {
  const parsed = parseOsloIni("[libvirt]\nlive_migration_scheme = tls\n  # was tcp\n", F);
  assert.is(parsed.assignments[0]?.value, "tls\n# was tcp");
});

test("an indented line with no open value is an error", () => {
  const parsed = parseOsloIni("[libvirt]\n\n  [DEFAULT]\nx = 1\n", F);
  assert.equal(parsed.error, { message: "Unexpected continuation line", location: { file: F, line: 3, column: 1 } });
  assert.equal(parsed.assignments, []);
});

test("assignment before any section is refused when the value is flushed", () => {
  const parsed = parseOsloIni("x = 1\n[DEFAULT]\n", F);
  assert.equal(parsed.error, { message: "Section must be started before assignment", location: { file: F, line: 2, column: 1 } });
});

test("section errors and empty keys", () => {
  assert.is(parseOsloIni("[libvirt\n", F).error?.message, "Invalid section (must end with ])");
  assert.is(parseOsloIni("[]\n", F).error?.message, "Empty section name");
  assert.is(parseOsloIni("[a]\n= x\n", F).error?.message, "Key cannot be empty");
  assert.is(parseOsloIni("[a]\njust words\n", F).error?.message, "No ':' or '=' found in assignment");
});

test("comments only in column 1, with # or ;", () => {
  const parsed = parseOsloIni("[a]\n# x = 1\n; y = 2\nz = 3\n", F);
  assert.equal(
    parsed.assignments.map((a) => a.key),
    ["z"],
  );
});

test("CRLF and lone CR end lines as in Python's universal newlines", () => {
  const parsed = parseOsloIni("[a]\r\nx = 1\ry = 2\r\n", F);
  assert.equal(
    parsed.assignments.map((a) => [a.key, a.value, a.location.line]),
    [
      ["x", "1", 2],
      ["y", "2", 3],
    ],
  );
});

test("a byte-order mark is not stripped, so line 1 fails as oslo.config fails", () => {
  assert.is(parseOsloIni("\ufeff[DEFAULT]\n", F).error?.message, "No ':' or '=' found in assignment");
});

test("repeated keys are all kept in order", () => {
  const parsed = parseOsloIni("[libvirt]\nlive_migration_scheme = tcp\nlive_migration_scheme = tls\n", F);
  assert.equal(
    parsed.assignments.map((a) => a.value),
    ["tcp", "tls"],
  );
});

test.run();
