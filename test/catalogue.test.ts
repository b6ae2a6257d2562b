/** The rule catalogue is complete and the policies are type-checked against the input schema. */
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Policy } from "../src/eval/policy.js";
import { loadCatalogue } from "../src/index.js";
import type { HostDocument } from "../src/model/host.js";
import { AREAS } from "../src/model/rule.js";
import { renderMessage } from "../src/report/message.js";
import { opa, ROOT, tree } from "./helpers.js";

const catalogue = loadCatalogue();

test("rule ids are unique and follow AREA-NNN", () => {
  const ids = catalogue.rules.map((r) => r.id);
  assert.equal([...new Set(ids)].length, ids.length);
  for (const id of ids) assert.match(id, /^[A-Z]+-\d{3}$/);
});

test("every rule has complete METADATA", () => {
  for (const rule of catalogue.rules) {
    assert.ok(rule.title.length > 10, `${rule.id} title`);
    assert.ok(rule.description.length > 100, `${rule.id} description`);
    assert.ok(["critical", "high", "medium", "low", "info"].includes(rule.severity), `${rule.id} severity`);
    assert.ok(rule.security_severity > 0 && rule.security_severity <= 10, `${rule.id} security_severity`);
    assert.ok(rule.cwe.length > 0, `${rule.id} cwe`);
    assert.ok(rule.remediation.length > 20, `${rule.id} remediation`);
    assert.ok(rule.references.length > 0, `${rule.id} references`);
    assert.ok(Object.keys(rule.messages).length > 0, `${rule.id} messages`);
  }
});

test("every finding the fixtures produce names a rule and one of its message templates, with all its arguments", () => {
  const policy = Policy.load();
  const out = JSON.parse(opa(["eval", "--format", "json", "-d", "policies", "data.migpolicy.lib.fixtures_test.documents"])) as {
    result: { expressions: { value: HostDocument[] }[] }[];
  };
  const rules = new Map(catalogue.rules.map((r) => [r.id, r]));
  let seen = 0;
  for (const document of out.result[0]!.expressions[0]!.value) {
    for (const finding of policy.evaluateHost(document).findings) {
      seen++;
      const template = rules.get(finding.rule)?.messages[finding.message];
      assert.ok(template, `${finding.rule}/${finding.message}`);
      for (const [, name] of template!.matchAll(/\{([a-z_]+)\}/g)) assert.ok(name! in finding.args, `${finding.rule}: {${name}}`);
      const text = renderMessage(rules.get(finding.rule), finding.message, finding.args);
      assert.not.match(text, /\b(null|undefined|NaN)\b|\[object /, `${finding.rule}: ${text}`);
    }
  }
  assert.ok(seen >= 4);
});

test("rule texts speak to operators: no internal words, and no example fix that another rule flags", () => {
  for (const rule of catalogue.rules) {
    const texts = [rule.title, rule.description, rule.remediation, ...Object.values(rule.messages)].join("\n");
    assert.not.match(texts, /\bseed\b|\bnull\b|\bundefined\b|\bTODO\b|\bfixture/i, rule.id);
    // FLEET-002 flags a wildcard common name in tls_allowed_dn_list, so no fix may suggest one.
    for (const [list] of rule.remediation.matchAll(/tls_allowed_dn_list\s*=\s*\[[^\]]*\]/g)) {
      assert.not.match(list, /CN=[^,"]*[*?]/, `${rule.id} suggests a wildcard: ${list}`);
    }
  }
});

test("each check builds its METADATA chain once an evaluation (_chain), not in a rule head for every finding", () => {
  // policy.wasm builds rego.metadata.chain() (titles, descriptions, messages) wherever it is
  // written: in each finding's head that cost ~17% of a host's evaluation.
  const inHeads: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".rego") && !entry.name.endsWith("_test.rego")) {
        readFileSync(path, "utf8")
          .split("\n")
          .forEach((line, i) => {
            const code = line.replace(/#.*$/, "");
            if (code.includes("rego.metadata.chain()") && code.trim() !== "_chain := rego.metadata.chain()")
              inHeads.push(`${path.slice(ROOT.length + 1)}:${i + 1}`);
          });
      }
    }
  };
  walk(join(ROOT, "policies"));
  assert.equal(inHeads, []);
});

test("opa check --strict rejects an input reference that schemas/host.json does not have", () => {
  const copy = tree({});
  cpSync(join(ROOT, "policies"), join(copy, "policies"), { recursive: true });
  const file = join(copy, "policies/lib/nova.rego");
  writeFileSync(file, readFileSync(file, "utf8").replace("input.nova.sections[section]", "input.nova.sectons[section]"));
  assert.throws(() => opa(["check", "--strict", "-s", join(ROOT, "schemas"), join(copy, "policies")]));
});

test("docs/rules is generated from the catalogue and up to date", async () => {
  const { ruleDocs } = (await import(join(ROOT, "tools/build.mjs"))) as { ruleDocs: (c: unknown) => Promise<Map<string, string>> };
  const expected = await ruleDocs(catalogue);
  assert.is(expected.size, catalogue.rules.length + 1);
  for (const [name, text] of expected) {
    assert.is(readFileSync(join(ROOT, "docs/rules", name), "utf8"), text, `docs/rules/${name} is stale: run npm run build`);
  }
  assert.equal(readdirSync(join(ROOT, "docs/rules")).sort(), [...expected.keys()].sort());
});

