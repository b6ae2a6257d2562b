import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseVirConf, parseVirConfShared } from "../src/loader/formats/virconf.js";
import { EXAMPLES } from "./helpers.js";

const F = "etc/libvirt/libvirtd.conf";

test("strings, integers, lists and positions", () => {
  const parsed = parseVirConf('listen_tls = 0\nauth_tcp = "sasl"  # c\ntls_allowed_dn_list = [ "C=GB,O=x",\n  \'CN=*\', ]\nn = -5; m = +7\n', F);
  assert.equal(parsed.error, undefined);
  assert.equal(
    parsed.entries.map((e) => [e.name, e.value]),
    [
      ["listen_tls", { type: "unsigned", value: 0 }],
      ["auth_tcp", { type: "string", value: "sasl" }],
      [
        "tls_allowed_dn_list",
        {
          type: "list",
          value: [
            { type: "string", value: "C=GB,O=x" },
            { type: "string", value: "CN=*" },
          ],
        },
      ],
      ["n", { type: "signed", value: -5 }],
      ["m", { type: "unsigned", value: 7 }],
    ],
  );
  assert.equal(parsed.entries[1]?.location, { file: F, line: 2, column: 1, end_line: 2, end_column: 9 });
  assert.equal(parsed.entries[1]?.value_location, { file: F, line: 2, column: 12, end_line: 2, end_column: 18 });
  assert.is(parsed.entries[4]?.location.line, 5);
  assert.is(parsed.entries[4]?.location.column, 9);
});

test("triple-quoted strings span lines", () => {
  const parsed = parseVirConf('a = """x\ny"""\nb = 1\n', F);
  assert.equal(
    parsed.entries.map((e) => e.value.value),
    ["x\ny", 1],
  );
});

test("an unquoted word is an error at its position", () => {
  const parsed = parseVirConf("listen_tcp = 1\nauth_tcp = none\n", F);
  assert.equal(parsed.error, { message: "expecting a value", location: { file: F, line: 2, column: 12 } });
  assert.is(parsed.entries.length, 1);
});

test("a comment inside a list is an error, worded by where it stands", () => {
  assert.is(parseVirConf('x = [ "a" # note\n, "b" ]\n', F).error?.message, "expecting a separator in list");
  assert.is(parseVirConf('x = [ "a", # note\n "b" ]\n', F).error?.message, "expecting a value");
});

test("syntax errors libvirt reports", () => {
  assert.is(parseVirConf('x = "abc\n', F).error?.message, "unterminated string");
  assert.is(parseVirConf("x = [ 1, 2\n", F).error?.message, "list is not closed with ]");
  assert.is(parseVirConf("x 1\n", F).error?.message, "expecting an assignment");
  assert.is(parseVirConf("_x = 1\n", F).error?.message, "expecting a name");
  assert.is(parseVirConf("x = 1 2\n", F).error?.message, "expecting a separator");
  assert.is(parseVirConf("x = -\n", F).error?.message, "unterminated number");
});

test("a file of blank lines only is an error, as in libvirt", () => {
  assert.is(parseVirConf("\n\n", F).error?.message, "expecting a name");
  assert.equal(parseVirConf("", F).entries, []);
});

test("duplicates are kept in file order", () => {
  const parsed = parseVirConf('auth_tcp = "none"\nauth_tcp = "sasl"\n', F);
  assert.equal(
    parsed.entries.map((e) => e.value.value),
    ["none", "sasl"],
  );
});

test("the shipped comment style parses", () => {
  const parsed = parseVirConf("# header\n#listen_tls = 0\n\n   # indented comment\nlisten_tcp = 1\n", F);
  assert.equal(
    parsed.entries.map((e) => [e.name, e.location.line]),
    [["listen_tcp", 5]],
  );
});

test("a text parsed before gives the same result, in the file it was read from; the shared values cannot be changed", () => {
  const texts = [
    readFileSync(join(EXAMPLES, "secure-fleet/compute-1/etc/libvirt/libvirtd.conf"), "utf8"),
    readFileSync(join(EXAMPLES, "secure-fleet/compute-1/etc/libvirt/qemu.conf"), "utf8"),
    'listen_tls = 0\n#auth_tls = "none"\ntls_allowed_dn_list = [ "a", [ "b" ] ]\n',
    "broken = [\n",
    "__proto__ = 1\n#constructor = 2\n",
  ];
  for (const text of texts) {
    parseVirConfShared(text, "compute-1/etc/libvirt/x.conf");
    const again = parseVirConfShared(text, "compute-2/etc/libvirt/x.conf");
    assert.equal(JSON.stringify(again), JSON.stringify(parseVirConf(text, "compute-2/etc/libvirt/x.conf")));
    assert.is(Object.getPrototypeOf(again.commented), null);
  }
  const list = parseVirConfShared(texts[2] as string, "a.conf").entries[1]?.value;
  if (list?.type !== "list") return assert.unreachable("tls_allowed_dn_list is a list");
  assert.throws(() => {
    list.value.push({ type: "string", value: "c" });
  }, TypeError);
});

test.run();
