/**
 * The same policies give the same findings through policy.wasm (opa-wasm) and
 * through `opa eval` (topdown), on every example's and fixture's documents.
 */
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Policy } from "../src/eval/policy.js";
import type { HostDocument } from "../src/model/host.js";
import { scan } from "../src/index.js";
import { EXAMPLES, opa } from "./helpers.js";

const policy = Policy.load();

function topdown(query: string, input: unknown): Record<string, unknown[] | object> {
  const out = JSON.parse(opa(["eval", "--format", "json", "--ignore", "*_test.rego", "-d", "policies", "--stdin-input", query], JSON.stringify(input))) as {
    result?: { expressions: { value: Record<string, unknown[] | object> }[] }[];
  };
  const value = out.result?.[0]?.expressions[0]?.value;
  if (value === undefined) throw new Error(`${query} is undefined under opa eval`);
  return value;
}

const stable = (v: unknown): string => JSON.stringify(v, Object.keys(flatKeys(v)).sort());
const canonical = (values: unknown[]): string[] => values.map(stable).sort();

/** A report with its sets (arrays whose order Rego does not fix) sorted, everything else as is. */
function canonicalReport(report: object): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(report).map(([key, value]) => [key, Array.isArray(value) ? canonical(value) : stable(value)]));
}

function flatKeys(value: unknown, keys: Record<string, true> = {}): Record<string, true> {
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      keys[k] = true;
      flatKeys(v, keys);
    }
  }
  return keys;
}

const documents: { name: string; document: HostDocument }[] = [];
for (const example of ["guide-2019-fleet", "guide-current-fleet", "secure-fleet", "ossn-0007-fleet", "tunnelled-and-native-tls"]) {
  scan(join(EXAMPLES, example), { policy, onHostDocument: (document) => documents.push({ name: `${example}/${document.host.root}`, document }) });
}
const fixtures = JSON.parse(opa(["eval", "--format", "json", "-d", "policies", "data.migpolicy.lib.fixtures_test.documents"])) as {
  result: { expressions: { value: HostDocument[] }[] }[];
};
for (const [index, document] of fixtures.result[0]!.expressions[0]!.value.entries()) documents.push({ name: `fixture ${index}`, document });

for (const { name, document } of documents) {
  test(`host findings agree: ${name}`, () => {
    assert.equal(canonicalReport(policy.evaluateHost(document)), canonicalReport(topdown("data.migpolicy.main.host", document)));
  });
}

test("fleet findings agree", () => {
  const fleet = { schema_version: 1 as const, hosts: documents.map((d) => policy.evaluateHost(d.document).fleet_entry) };
  assert.equal(canonicalReport(policy.evaluateFleet(fleet)), canonicalReport(topdown("data.migpolicy.main.fleet", fleet)));
});

test("fleet findings agree from JSON bytes in a view of a larger buffer (a small Buffer lies in Node's shared pool)", () => {
  const entry = policy.evaluateHost((documents[0] as (typeof documents)[number]).document).fleet_entry;
  // Two hosts holding one host's files: they share its keys (FLEET-003), whatever else they find.
  const fleet = { schema_version: 1 as const, hosts: [entry, { ...entry, name: `other-${entry.name}`, root: `other-${entry.root}` }] };
  const json = Buffer.from(JSON.stringify(fleet));
  const inLarger = Buffer.alloc(json.length + 64, "x").subarray(32, 32 + json.length);
  json.copy(inLarger);
  const expected = canonicalReport(topdown("data.migpolicy.main.fleet", fleet));
  assert.ok((expected.findings?.length ?? 0) > 0, "the fleet has findings");
  assert.equal(canonicalReport(policy.evaluateFleetJson(inLarger)), expected);
});

test("fleet findings agree from the document's JSON as pieces, written into policy.wasm's memory as UTF-8", () => {
  const entry = policy.evaluateHost((documents[0] as (typeof documents)[number]).document).fleet_entry;
  // A name beyond ASCII: the pieces' UTF-8 length is not their string length.
  const fleet = { schema_version: 1 as const, hosts: [entry, { ...entry, name: `ré-${entry.name}`, root: `other-${entry.root}` }] };
  const pieces = ['{"schema_version":1,"hosts":[', JSON.stringify(fleet.hosts[0]), ",", JSON.stringify(fleet.hosts[1]), "]}"];
  const expected = canonicalReport(topdown("data.migpolicy.main.fleet", fleet));
  assert.ok((expected.findings?.length ?? 0) > 0, "the fleet has findings");
  assert.equal(canonicalReport(policy.evaluateFleetJson(pieces)), expected);
});

test("the fleet checks, one entrypoint at a time over one parse, leave the instance as they found it", () => {
  const first = (documents[0] as (typeof documents)[number]).document;
  const before = canonicalReport(policy.evaluateHost(first));
  const fleet = { schema_version: 1 as const, hosts: documents.map((d) => policy.evaluateHost(d.document).fleet_entry) };
  const once = canonicalReport(policy.evaluateFleet(fleet));
  assert.equal(canonicalReport(policy.evaluateFleet(fleet)), once);
  assert.equal(canonicalReport(policy.evaluateHost(first)), before);
});

test("the documents exercise findings, so agreement is not vacuous", () => {
  assert.ok(documents.some(({ document }) => policy.evaluateHost(document).findings.length > 0));
});

test.run();
