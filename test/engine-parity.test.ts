/**
 * The same policies give the same findings through policy.wasm (opa-wasm) and
 * through `opa eval` (topdown), on every example's and fixture's documents.
 */
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { fleetEntryJsonOf, Policy } from "../src/eval/policy.js";
import type { HostDocument } from "../src/model/host.js";
import { loadCatalogue, scan } from "../src/index.js";
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

test("fleet findings agree from entries as JSON field by field, written into policy.wasm's memory as UTF-8", () => {
  const entry = policy.evaluateHost((documents[0] as (typeof documents)[number]).document).fleet_entry;
  // Two hosts holding one host's files share its keys (FLEET-003); a name beyond ASCII: the
  // pieces' UTF-8 length is not their string length.
  const fleet = { schema_version: 1 as const, hosts: [entry, { ...entry, name: `ré-${entry.name}`, root: `other-${entry.root}` }] };
  const expected = canonicalReport(topdown("data.migpolicy.main.fleet", fleet));
  assert.ok((expected.findings?.length ?? 0) > 0, "the fleet has findings");
  assert.equal(canonicalReport(policy.evaluateFleetEntries(fleet.hosts.map(fleetEntryJsonOf))), expected);
});

/**
 * Each fleet check is evaluated over the fields of the entries the build found it naming
 * (build/policy/fleet-checks.json): a fleet on which every fleet check reports, by policy.wasm
 * over those fields and by opa eval over whole entries, says whether a field a check reads was
 * left out.
 */
test("every fleet check reports the same over the fields it names as over whole entries", () => {
  const host = documents.find((d) => d.name.startsWith("guide-current-fleet/"));
  assert.ok(host, "a guide-current-fleet host");
  const base = policy.evaluateHost(host.document).fleet_entry;
  const hosts = Array.from({ length: 8 }, (_, i) => {
    const other = i % 2 === 1;
    // Odd hosts: a CA regenerated under the same name (FLEET-006, and another CA file), a
    // name an even host has too, a DN list with a name no host holds, another transport.
    const key = (k: string) => (other ? `regenerated-${k}` : k);
    return {
      ...base,
      name: `compute-${other ? i - 1 : i}.example.org`,
      root: `compute-${i}`,
      ca_fingerprints: other ? base.ca_fingerprints.map(key) : base.ca_fingerprints,
      transport: other ? { ...base.transport, control: "tcp", native_tls: false } : base.transport,
      allowed_dns: {
        daemon: "libvirtd",
        patterns: ["O=Example Cloud,CN=compute-0.example.org", "O=Example Cloud,CN=gone.example.org", ...(other ? ["O=Example Cloud,CN=*"] : [])],
        location: base.allowed_dns?.location ?? base.name_location,
      },
      trust: {
        ...base.trust,
        presents: base.trust.presents.map((p) => ({
          ...p,
          file: `compute-${i}/${p.file}`,
          chain: p.chain.map((l) => ({ ...l, signed_by: l.signed_by.map(key) })),
        })),
        verifies: base.trust.verifies.map((v) => ({
          ...v,
          file: `compute-${i}/${v.file}`,
          cas: v.cas.map((c) => ({ ...c, public_key_sha256: key(c.public_key_sha256) })),
        })),
      },
    };
  });
  const fleet = { schema_version: 1 as const, hosts };
  const report = policy.evaluateFleet(fleet);
  const fleetRules = loadCatalogue()
    .rules.filter((rule) => rule.input === "fleet")
    .map((rule) => rule.id);
  assert.equal([...new Set(report.findings.map((f) => f.rule))].sort(), fleetRules.sort(), "every fleet check reports on this fleet");
  assert.ok(Object.keys(report.failures).length > 0, "FLEET-006 fails hosts' migrations");
  assert.equal(canonicalReport(report), canonicalReport(topdown("data.migpolicy.main.fleet", fleet)));
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
