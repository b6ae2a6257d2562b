/**
 * The fleet checks are linear in the fleet: 8x the hosts may cost about 8x the time, for
 * fleets of distinct hosts, of hosts sharing two names, and of hosts sharing one key and
 * certificate (every pair of them a match: the checks group by value, not by pair), of hosts
 * that all admit one DN list, and of a fleet split between two CAs (half the fleet rejects
 * each certificate).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  chunkedFormatter,
  discoverHosts,
  FORMAT_NAMES,
  type FleetDocument,
  type FleetHost,
  loadCatalogue,
  Policy,
  type ScanResult,
  scan,
  TOOL,
  Tree,
} from "../src/index.js";
import { FLEET_SCHEMA_VERSION } from "../src/model/fleet.js";
import { EXAMPLES, growth, ROOT, loadBuilt } from "./helpers.js";

const policy = Policy.load();
const tree = new Tree(join(EXAMPLES, "guide-current-fleet"));
const [base] = discoverHosts(tree, "fleet").map((source) => policy.evaluateHost(loadBuilt(tree, source).document).fleet_entry);

type Variant = (host: FleetHost, i: number) => FleetHost;
const VARIANTS: Record<string, Variant> = {
  "distinct hosts": (host, i) => ({
    ...host,
    name: `compute-${i}.example.org`,
    root: `compute-${i}`,
    client_dns: [`O=Example Cloud,CN=compute-${i}.example.org`],
    certificates: host.certificates.map((c) => ({
      ...c,
      serial: `${c.serial}${i}`,
      public_key_sha256: `${i}-${c.public_key_sha256}`,
      file: `compute-${i}/${c.file}`,
    })),
  }),
  "two names": (host, i) => ({ ...host, name: `compute-${i % 2}.example.org`, root: `compute-${i}` }),
  "one key and certificate": (host, i) => ({ ...host, name: `compute-${i}.example.org`, root: `compute-${i}` }),
  // Every host admits one list (as a deployment renders it): names, a glob, and a name no host holds.
  "one DN list": (host, i) => ({
    ...host,
    name: `compute-${i}.example.org`,
    root: `compute-${i}`,
    client_dns: [`O=Example Cloud,CN=compute-${i}.example.org`],
    allowed_dns: {
      daemon: "libvirtd",
      patterns: ["O=Example Cloud,CN=compute-0.example.org", "O=Example Cloud,CN=compute-1?.example.org", "O=Example Cloud,CN=gone.example.org"],
      location: host.allowed_dns?.location ?? host.name_location,
    },
  }),
  // Half the fleet on a CA regenerated under the same name: each half rejects the other's
  // certificates (FLEET-006 reports every certificate, each with the peers that reject it).
  "two halves on two CAs": (host, i) => {
    const key = (k: string) => (i % 2 === 0 ? k : `regenerated-${k}`);
    return {
      ...host,
      name: `compute-${i}.example.org`,
      root: `compute-${i}`,
      trust: {
        ...host.trust,
        presents: host.trust.presents.map((p) => ({
          ...p,
          file: `compute-${i}/${p.file}`,
          chain: p.chain.map((l) => ({ ...l, signed_by: l.signed_by.map(key) })),
        })),
        verifies: host.trust.verifies.map((v) => ({
          ...v,
          file: `compute-${i}/${v.file}`,
          cas: v.cas.map((c) => ({ ...c, public_key_sha256: key(c.public_key_sha256) })),
        })),
      },
    };
  },
};

for (const [name, variant] of Object.entries(VARIANTS)) {
  test(`fleet checks, ${name}: linear in the number of hosts`, () => {
    assert.ok(base);
    const fleet = (n: number): FleetDocument => ({ schema_version: FLEET_SCHEMA_VERSION, hosts: Array.from({ length: n }, (_, i) => variant(base!, i)) });
    const [small, large] = [fleet(60), fleet(480)];
    assert.ok(policy.evaluateFleet(large).findings.length < 480 * 8, "findings grow with the hosts, not with their pairs");
    const ratio = growth(
      () => policy.evaluateFleet(small),
      () => policy.evaluateFleet(large),
      24,
      0.5,
    );
    assert.ok(ratio < 24, `8x the hosts took ${ratio.toFixed(0)}x the time`);
  });
}

test("the fleet checks test membership of a rule's set by key, never with `in` (policy.wasm walks the set)", () => {
  const dir = join(ROOT, "policies/fleet");
  const walks: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".rego") && !n.endsWith("_test.rego"))) {
    readFileSync(join(dir, name), "utf8")
      .split("\n")
      .forEach((line, i) => {
        const code = line.replace(/#.*$/, "");
        // `x in _rule` outside an iteration (`some x in`, `every x in`): a membership test of a virtual set.
        if (/\bin _[a-z_]+/.test(code) && !/\b(some|every)\b[^;]*\bin _/.test(code)) walks.push(`policies/fleet/${name}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.equal(walks, []);
});

// The example fleet's two hosts, copied under other names and roots: findings, verdicts and
// notes as a scan makes them, for n hosts.
const example = scan(join(EXAMPLES, "guide-2019-fleet"), { now: 1_796_083_200 });
function copies(n: number): ScanResult {
  const result: ScanResult = { hosts: [], findings: [], diagnostics: example.diagnostics };
  for (let i = 0; i < n; i++) {
    const source = example.hosts[i % example.hosts.length];
    assert.ok(source);
    const root = `site-${i}`;
    const name = `compute-${i}.example.org`;
    result.hosts.push({ ...source, name, root });
    for (const finding of example.findings) {
      if (finding.root !== source.root) continue;
      const move = <T extends { file: string }>(l: T): T => ({ ...l, file: l.file.replace(source.root, root) });
      result.findings.push({ ...finding, host: name, root, location: move(finding.location), related: finding.related.map(move) });
    }
  }
  return result;
}

test("every output is linear in the number of hosts", () => {
  assert.ok(example.findings.length > 10);
  const catalogue = loadCatalogue();
  const [small, large] = [copies(200), copies(1600)];
  for (const name of FORMAT_NAMES) {
    const format = chunkedFormatter(name);
    const length = (result: ScanResult) => {
      let total = 0;
      for (const chunk of format({ result, catalogue, tool: TOOL })) total += chunk.length;
      return total;
    };
    assert.ok(length(large) > length(small) * 4, `${name}: the report grows with the hosts`);
    const ratio = growth(
      () => length(small),
      () => length(large),
      24,
      0.5,
    );
    assert.ok(ratio < 24, `${name}: 8x the hosts took ${ratio.toFixed(0)}x the time`);
  }
});

test.run();
