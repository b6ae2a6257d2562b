/**
 * policy.wasm is given a host document without the nova options no policy can see
 * (src/eval/host-input.ts): on every document the tests and examples make, among them the
 * smallest tree of each rule, that gives the report the whole document gives.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { hostInputFor, POLICY_STRINGS_FILE } from "../src/eval/host-input.js";
import { loadPolicySync } from "../src/eval/opa-wasm.js";
import { HOST_ENTRYPOINT, Policy } from "../src/eval/policy.js";
import type { HostDocument, NovaOption } from "../src/model/host.js";
import { scan } from "../src/index.js";
import { EXAMPLES, opa, ROOT } from "./helpers.js";
import { build, cases } from "./smallest-cases.js";

const policy = Policy.load();
const compiled = join(ROOT, "build", "policy");
const whole = loadPolicySync(readFileSync(join(compiled, "policy.wasm")), { initial: 5, maximum: 65536 });
whole.setData(JSON.parse(readFileSync(join(compiled, "data.json"), "utf8")));
const names = new Set(JSON.parse(readFileSync(join(compiled, POLICY_STRINGS_FILE), "utf8")) as string[]);

/** The report of the whole document, as policy.wasm makes it. */
const wholeReport = (document: HostDocument): unknown => (whole.evaluate(document, HOST_ENTRYPOINT) as { result: unknown }[])[0]?.result;

/** Sets (arrays whose order Rego does not fix) sorted. */
const canonical = (report: unknown): unknown =>
  Object.fromEntries(Object.entries(report as object).map(([key, value]) => [key, Array.isArray(value) ? value.map((v) => JSON.stringify(v)).sort() : value]));

const documents: { name: string; document: HostDocument }[] = [];
const collect = (name: string, root: string) =>
  scan(root, { policy, fileModes: "trust", onHostDocument: (document) => documents.push({ name: `${name}: ${document.host.root}`, document }) });
for (const c of cases) collect(`smallest tree for ${c.rules.join(", ")}`, build(c));
for (const example of ["guide-2019-fleet", "guide-current-fleet", "secure-fleet", "ossn-0007-fleet", "tunnelled-and-native-tls", "centos7-sosreport"]) {
  collect(example, join(EXAMPLES, example));
}
for (const fixture of ["layouts", "kolla"]) collect(fixture, join(ROOT, "test", "fixtures", fixture));
const fixtures = JSON.parse(opa(["eval", "--format", "json", "-d", "policies", "data.migpolicy.lib.fixtures_test.documents"])) as {
  result: { expressions: { value: HostDocument[] }[] }[];
};
for (const [index, document] of fixtures.result[0]!.expressions[0]!.value.entries()) documents.push({ name: `Rego fixture ${index}`, document });

test("the documents include ones the projection takes options from", () => {
  const projected = documents.filter(({ document }) => hostInputFor(document, names) !== document);
  assert.ok(projected.length >= 10, `${projected.length} of ${documents.length}`);
});

for (const { name, document } of documents) {
  test(`the projected document gives the whole one's report: ${name}`, () => {
    assert.equal(canonical(policy.evaluateHost(document)), canonical(wholeReport(document)));
  });
}

const withOption = (document: HostDocument, option: NovaOption): HostDocument => {
  const sections = { ...document.nova.sections };
  const section = sections.libvirt ?? { present: true, anchor: { file: "nova.conf", line: 1, column: 1 }, options: {} };
  sections.libvirt = { ...section, options: { ...section.options, no_policy_names_this: option } };
  return { ...document, nova: { ...document.nova, sections } };
};

test("an option no policy names is dropped; one carrying a fact checks look for over every option is kept", () => {
  const document = documents[0]!.document;
  const plain = hostInputFor(withOption(document, { value: "x", source: "file", location: { file: "nova.conf", line: 2, column: 1 } }), names);
  assert.is(plain.nova.sections.libvirt?.options.no_policy_names_this, undefined);
  for (const fact of [{ secret: true }, { invalid: "not a number" }, { near: { section: "libvirt", option: "live_migration_scheme" } }]) {
    const kept = hostInputFor(withOption(document, { value: null, source: "file", ...fact }), names);
    assert.ok(kept.nova.sections.libvirt?.options.no_policy_names_this, JSON.stringify(fact));
  }
});

test.run();