test("docs/diagnostics.md is generated from the diagnostic catalogue and up to date", async () => {
  const { diagnosticsDoc } = (await import(join(ROOT, "tools/build.mjs"))) as { diagnosticsDoc: () => Promise<string> };
  assert.is(readFileSync(join(ROOT, "docs/diagnostics.md"), "utf8"), await diagnosticsDoc(), "stale: run npm run build");
});

test("src/document/options/facts.ts is generated from policies/facts/data.json and up to date", async () => {
  const { factsModule } = (await import(join(ROOT, "tools/build.mjs"))) as { factsModule: () => string };
  assert.is(readFileSync(join(ROOT, "src/document/options/facts.ts"), "utf8"), factsModule(), "stale: run npm run build");
});

test("the fleet schema's location is the host schema's (opa check cannot follow a $ref across files)", () => {
  const definition = (name: string) =>
    (JSON.parse(readFileSync(join(ROOT, "schemas", name), "utf8")) as { definitions: { location: unknown } }).definitions.location;
  assert.equal(definition("fleet.json"), definition("host.json"));
});

test("src/model/host.ts, fleet.ts and metadata.ts are generated from their JSON Schemas and up to date", async () => {
  const { schemaTypesModule } = (await import(join(ROOT, "tools/build.mjs"))) as {
    schemaTypesModule: (entry: { schema: string; version?: string }) => Promise<string>;
  };
  for (const [schema, module, version] of [
    ["host.json", "host.ts", "HOST_SCHEMA_VERSION"],
    ["fleet.json", "fleet.ts", "FLEET_SCHEMA_VERSION"],
    ["metadata.json", "metadata.ts", undefined],
  ] as const) {
    const expected = await schemaTypesModule(version === undefined ? { schema } : { schema, version });
    assert.is(readFileSync(join(ROOT, "src/model", module), "utf8"), expected, `src/model/${module} is stale: run npm run build`);
  }
});

test("the build refuses METADATA the schema rejects, and an id or alias two rules claim", async () => {
  const { catalogueFrom } = (await import(join(ROOT, "tools/build.mjs"))) as { catalogueFrom: (inspect: unknown) => Promise<{ rules: { id: string }[] }> };
  const check = (file: string, custom: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    location: { file: `policies/nova/${file}.rego` },
    annotations: { title: "T", description: "D", custom: { severity: "low", remediation: "R", messages: { default: "m" }, ...custom }, ...extra },
  });
  const ok = await catalogueFrom({ annotations: [check("a", { id: "NOVA-900" }), check("b", { id: "NOVA-901", aliases: ["NOVA-800"] })] });
  assert.equal(
    ok.rules.map((r) => r.id),
    ["NOVA-900", "NOVA-901"],
  );
  const refused = async (annotations: unknown[], message: RegExp) => {
    try {
      await catalogueFrom({ annotations });
      assert.unreachable("accepted");
    } catch (error) {
      assert.match(String(error), message);
    }
  };
  await refused([check("a", { id: "NOVA-900", severity: "urgent" })], /policies\/nova\/a\.rego: METADATA that schemas\/metadata\.json rejects/);
  await refused([check("a", { id: "NOVA-900" }, { title: "" })], /schemas\/metadata\.json rejects/);
  await refused(
    [check("a", { id: "NOVA-900" }), check("b", { id: "NOVA-901", aliases: ["NOVA-900"] })],
    /rule id NOVA-900 is already policies\/nova\/a\.rego's/,
  );
});

test("every check has its test beside it, with a failing and a passing case", () => {
  for (const rule of catalogue.rules) {
    const tests = readFileSync(join(ROOT, rule.file.replace(/\.rego$/, "_test.rego")), "utf8");
    assert.match(tests, /^test_deny_\w+ if/m, `${rule.id}: no test_deny_`);
    assert.match(tests, /^test_allow_\w+ if/m, `${rule.id}: no test_allow_`);
  }
});

test("every area and input kind is one the catalogue knows", () => {
  for (const rule of catalogue.rules) {
    assert.ok(rule.area in AREAS, rule.id);
    assert.is(rule.input, rule.area === "fleet" ? "fleet" : "host", rule.id);
  }
});

test("the README's count of checks is the catalogue's, area by area", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8").replace(/\s+/g, " ");
  const rules = loadCatalogue().rules;
  assert.ok(readme.includes(`${rules.length} checks, each a Rego file`), `README names ${rules.length} checks`);
  for (const [prefix, words] of [
    ["NOVA-", "on nova.conf (NOVA)"],
    ["LV-", "on the libvirt daemons (LV)"],
    ["QEMU-", "on qemu.conf (QEMU)"],
    ["PKI-", "on certificates and keys (PKI)"],
    ["FW-", "on the host firewall (FW)"],
    ["VER-", "on installed versions (VER)"],
    ["DEP-", "on deployment repositories (DEP)"],
  ] as const) {
    const host = rules.filter((r) => r.id.startsWith(prefix) && r.id !== "NOVA-019").length;
    assert.ok(readme.includes(`${host} ${words}`), `${host} ${words}`);
  }
});

test.run();
