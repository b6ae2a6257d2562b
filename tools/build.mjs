// The build: TypeScript to build/src, the policies to build/policy/policy.wasm with the
// real OPA, and the rule catalogue extracted from the policies' METADATA.
import { execFileSync, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { root, tool } from "./go-tools.mjs";
import { pathToFileURL } from "node:url";

const out = join(root, "build", "policy");

function writeAtomic(path, data) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

// The build runs after the TypeScript is compiled: the tar reader and the METADATA → rule
// mapping are the package's own (src/loader/formats/tar.ts, src/eval/metadata.ts).
const compiled = (path) => import(join(root, "build", "src", path));

/** The one file `name` from a .tar.gz (OPA writes "/policy.wasm" with a leading slash). */
async function extractFromTarGz(archive, name) {
  const { parseTar } = await compiled("loader/formats/tar.js");
  const entry = parseTar(gunzipSync(archive)).entries.find((e) => e.type === "file" && e.name.replace(/^\//, "") === name);
  if (entry === undefined) throw new Error(`${name} not found in the OPA bundle`);
  return entry.data;
}

/** The rule catalogue from `opa inspect -a`: every check's METADATA, validated and mapped. */
export async function catalogueFrom(inspect) {
  const { isCheck, ruleFromMetadata } = await compiled("eval/metadata.js");
  const { AREAS } = await compiled("model/rule.js");
  const rules = [];
  const problems = [];
  for (const { annotations, location } of inspect.annotations ?? []) {
    if (!isCheck(annotations)) continue;
    const file = location.file.replace(/\\/g, "/").replace(/^.*?policies\//, "policies/");
    const area = file.slice("policies/".length).split("/")[0];
    if (!(area in AREAS)) problems.push(`${file}: a check outside the areas of src/model/rule.ts (${Object.keys(AREAS).join(", ")})`);
    const input = (annotations.schemas ?? []).some((s) => s.schema?.some?.((term) => term.value === "fleet")) ? "fleet" : "host";
    const mapped = ruleFromMetadata(annotations, { file, area, input });
    if (mapped.ok) rules.push(mapped.rule);
    else problems.push(`${file}: METADATA that schemas/metadata.json rejects: ${mapped.problems.join("; ")}`);
  }
  // Ids and the old ids (aliases) a rule keeps: each names one rule, for good.
  const ids = new Map();
  for (const rule of rules) {
    for (const id of [rule.id, ...(rule.aliases ?? [])]) {
      if (ids.has(id)) problems.push(`${rule.file}: rule id ${id} is already ${ids.get(id)}'s`);
      ids.set(id, rule.file);
    }
  }
  if (problems.length > 0) throw new Error(`the policies' METADATA is wrong:\n  ${problems.join("\n  ")}`);
  rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { rules };
}

/**
 * Builtins the Wasm module cannot run itself are called back into the JavaScript SDK;
 * one the SDK lacks would fail only at evaluation ("not implemented"). Fail the build.
 */
export function checkWasmBuiltins(wasmBytes) {
  const require = createRequire(import.meta.url);
  const { loadPolicySync } = require(join(root, "node_modules/@open-policy-agent/opa-wasm/src/index.cjs"));
  const provided = require(join(root, "node_modules/@open-policy-agent/opa-wasm/src/builtins/index.js"));
  const policy = loadPolicySync(wasmBytes);
  const exports = policy.wasmInstance.exports;
  const address = exports.opa_json_dump(exports.builtins());
  const bytes = new Uint8Array(policy.mem.buffer, address);
  const needed = Object.keys(JSON.parse(new TextDecoder().decode(bytes.subarray(0, bytes.indexOf(0)))));
  const missing = needed.filter((name) => !(name in provided));
  if (missing.length > 0) {
    throw new Error(`policy.wasm needs builtins that neither the Wasm runtime nor opa-wasm provides: ${missing.join(", ")}`);
  }
  return needed;
}

/**
 * Each fleet check's report rules (those of `reportRules` OPA's own parser finds in the check's
 * file) as one entrypoint, `migpolicy/fleet_reports/<area>/<check>/report`, an object of them
 * (reportModule), and the fields of a fleet entry the
 * check names (the strings of its file and of the packages it imports that are fields of
 * schemas/fleet.json's hosts): each check is evaluated over those fields of every host alone,
 * as the largest part of a fleet evaluation's memory is its input's parse (src/eval/policy.ts).
 */
function fleetChecks(modules, catalogue, reportRules) {
  const fields = Object.keys(JSON.parse(readFileSync(join(root, "schemas", "fleet.json"), "utf8")).properties.hosts.items.properties);
  const libraries = new Map();
  for (const [file, parsed] of modules) {
    if (!file.startsWith("policies/lib/")) continue;
    const pkg = ["data", ...parsed.package.path.slice(1).map((term) => term.value)].join(".");
    libraries.set(pkg, [...(libraries.get(pkg) ?? []), parsed]);
  }
  const checks = [];
  for (const rule of catalogue.rules.filter((r) => r.input === "fleet")) {
    const parsed = modules.get(rule.file);
    if (parsed === undefined) throw new Error(`${rule.file}: a fleet check OPA's parse of the policies does not hold`);
    const pkg = parsed.package.path.slice(1).map((term) => term.value);
    if (pkg.length !== 4 || pkg[0] !== "migpolicy" || pkg[1] !== "fleet_checks")
      throw new Error(`${rule.file}: a fleet check outside migpolicy.fleet_checks.<area>.<check>`);
    const heads = new Set(parsed.rules.map((r) => r.head.ref[0].value));
    const found = reportRules.filter((name) => heads.has(name));
    if (!found.includes("deny")) throw new Error(`${rule.file}: a fleet check without a deny rule`);
    const named = strings(parsed.rules, new Set());
    for (const { path } of parsed.imports ?? []) {
      const imported = path.value.map((term) => term.value).join(".");
      for (const library of libraries.get(imported) ?? []) strings(library.rules, named);
    }
    checks.push({
      report: ["migpolicy", "fleet_reports", pkg[2], pkg[3], "report"].join("/"),
      rules: found,
      fields: fields.filter((field) => named.has(field)),
    });
  }
  return checks;
}

/** Every string of an OPA parse (its terms of type string). */
function strings(node, found) {
  if (Array.isArray(node)) for (const item of node) strings(item, found);
  else if (node !== null && typeof node === "object") {
    if (node.type === "string" && typeof node.value === "string") found.add(node.value);
    for (const value of Object.values(node)) strings(value, found);
  }
  return found;
}

/** Every .rego file under `dir` but the tests, by path from the root. */
function policyFiles(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return policyFiles(path);
    return entry.name.endsWith(".rego") && !entry.name.endsWith("_test.rego") ? [path] : [];
  });
}

/** OPA's own parse of every policy file but the tests, by path from the root: one `opa eval` of rego.parse_module over them all. */
function parsePolicies(opa) {
  const files = Object.fromEntries(policyFiles("policies").map((path) => [path, readFileSync(join(root, path), "utf8")]));
  const query = "{name: rego.parse_module(name, text) | some name, text in input}";
  const output = execFileSync(opa, ["eval", "--format", "json", "--stdin-input", query], { cwd: root, input: JSON.stringify(files), maxBuffer: 256 << 20 });
  return new Map(Object.entries(JSON.parse(output.toString()).result[0].expressions[0].value));
}

/**
 * The names the policies can look an option up by: every string of their parse and every key
 * and string of their data (policies/facts). The host document is given to policy.wasm without
 * the nova options none of these names (src/eval/host-input.ts).
 */
function policyStrings(modules) {
  const found = new Set();
  for (const parsed of modules.values()) strings(parsed, found);
  const collect = (value) => {
    if (typeof value === "string") found.add(value);
    else if (Array.isArray(value)) for (const item of value) collect(item);
    else if (value !== null && typeof value === "object")
      for (const [key, item] of Object.entries(value)) {
        found.add(key);
        collect(item);
      }
  };
  collect(JSON.parse(readFileSync(join(root, "policies", "facts", "data.json"), "utf8")));
  return [...found].sort();
}

/**
 * The module of a fleet check's report: its rules in one object, so that one evaluation
 * computes what they share once (peer_trust's deny and failures both rest on which peers
 * reject which certificates: 10,000 hosts took 2.2-2.4 s as two evaluations, 1.3-1.5 s as one).
 */
function reportModule(check) {
  const [, , area, name] = check.report.split("/");
  const rules = check.rules.map((rule) => `"${rule}": data.migpolicy.fleet_checks.${area}.${name}.${rule}`);
  return `package migpolicy.fleet_reports.${area}.${name}\n\nreport := {${rules.join(", ")}}\n`;
}

export async function buildPolicies() {
  const opa = tool("opa");
  mkdirSync(out, { recursive: true });
  const bundle = join(out, "bundle.tar.gz");
  const { HOST_ENTRYPOINT, FLEET_REPORT_RULES, FLEET_CHECKS_FILE } = await compiled("eval/policy.js");
  const { POLICY_STRINGS_FILE } = await compiled("eval/host-input.js");
  const inspect = JSON.parse(execFileSync(opa, ["inspect", "-a", "--format", "json", "policies"], { cwd: root, maxBuffer: 64 << 20 }).toString());
  const catalogue = await catalogueFrom(inspect);
  const modules = parsePolicies(opa);
  const checks = fleetChecks(modules, catalogue, FLEET_REPORT_RULES);
  const entrypoints = [HOST_ENTRYPOINT, ...checks.map((check) => check.report)];
  const reports = mkdtempSync(join(tmpdir(), "migpolicy-fleet-reports-"));
  for (const check of checks) writeFileSync(join(reports, `${check.report.split("/").slice(2, 4).join("_")}.rego`), reportModule(check));
  try {
    execFileSync(opa, ["build", "-t", "wasm", ...entrypoints.flatMap((e) => ["-e", e]), "--ignore", "*_test.rego", "-o", bundle, "policies", reports], {
      cwd: root,
      stdio: "inherit",
    });
  } finally {
    rmSync(reports, { recursive: true, force: true });
  }
  const archive = readFileSync(bundle);
  const wasm = await extractFromTarGz(archive, "policy.wasm");
  checkWasmBuiltins(wasm);
  writeAtomic(join(out, "policy.wasm"), wasm);
  // The policies' base data (policies/facts/data.json as data.facts): a Wasm module is given it at load.
  writeAtomic(join(out, "data.json"), await extractFromTarGz(archive, "data.json"));
  rmSync(bundle);
  writeAtomic(join(out, "catalogue.json"), `${JSON.stringify(catalogue, null, 2)}\n`);
  writeAtomic(join(out, FLEET_CHECKS_FILE), `${JSON.stringify(checks, null, 2)}\n`);
  writeAtomic(join(out, POLICY_STRINGS_FILE), `${JSON.stringify(policyStrings(modules))}\n`);
}

/** The kolla-ansible series a rule is checked for on a deployment repository's hosts, as a sentence. */
function repositoryNote(series) {
  const list = series.map((s) => `${s.id} (kolla-ansible ${s.majors.join(", ")}; facts read at ${s.tag})`).join(", ");
  return `On a Kolla-Ansible or Kayobe repository, checked on each compute host as kolla-ansible renders it, for the releases of ${list}: the finding is at the repository line that decides it (docs/deployment-repositories.md).`;
}

function ruleDoc(rule, series) {
  const references = rule.references.map((r) => `- [${r.description || r.url}](${r.url})`).join("\n");
  const messages = Object.values(rule.messages)
    .map((m) => `- ${m}`)
    .join("\n");
  return [
    `<!-- Generated from the METADATA of ${rule.file} by tools/build.mjs; do not edit. -->`,
    `# ${rule.id}: ${rule.title}`,
    "",
    `| severity | GitHub security-severity | CWE | checks | policy |`,
    `|---|---|---|---|---|`,
    `| ${rule.severity} | ${rule.security_severity.toFixed(1)} | ${rule.cwe.map((c) => `[CWE-${c}](https://cwe.mitre.org/data/definitions/${c}.html)`).join(", ")} | each ${rule.input} | [${rule.file}](../../${rule.file}) |`,
    "",
    "## Why it matters",
    "",
    rule.description,
    "",
    "## How to fix",
    "",
    rule.remediation,
    "",
    "## What migpolicy reports",
    "",
    messages,
    "",
    "## Deployment repositories",
    "",
    repositoryNote(series),
    "",
    "## References",
    "",
    references,
    "",
  ].join("\n");
}

function indexDoc(rules, areas) {
  const lines = ["<!-- Generated from the policies' METADATA by tools/build.mjs; do not edit. -->", "# Rules", ""];
  for (const [area, title] of Object.entries(areas)) {
    const inArea = rules.filter((r) => r.area === area);
    if (inArea.length === 0) continue;
    lines.push(`## ${title}`, "", "| id | severity | title |", "|---|---|---|");
    for (const rule of inArea) lines.push(`| [${rule.id}](${rule.id}.md) | ${rule.severity} | ${rule.title} |`);
    lines.push("");
  }
  return lines.join("\n");
}

/** docs/rules: one page per rule and an index, generated from the catalogue. */
export async function ruleDocs(catalogue) {
  const { AREAS } = await compiled("model/rule.js");
  const { SERIES } = await compiled("document/kolla/releases.js");
  const files = new Map([["README.md", indexDoc(catalogue.rules, AREAS)]]);
  for (const rule of catalogue.rules) files.set(`${rule.id}.md`, ruleDoc(rule, SERIES));
  return files;
}

/** docs/diagnostics.md: every diagnostic code, from the catalogue in src/model/diagnostic.ts. */
export async function diagnosticsDoc() {
  const { DIAGNOSTICS } = await compiled("model/diagnostic.js");
  const rows = Object.entries(DIAGNOSTICS).map(
    ([code, kind]) => `| \`${code}\` | ${kind.severity} | ${kind.incomplete ? "yes" : ""} | ${kind.template.replace(/\|/g, "\\|")} |`,
  );
  return [
    "<!-- Generated from DIAGNOSTICS in src/model/diagnostic.ts by tools/build.mjs; do not edit. -->",
    "# Load diagnostics",
    "",
    "Problems met reading the input, in every output format (text: Load problems; JSON:",
    "`diagnostics`; SARIF: tool execution notifications). A code keeps its meaning; the message",
    "is its template with each `{name}` replaced by that argument. *Incomplete*: the scan did not",
    "evaluate all it was given, and `migpolicy eval` exits 2.",
    "",
    "| code | severity | incomplete | message |",
    "|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

export async function writeRuleDocs() {
  const catalogue = JSON.parse(readFileSync(join(out, "catalogue.json"), "utf8"));
  const dir = join(root, "docs", "rules");
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of await ruleDocs(catalogue)) writeAtomic(join(dir, name), text);
  writeAtomic(join(root, "docs", "diagnostics.md"), await diagnosticsDoc());
}

/**
 * The JSON Schemas compiled once, here, into one CommonJS module of validation functions
 * (Ajv's standalone code): compiling them at run time cost a one-host scan ~0.2 s.
 */
export async function buildValidators() {
  const { Ajv } = await import("ajv");
  const { default: standaloneCode } = await import("ajv/dist/standalone/index.js");
  const load = (name) => JSON.parse(readFileSync(join(root, "schemas", name), "utf8"));
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, code: { source: true, lines: false } });
  ajv.addSchema(load("host.json"), "host");
  ajv.addSchema(load("fleet.json"), "fleet");
  ajv.addSchema(load("metadata.json"), "metadata");
  ajv.addSchema(load("config.json"), "config");
  const dir = join(root, "build", "validators");
  mkdirSync(dir, { recursive: true });
  writeAtomic(join(dir, "schemas.cjs"), standaloneCode(ajv, { host: "host", fleet: "fleet", metadata: "metadata", config: "config" }));
}

export function buildTypeScript() {
  // A module moved or removed must not stay behind in build/ (and in the package).
  for (const dir of ["src", "test"]) rmSync(join(root, "build", dir), { recursive: true, force: true });
  execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", root], { stdio: "inherit" });
  // `npx migpolicy` in this checkout runs the bin file itself; npm sets the mode only where it
  // installs the package, and tsc writes new files without it.
  chmodSync(join(root, "build", "src", "cli", "main.js"), 0o755);
}

/**
 * The command as one file (build/src/bundle/migpolicy.cjs, run by build/src/cli/bin.js, the
 * package's bin) and its scan worker beside it (host-worker.cjs, run by host-worker.js, made of
 * build/src/cli/worker-bin.js): Node resolves, reads and
 * compiles one module instead of ~230 (the build's and the yaml package's many), which was most
 * of a one-host run's start-up. The command is CommonJS so that it can run from V8's code
 * cache (src/cli/code-cache.ts), written here from a run over an example (the worker's: from a
 * run on two threads over copies of its hosts). The library keeps
 * the modules (`import … from "migpolicy"`). At the same depth under build/ as the modules,
 * the files they find by import.meta.url (policy.wasm, the validators, package.json) resolve alike.
 */
export async function buildBundle() {
  const { build } = await import("esbuild");
  const dir = join(root, "build", "src", "bundle");
  rmSync(dir, { recursive: true, force: true });
  // The validators in the bundle (src/eval/validators-file.ts says why), by a static require of the file.
  const validatorsFile = join(root, "build", "src", "eval", "validators-file.js");
  const schemas = join(root, "build", "validators", "schemas.cjs");
  const inlineValidators = {
    name: "inline-validators",
    setup(bundler) {
      bundler.onLoad({ filter: /validators-file\.js$/ }, (args) =>
        args.path === validatorsFile ? { contents: `export const loadValidators = () => require(${JSON.stringify(schemas)});`, loader: "js" } : undefined,
      );
    },
  };
  const common = { bundle: true, platform: "node", target: "node20", logLevel: "warning", plugins: [inlineValidators] };
  await build({
    ...common,
    entryPoints: [join(root, "build", "src", "cli", "main.js")],
    outfile: join(dir, "migpolicy.cjs"),
    format: "cjs",
    // The modules find their files by import.meta.url, which CommonJS lacks: the bundle's own URL.
    define: { "import.meta.url": "bundleUrl" },
    banner: { js: 'const bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
  await build({
    ...common,
    entryPoints: [join(root, "build", "src", "pipeline", "host-worker.js")],
    outfile: join(dir, "host-worker.cjs"),
    format: "cjs",
    define: { "import.meta.url": "bundleUrl" },
    banner: { js: 'const bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
  // What workers.ts starts (./host-worker.js beside the command's bundle): the worker's bundle from its cache.
  await build({ ...common, entryPoints: [join(root, "build", "src", "cli", "worker-bin.js")], outfile: join(dir, "host-worker.js"), format: "esm" });
  const bin = join(root, "build", "src", "cli", "bin.js");
  chmodSync(bin, 0o755);
  const { WRITE_CACHE_VARIABLE, WRITE_WORKER_CACHE_VARIABLE } = await compiled("cli/code-cache.js");
  const scratch = mkdtempSync(join(tmpdir(), "migpolicy-build-"));
  const runBundled = (args, env) => {
    const run = spawnSync(process.execPath, [bin, "eval", ...args, "--format", "sarif", "--output", join(scratch, "out.sarif")], {
      env: { ...process.env, ...env },
      encoding: "utf8",
    });
    if (run.status !== 0 && run.status !== 1) throw new Error(`the bundled command failed on ${args[0]} (exit ${run.status}): ${run.stderr}`);
  };
  try {
    runBundled([join(root, "examples", "secure-fleet")], { [WRITE_CACHE_VARIABLE]: join(dir, "migpolicy.cjs.cache") });
    // The worker's cache from a worker that loaded hosts: a fleet of the example's hosts, two
    // threads (this one takes a share, and a few hosts before the worker has started). Over the
    // example's two hosts this thread took both, and the worker's cache held 279 KB, not 672 KB.
    const fleet = join(scratch, "fleet");
    for (let i = 0; i < 24; i++) {
      for (const host of readdirSync(join(root, "examples", "secure-fleet")))
        cpSync(join(root, "examples", "secure-fleet", host), join(fleet, `${host}-${i}`), { recursive: true });
    }
    runBundled([fleet, "--workers", "2", "--file-modes", "ignore"], { [WRITE_WORKER_CACHE_VARIABLE]: join(dir, "host-worker.cjs.cache") });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const FACTS = join(root, "policies", "facts", "data.json");
const FACTS_MODULE = join(root, "src", "document", "options", "facts.ts");

/**
 * policies/facts/data.json as a TypeScript module: the facts the policies read as data.facts
 * and the document builders read as FACTS, written once. Typed by ./specs.ts when compiled.
 */
export function factsModule() {
  const facts = JSON.parse(readFileSync(FACTS, "utf8"));
  return [
    "// Generated from policies/facts/data.json by tools/build.mjs: edit that file, then npm run build.",
    'import type { Facts } from "./specs.js";',
    "",
    `export const FACTS: Facts = ${JSON.stringify(facts, null, 2)};`,
    "",
  ].join("\n");
}

function writeFactsModule() {
  const text = factsModule();
  let current = null;
  try {
    current = readFileSync(FACTS_MODULE, "utf8");
  } catch {}
  if (current !== text) writeAtomic(FACTS_MODULE, text);
}

/** The document types of src/model/, each generated from its JSON Schema: the schema is the one source. */
const SCHEMA_TYPES = [
  { schema: "host.json", module: "host.ts", version: "HOST_SCHEMA_VERSION" },
  { schema: "fleet.json", module: "fleet.ts", version: "FLEET_SCHEMA_VERSION" },
  { schema: "metadata.json", module: "metadata.ts" },
  { schema: "config.json", module: "config.ts" },
];

/** A $ref's sibling keywords (a description) are ignored by JSON Schema; the generator would make a new type of each. */
function withoutRefSiblings(node) {
  if (Array.isArray(node)) return node.map(withoutRefSiblings);
  if (node === null || typeof node !== "object") return node;
  if ("$ref" in node) return { $ref: node.$ref };
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, withoutRefSiblings(value)]));
}

/** src/model/<module> from schemas/<schema>, as text. */
export async function schemaTypesModule({ schema: name, version }) {
  const { compile } = await import("json-schema-to-typescript");
  const schema = JSON.parse(readFileSync(join(root, "schemas", name), "utf8"));
  const types = await compile(withoutRefSiblings(schema), schema.title, {
    bannerComment: "",
    format: false,
    additionalProperties: false,
    strictIndexSignatures: true,
    unreachableDefinitions: false,
  });
  const versionConstant =
    version === undefined
      ? []
      : [
          "/** The schema_version this module's documents carry. */",
          `export const ${version} = ${JSON.stringify(schema.properties.schema_version.const)};`,
          "",
        ];
  return [`// Generated from schemas/${name} by tools/build.mjs: edit the schema, then npm run build.`, ...versionConstant, types.trim(), ""].join("\n");
}

async function writeSchemaTypes() {
  for (const entry of SCHEMA_TYPES) {
    const path = join(root, "src", "model", entry.module);
    const text = await schemaTypesModule(entry);
    let current = null;
    try {
      current = readFileSync(path, "utf8");
    } catch {}
    if (current !== text) writeAtomic(path, text);
  }
}

/**
 * Everything, in order: the TypeScript and the validators first, since the policies' build
 * uses both. `generate` (npm run build) first rewrites the committed generated files
 * (src/model/{host,fleet,metadata}.ts, src/document/options/facts.ts, docs/rules/); the test
 * command and `node tools/build.mjs` build from them as committed, so a test can see that one is stale.
 */
export async function buildAll({ generate = false } = {}) {
  if (generate) {
    writeFactsModule();
    await writeSchemaTypes();
  }
  buildTypeScript();
  await buildValidators();
  await buildPolicies();
  // Last: the code cache is written from a run of the command.
  await buildBundle();
  if (generate) await writeRuleDocs();
}

// As a URL: a path with a space or a non-ASCII letter is percent-encoded in import.meta.url.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await buildAll({ generate: process.argv.includes("--generate") });
