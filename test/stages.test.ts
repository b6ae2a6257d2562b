/** tools/check-stages.mjs: src/ keeps to the pipeline's stages, and the check fails on a planted back-edge or cycle. */
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers.js";

interface StageCheck {
  checkStages(sources: Map<string, string>): string[];
  readSources(dir: string): Map<string, string>;
}
const { checkStages, readSources } = (await import(join(ROOT, "tools/check-stages.mjs"))) as StageCheck;
const sources = readSources(join(ROOT, "src"));

/** Each expected problem is among those found. */
function assertFound(problems: string[], expected: string[]): void {
  for (const line of expected) assert.ok(problems.includes(line), `${line}\nnot in\n${problems.join("\n")}`);
}

test("src/ has no import cycle and no stage imports a later one", () => {
  assert.equal(checkStages(sources), []);
});

test("a planted back-edge fails: the loader importing the pipeline", () => {
  const planted = new Map(sources);
  planted.set("loader/fs.ts", `import type { ScanOptions } from "../pipeline/scan.js";\n${sources.get("loader/fs.ts")}`);
  const problems = checkStages(planted);
  assert.ok(
    problems.includes("src/loader/fs.ts:1: loader imports pipeline (src/pipeline/scan.ts): a stage imports only itself and earlier stages"),
    problems.join("\n"),
  );
  // The pipeline imports the loader, so the back-edge closes a cycle too.
  assert.ok(
    problems.some((p) => /^import cycle: .*src\/loader\/fs\.ts -> src\/pipeline\/scan\.ts/.test(p)),
    problems.join("\n"),
  );
});

test("a planted cycle inside one stage fails, type-only imports too", () => {
  const planted = new Map(sources);
  planted.set("model/location.ts", `import type { Finding } from "./finding.js";\nexport type F = Finding;\n${sources.get("model/location.ts")}`);
  assert.equal(checkStages(planted), ["import cycle: src/model/finding.ts -> src/model/location.ts -> src/model/finding.ts"]);
});

test("siblings may not import each other, pure stages may not touch the disk, and a worker's entry is an edge", () => {
  const planted = new Map(sources);
  planted.set("report/json.ts", `import { selectRules } from "../pipeline/select.js";\n${sources.get("report/json.ts")}`);
  planted.set("loader/formats/passwd.ts", `import { readFileSync } from "node:fs";\n${sources.get("loader/formats/passwd.ts")}`);
  planted.set("model/fleet.ts", `const url = new URL("../pipeline/host-worker.js", import.meta.url);\n${sources.get("model/fleet.ts")}`);
  const problems = checkStages(planted);
  assertFound(problems, [
    "src/loader/formats/passwd.ts: loader/formats must stay pure but uses node:fs",
    "src/model/fleet.ts:1: model imports pipeline (src/pipeline/host-worker.ts): a stage imports only itself and earlier stages",
    "src/report/json.ts:1: report imports pipeline (src/pipeline/select.ts): a stage imports only itself and earlier stages",
  ]);
});

test("purity holds through imports, bare names and the module loader; computed and outside imports are refused", () => {
  const planted = new Map(sources);
  planted.set("document/owners.ts", `import { Tree } from "../loader/fs.js";\nexport const t = new Tree("/");\n${sources.get("document/owners.ts")}`);
  planted.set("document/pki.ts", `import { readFileSync } from "fs";\n${sources.get("document/pki.ts")}`);
  planted.set("model/rule.ts", `import { createRequire } from "node:module";\n${sources.get("model/rule.ts")}`);
  planted.set("loader/formats/sasl.ts", `const m = await import(\`./\${"x"}.js\`);\n${sources.get("loader/formats/sasl.ts")}`);
  planted.set("loader/formats/hostname.ts", `import data from "../../../policies/facts/data.json";\n${sources.get("loader/formats/hostname.ts")}`);
  const problems = checkStages(planted);
  assertFound(problems, [
    "src/document/owners.ts: document must stay pure but uses node:fs through src/loader/fs.ts",
    "src/document/pki.ts: document must stay pure but uses node:fs",
    "src/model/rule.ts: model must stay pure but uses node:module",
    "src/loader/formats/sasl.ts:1: a dynamic import of a computed module: the stages cannot be checked",
    "src/loader/formats/hostname.ts:1: imports ../../../policies/facts/data.json, which is not a module of src/",
  ]);
});

test("a type-only import of an impure module keeps a pure stage pure", () => {
  const planted = new Map(sources);
  planted.set("document/owners.ts", `import type { Tree } from "../loader/fs.js";\nexport type T = Tree;\n${sources.get("document/owners.ts")}`);
  assert.equal(checkStages(planted), []);
});

test.run();
