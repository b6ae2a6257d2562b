/**
 * Differential test: every nova configuration file in the corpus is read by our
 * parser and by oslo.config itself (Debian's python3-oslo.config), and they agree on
 * every section, key and value, on every parse error and its line, and on the
 * effective value of every option migpolicy reads when the files are read in order.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseOsloIni } from "../src/loader/formats/oslo-ini.js";
import { decodeUtf8 } from "../src/loader/formats/text.js";
import { buildNovaConfig } from "../src/document/nova-config.js";
import { NOVA_OPTIONS } from "../src/document/options/nova.js";
import { redactUrlCredentials } from "../src/document/secrets.js";
import { EXAMPLES, ROOT } from "./helpers.js";

const SYSTEM_PYTHON = "/usr/bin/python3";
const corpus = join(ROOT, "test/corpus/oslo");
const corpusFile = (name: string) => join(corpus, name);

const examples = ["guide-2019-fleet/compute-1", "guide-current-fleet/compute-2"].map((host) => join(EXAMPLES, host, "etc/nova/nova.conf"));
const cases: string[][] = [
  ...readdirSync(corpus)
    .sort()
    .map((name) => [corpusFile(name)]),
  ...examples.map((file) => [file]),
  [corpusFile("split-1.conf"), corpusFile("split-2.conf")],
  [corpusFile("split-2.conf"), corpusFile("split-1.conf")],
  [examples[0]!, corpusFile("split-2.conf"), corpusFile("case-and-repeats.conf")],
  [corpusFile("inline-comments.conf"), corpusFile("continuation-and-interpolation.conf")],
  // Older names (DeprecatedOpt): the last file holding any name decides, the current name first in it.
  [corpusFile("deprecated-names-1.conf"), corpusFile("deprecated-names-2.conf")],
  [corpusFile("deprecated-names-2.conf"), corpusFile("deprecated-names-1.conf")],
];

interface RealFile {
  sections?: Record<string, Record<string, string[]>>;
  error?: { message: string; line: number };
}
interface RealAnswer {
  files: Record<string, RealFile>;
  effective: { values?: Record<string, { value?: unknown; invalid?: boolean }>; error?: string };
}

const answers = JSON.parse(
  execFileSync(SYSTEM_PYTHON, [join(ROOT, "test/differential/oslo_reader.py")], {
    input: JSON.stringify({ registry: NOVA_OPTIONS, cases }),
    maxBuffer: 64 << 20,
  }).toString(),
) as RealAnswer[];

const parse = (path: string) => {
  const decoded = decodeUtf8(readFileSync(path));
  if (!decoded.ok) throw new Error(`${path} is not UTF-8`);
  return parseOsloIni(decoded.text, path);
};

function ourSections(path: string): RealFile {
  const parsed = parse(path);
  if (parsed.error) return { error: { message: parsed.error.message, line: parsed.error.location.line } };
  const sections: Record<string, Record<string, string[]>> = {};
  for (const header of parsed.headers) sections[header.name] ??= {};
  for (const a of parsed.assignments) {
    sections[a.section] ??= {};
    const section = sections[a.section] as Record<string, string[]>;
    section[a.key] ??= [];
    section[a.key]?.push(a.value);
  }
  return { sections };
}

cases.forEach((files, index) => {
  const name = files.map((f) => relative(ROOT, f)).join(" + ");
  const answer = answers[index]!;

  test(`each file parses as oslo.config parses it: ${name}`, () => {
    for (const file of files) assert.equal(ourSections(file), answer.files[file], file);
  });

  test(`effective values agree with oslo.config: ${name}`, () => {
    const { config } = buildNovaConfig(files.map(parse), files[0]!);
    if (answer.effective.error) {
      assert.ok(config.error, "oslo.config refused these files; so must we");
      return;
    }
    assert.is(config.error, undefined);
    for (const [key, real] of Object.entries(answer.effective.values!)) {
      const [group, option] = key.split(".") as [string, string];
      const ours = config.sections[group]?.options[option];
      if (real.invalid) assert.ok(ours?.invalid, `${key} should be invalid`);
      else {
        // URL credentials never leave the loader: oslo's value, redacted as the loader redacts it.
        const expected = ours?.secret && typeof real.value === "string" ? redactUrlCredentials(real.value).text : real.value;
        // Where an older name wins, the loader gives its value beside the option's (the policies decide by release).
        const value = ours?.deprecated ? ours.deprecated.value : ours?.value;
        assert.equal({ value, invalid: ours?.invalid }, { value: expected, invalid: undefined }, key);
      }
    }
  });
});

test("the corpus exercises errors, invalid values, older names and every option", () => {
  assert.ok(answers.some((a) => Object.values(a.files).some((f) => f.error)));
  assert.ok(
    cases.some((files) =>
      Object.values(buildNovaConfig(files.map(parse), files[0]!).config.sections).some((s) =>
        Object.values(s?.options ?? {}).some((o) => o?.deprecated !== undefined),
      ),
    ),
    "an older name wins somewhere",
  );
  assert.ok(answers.some((a) => Object.values(a.effective.values ?? {}).some((v) => v.invalid)));
});

test.run();
