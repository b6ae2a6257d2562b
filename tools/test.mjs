// The project's test command: builds everything, then runs every suite and ends
// with one line counting them all: `tests: N passed, M failed`.
//   Rego:       opa fmt, opa check --strict (typed against schemas/), regal lint, opa test
//   TypeScript: biome check (format and lint), knip (unused files, exports, dependencies),
//               tools/check-stages.mjs (no import cycle, no stage importing a later one),
//               then the uvu suites in test/ (compiled to build/test)
//   Package:    npm pack without scripts, publint --strict, attw (types for ESM and bundlers)
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildAll } from "./build.mjs";
import { root, tool } from "./go-tools.mjs";
import { ensureTestDeps } from "./test-deps.mjs";

let passed = 0;
let failed = 0;

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: "utf8", maxBuffer: 256 << 20 });
  return { code: result.status ?? 1, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
}

function check(name, command, args) {
  const { code, output } = run(command, args);
  if (code === 0) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}\n${output}`);
  }
}

ensureTestDeps();
await buildAll();
const opa = tool("opa");
const regal = tool("regal");

console.log("== Rego");
check("opa fmt (policies are formatted)", opa, ["fmt", "--list", "--fail", "policies"]);
check("opa check --strict against schemas/", opa, ["check", "--strict", "-s", "schemas", "policies"]);
check("regal lint", regal, ["lint", "policies"]);

const regoTests = run(opa, ["test", "-s", "schemas", "policies", "--format", "json"]);
try {
  const results = JSON.parse(regoTests.output.slice(regoTests.output.indexOf("[")));
  for (const r of results) {
    if (r.fail || r.error) {
      failed++;
      console.log(`FAIL ${r.package}.${r.name}${r.error ? `: ${JSON.stringify(r.error)}` : ""}`);
    } else passed++;
  }
  console.log(`opa test: ${results.filter((r) => !r.fail && !r.error).length} of ${results.length} passed`);
} catch {
  failed++;
  console.log(`FAIL opa test did not run:\n${regoTests.output}`);
}

console.log("== TypeScript");
const bin = (name) => join(root, "node_modules", ".bin", name);
check("biome check (formatted, lint clean)", bin("biome"), ["check", "--error-on-warnings"]);
check("knip (no unused file, export or dependency)", bin("knip"), []);
check("stages (no import cycle, no stage imports a later one)", process.execPath, [join(root, "tools", "check-stages.mjs")]);

console.log("== Package");
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const packed = mkdtempSync(join(tmpdir(), "migpolicy-pack-"));
check("npm pack (no script run)", "npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", packed]);
check("publint --strict (package.json and the files it names)", bin("publint"), ["--strict", "--pack", "false"]);
check("attw (the types resolve for ESM consumers and bundlers)", bin("attw"), [join(packed, `migpolicy-${version}.tgz`), "--profile", "esm-only", "--quiet"]);
rmSync(packed, { recursive: true, force: true });

// The suites' temporary folders (and those of the processes they start) in one folder of
// this run, removed after it: a run left some 2,000 behind in the system's.
const scratch = mkdtempSync(join(tmpdir(), "migpolicy-tests-"));
/** One uvu process over the suites whose file names match `pattern`; its counts join the run's. */
function suites(pattern) {
  const uvu = spawnSync(process.execPath, [join(root, "node_modules/uvu/bin.js"), "build/test", pattern], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", TMPDIR: scratch },
    maxBuffer: 256 << 20,
  });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removes ANSI colour sequences, which start with ESC.
  const uvuOutput = `${uvu.stdout}${uvu.stderr}`.replace(/\x1b\[[0-9;]*m/g, "");
  process.stdout.write(uvuOutput);
  const total = Number(/Total:\s+(\d+)/.exec(uvuOutput)?.[1] ?? NaN);
  const uvuPassed = Number(/Passed:\s+(\d+)/.exec(uvuOutput)?.[1] ?? NaN);
  if (Number.isNaN(total) || Number.isNaN(uvuPassed) || total === 0) {
    failed++;
    console.log(`FAIL the TypeScript suites ${pattern} did not report a total`);
  } else {
    passed += uvuPassed;
    failed += total - uvuPassed;
    if (uvu.status !== 0 && total === uvuPassed) failed++;
  }
}
// The scaling tests time parsers, fleet checks and formats: in a process of their own, so that
// the heap the other suites leave behind does not time them (a linear pass measured 36x there).
const TIMED = "(scaling|fleet-scaling)\\.test\\.js$";
suites(`^(?!${TIMED}).*\\.test\\.js$`);
suites(`^${TIMED}`);
rmSync(scratch, { recursive: true, force: true });

console.log(`tests: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
