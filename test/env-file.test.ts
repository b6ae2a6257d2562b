import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseEnvFile, splitWords } from "../src/loader/formats/env-file.js";

const F = "etc/sysconfig/libvirtd";

test("quoted and unquoted values, comments, positions", () => {
  const parsed = parseEnvFile('# c\n#LIBVIRTD_ARGS="--timeout 120"\nLIBVIRTD_ARGS="--listen"\nKRB5_KTNAME=/etc/libvirt/krb5.tab  \n', F);
  assert.equal(
    parsed.assignments.map((a) => [a.key, a.value, a.location.line, a.location.column]),
    [
      ["LIBVIRTD_ARGS", "--listen", 3, 1],
      ["KRB5_KTNAME", "/etc/libvirt/krb5.tab", 4, 1],
    ],
  );
});

test("escapes, single quotes and line continuation", () => {
  const parsed = parseEnvFile('A=\'x \\ y\'\nB="a \\"b\\" \\$c"\nC=one \\\ntwo\n', F);
  assert.equal(
    parsed.assignments.map((a) => a.value),
    ["x \\ y", 'a "b" $c', "one two"],
  );
});

test("invalid keys are ignored", () => {
  assert.equal(
    parseEnvFile("1X=a\nexport Y=b\nZ=c", F).assignments.map((a) => a.key),
    ["Z"],
  );
});

test("$VAR in ExecStart splits at whitespace", () => {
  assert.equal(splitWords("  --listen   --timeout 120 "), ["--listen", "--timeout", "120"]);
});

test.run();
