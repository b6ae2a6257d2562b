/** SARIF output validates against the official OASIS schema and places every result. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createRequire } from "node:module";
import type { Ajv } from "ajv";
import { loadCatalogue } from "../src/index.js";
import { formatter } from "../src/report/index.js";
import { scan, type ScanResult } from "../src/index.js";
import { TOOL } from "../src/index.js";
import { EXAMPLES, ROOT } from "./helpers.js";

const schema = JSON.parse(readFileSync(join(ROOT, "test/schemas/sarif-schema-2.1.0.json"), "utf8")) as object;
// Both packages are CommonJS; their `default` export is the class and the plugin.
const require = createRequire(import.meta.url);
const AjvDraft04 = (require("ajv-draft-04") as { default: new (options: object) => Ajv }).default;
const addFormats = (require("ajv-formats") as { default: (ajv: Ajv) => Ajv }).default;
const ajv = new AjvDraft04({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
const catalogue = loadCatalogue();

interface SarifLog {
  runs: {
    tool: { driver: { name: string; rules: { id: string; properties: Record<string, unknown> }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } } }[];
      partialFingerprints: Record<string, string>;
    }[];
    invocations: { toolExecutionNotifications: unknown[] }[];
  }[];
}

function sarif(result: ScanResult): SarifLog {
  const text = formatter("sarif")({ result, catalogue, tool: TOOL });
  const log = JSON.parse(text) as SarifLog;
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  return log;
}

for (const example of ["guide-2019-fleet", "guide-current-fleet", "secure-fleet", "guide-2019-fleet/compute-1"]) {
  test(`SARIF of ${example} validates and places every result`, () => {
    const log = sarif(scan(join(EXAMPLES, example)));
    const run = log.runs[0]!;
    assert.is(run.tool.driver.rules.length, catalogue.rules.length);
    for (const result of run.results) {
      assert.is(run.tool.driver.rules[result.ruleIndex]!.id, result.ruleId);
      const location = result.locations[0]!.physicalLocation;
      assert.ok(location.region.startLine >= 1);
      assert.not.match(location.artifactLocation.uri, /^\/|^file:/);
      assert.is(location.artifactLocation.uriBaseId, "%SRCROOT%");
      assert.match(result.partialFingerprints["migpolicyFinding/v1"]!, /^[0-9a-f]{32}$/);
    }
  });
}

test("the OSSN-0089 results point at nova.conf line 5492 with the rule's message", () => {
  const run = sarif(scan(join(EXAMPLES, "guide-2019-fleet"))).runs[0]!;
  const nova = run.results.filter((r) => r.ruleId === "NOVA-002");
  assert.equal(
    nova.map((r) => [r.ruleId, r.level, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region.startLine]),
    [
      ["NOVA-002", "error", "compute-1/etc/nova/nova.conf", 5492],
      ["NOVA-002", "error", "compute-2/etc/nova/nova.conf", 5492],
    ],
  );
  assert.match(nova[0]!.message.text, /neither live_migration_scheme nor live_migration_uri is set/);
});

test("rules carry GitHub's security-severity and CWE tags", () => {
  const rule = sarif(scan(join(EXAMPLES, "guide-current-fleet"))).runs[0]!.tool.driver.rules.find((r) => r.id === "NOVA-002")!;
  assert.is(rule.properties["security-severity"], "8.1");
  assert.equal(rule.properties.tags, ["security", "external/cwe/cwe-319"]);
});

test("a rule's old ids and its retirement reach SARIF as deprecatedIds and properties.deprecated", () => {
  const renamed = { ...catalogue.rules[0]!, aliases: ["OLD-001"], deprecated: "superseded by NOVA-002" };
  const text = formatter("sarif")({ result: { hosts: [], findings: [], diagnostics: [] }, catalogue: { rules: [renamed] }, tool: TOOL });
  const log = JSON.parse(text) as { runs: { tool: { driver: { rules: { deprecatedIds?: string[]; properties: Record<string, unknown> }[] } } }[] };
  assert.ok(validate(log), JSON.stringify(validate.errors));
  const [rule] = log.runs[0]!.tool.driver.rules;
  assert.equal(rule?.deprecatedIds, ["OLD-001"]);
  assert.is(rule?.properties.deprecated, "superseded by NOVA-002");
  const plain = JSON.parse(formatter("sarif")({ result: { hosts: [], findings: [], diagnostics: [] }, catalogue, tool: TOOL })) as typeof log;
  assert.ok(plain.runs[0]!.tool.driver.rules.every((r) => r.deprecatedIds === undefined && !("deprecated" in r.properties)));
});

test("fingerprints are stable across runs and differ between hosts", () => {
  const a = sarif(scan(join(EXAMPLES, "guide-2019-fleet"))).runs[0]!.results.map((r) => r.partialFingerprints["migpolicyFinding/v1"]);
  const b = sarif(scan(join(EXAMPLES, "guide-2019-fleet"))).runs[0]!.results.map((r) => r.partialFingerprints["migpolicyFinding/v1"]);
  assert.equal(a, b);
  assert.is(new Set(a).size, a.length);
});

test("load diagnostics travel as tool execution notifications", () => {
  const result: ScanResult = {
    hosts: [],
    findings: [],
    diagnostics: [
      {
        code: "virconf-parse-error",
        args: { reason: "expecting a value", daemon: "libvirtd" },
        location: { file: "libvirt/libvirtd.conf", line: 3, column: 12 },
      },
    ],
  };
  const run = sarif(result).runs[0]!;
  assert.is(run.invocations[0]!.toolExecutionNotifications.length, 1);
});

test("applying the SARIF fixes to a copy of the 2019 guide's fleet removes what they fix", () => {
  const copy = mkdtempSync(join(tmpdir(), "migpolicy-fix-"));
  cpSync(join(EXAMPLES, "guide-2019-fleet"), copy, { recursive: true });
  const log = sarif(scan(copy)) as unknown as {
    runs: {
      results: {
        ruleId: string;
        fixes?: {
          artifactChanges: {
            artifactLocation: { uri: string };
            replacements: { deletedRegion: { startLine: number; startColumn: number; endColumn: number }; insertedContent: { text: string } }[];
          }[];
        }[];
      }[];
    }[];
  };
  const fixed = log.runs[0]!.results.filter((r) => r.fixes);
  assert.equal(
    fixed.map((r) => r.ruleId),
    ["NOVA-002", "NOVA-002"],
  );
  for (const result of fixed) {
    for (const change of result.fixes![0]!.artifactChanges) {
      const path = join(copy, decodeURIComponent(change.artifactLocation.uri));
      const lines = readFileSync(path, "utf8").split("\n");
      for (const { deletedRegion: r, insertedContent } of change.replacements) {
        const line = lines[r.startLine - 1]!;
        lines[r.startLine - 1] = line.slice(0, r.startColumn - 1) + insertedContent.text + line.slice(r.endColumn - 1);
      }
      writeFileSync(path, lines.join("\n"));
    }
  }
  const after = scan(copy);
  assert.equal(
    after.findings.filter((f) => f.rule === "NOVA-002"),
    [],
  );
  assert.is(after.hosts[0]!.verdict.control.status, "protected");
});

test("the validator rejects a result without a message", () => {
  const log = JSON.parse(formatter("sarif")({ result: scan(join(EXAMPLES, "guide-2019-fleet")), catalogue, tool: TOOL })) as SarifLog;
  delete (log.runs[0]!.results[0] as { message?: unknown }).message;
  assert.not.ok(validate(log));
});

test("what a tree cannot show reaches GitHub as notifications, and each result carries its host's verdict", () => {
  const log = JSON.parse(formatter("sarif")({ result: scan(join(EXAMPLES, "centos7-sosreport")), catalogue: loadCatalogue(), tool: TOOL })) as {
    runs: {
      invocations: { toolExecutionNotifications: { level: string; descriptor: { id: string }; message: { text: string } }[] }[];
      results: { properties: { verdict?: string } }[];
    }[];
  };
  const [run] = log.runs;
  const skipped = run!.invocations[0]!.toolExecutionNotifications.filter((n) => n.descriptor.id === "not-evaluated");
  assert.ok(
    skipped.some((n) => n.level === "note" && /PKI-001.* not evaluated: sosreport does not collect \/etc\/pki/.test(n.message.text)),
    JSON.stringify(skipped),
  );
  assert.ok(run!.results.length > 0 && run!.results.every((r) => r.properties.verdict === "not encrypted"));
});

test.run();
