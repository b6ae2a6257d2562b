// npm run bench [-- --quick]: migpolicy at fleet scale, measured side by side in one run.
//  - the floor: what any scanner in Node pays, reading every file and splitting it into lines;
//  - migpolicy end to end (process start to exit, SARIF to a file): wall time, hosts/s, peak RSS;
//  - the split of migpolicy's time: load (discover, read, parse, build) vs evaluate vs report;
//  - the same host documents through policy.wasm and through `opa eval` (topdown, one process).
// Writes docs/performance.md from the figures.
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { cpus, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { root, tool } from "../tools/go-tools.mjs";
import { fleet } from "./fleet.mjs";

const quick = process.argv.includes("--quick");
const sizes = quick ? [{ kind: "full", n: 20 }, { kind: "small", n: 20 }] : [
  { kind: "full", n: 100 }, { kind: "full", n: 1000 }, { kind: "small", n: 1000 }, { kind: "full", n: 10000 },
];
const work = join(tmpdir(), "migpolicy-bench");
mkdirSync(work, { recursive: true });
const api = await import(join(root, "build/src/index.js"));
const cli = join(root, "build/src/cli/main.js");

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const s = statSync(path, { throwIfNoEntry: false });
    if (s?.isDirectory()) walk(path, out);
    else if (s?.isFile()) out.push(path);
  }
  return out;
}

function floor(path) {
  const started = performance.now();
  let lines = 0;
  let bytes = 0;
  for (const file of walk(path)) {
    const text = readFileSync(file, "latin1");
    bytes += text.length;
    lines += text.split("\n").length;
  }
  return { seconds: (performance.now() - started) / 1000, lines, bytes };
}

function endToEnd(path) {
  const out = join(work, "out.sarif");
  const started = performance.now();
  const run = spawnSync(process.execPath, ["--import", join(root, "bench/rss.mjs"), cli, "eval", path, "--format", "sarif", "--output", out, "--file-modes", "trust"],
    { encoding: "utf8", stdio: ["ignore", "ignore", "pipe", "pipe"] });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0 && run.status !== 1) throw new Error(`migpolicy exited ${run.status}: ${run.stderr}`);
  return { seconds, rssMb: Number(run.output[3].trim()) / 1024 };
}

function split(path) {
  const policy = api.Policy.load();
  const tree = new api.Tree(path);
  let load = 0;
  let evaluate = 0;
  const documents = [];
  const started = performance.now();
  for (const source of api.discoverHosts(tree, "fleet")) {
    const t0 = performance.now();
    const { document } = api.loadHost(tree, source, { scanTime: 1795000000, modesMeaningful: true });
    api.assertHostDocument(document);
    const t1 = performance.now();
    policy.evaluateHost(document);
    evaluate += performance.now() - t1;
    load += t1 - t0;
    if (documents.length < 100) documents.push(document);
  }
  const result = api.scan(path, { policy, fileModes: "trust" });
  const t2 = performance.now();
  api.formatter("sarif")({ result, catalogue: api.loadCatalogue(), tool: api.TOOL });
  const report = (performance.now() - t2) / 1000;
  return { load: load / 1000, evaluate: evaluate / 1000, report, total: (performance.now() - started) / 1000, documents };
}

function wasmVersusTopdown(documents) {
  const policy = api.Policy.load();
  const t0 = performance.now();
  for (const d of documents) policy.evaluateHost(d);
  const wasm = (performance.now() - t0) / 1000;
  const input = join(work, "documents.json");
  writeFileSync(input, JSON.stringify({ documents }));
  const t1 = performance.now();
  execFileSync(tool("opa"), ["eval", "--format", "json", "--ignore", "*_test.rego", "-d", join(root, "policies"), "-i", input,
    "[r | some d in input.documents; r := data.migpolicy.main.host with input as d]"], { maxBuffer: 1 << 30, stdio: ["ignore", "ignore", "inherit"] });
  const topdown = (performance.now() - t1) / 1000;
  return { n: documents.length, wasm, topdown };
}

const rows = [];
let comparison;
for (const { kind, n } of sizes) {
  const path = fleet(root, work, n, kind);
  const f = floor(path);
  const e = endToEnd(path);
  const s = split(path);
  comparison ??= wasmVersusTopdown(s.documents);
  const row = { kind, n, mb: f.bytes / 1e6, lines: f.lines, floor: f.seconds, wall: e.seconds, rss: e.rssMb, load: s.load, evaluate: s.evaluate, report: s.report };
  rows.push(row);
  console.log(`${kind} ${n}: ${row.mb.toFixed(0)} MB, ${row.lines} lines; floor ${row.floor.toFixed(2)} s; migpolicy ${row.wall.toFixed(2)} s (${(row.wall / row.floor).toFixed(1)}x floor, ${(n / row.wall).toFixed(0)} hosts/s, ${row.rss.toFixed(0)} MB RSS); load ${row.load.toFixed(2)} s, evaluate ${row.evaluate.toFixed(2)} s, report ${row.report.toFixed(2)} s`);
}
console.log(`Wasm vs opa eval on ${comparison.n} host documents: ${comparison.wasm.toFixed(2)} s vs ${comparison.topdown.toFixed(2)} s (${(comparison.topdown / comparison.wasm).toFixed(1)}x)`);

const date = new Date().toISOString().slice(0, 10);
const table = rows.map((r) => `| ${r.kind} | ${r.n} | ${r.mb.toFixed(0)} MB, ${(r.lines / 1e6).toFixed(2)} M lines | ${r.floor.toFixed(2)} s | ${r.wall.toFixed(2)} s | ${(r.wall / r.floor).toFixed(1)}x | ${(r.n / r.wall).toFixed(0)} | ${r.rss.toFixed(0)} MB | ${r.load.toFixed(2)} / ${r.evaluate.toFixed(2)} / ${r.report.toFixed(2)} s |`).join("\n");
const doc = `<!-- Written by npm run bench (bench/run.mjs); do not edit. -->
# Performance

Measured ${date} on this project's machine (${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}), with \`npm run bench${quick ? " -- --quick" : ""}\`, all figures from one run.

- **full**: every host a complete Debian configuration (nova.conf as nova-common ships it, libvirtd.conf, qemu.conf, certificates and keys), varied per host; **small**: Kolla-Ansible's rendered files.
- **floor**: reading every file of the fleet and splitting it into lines in Node, which any scanner pays.
- **migpolicy**: \`migpolicy eval <fleet> --format sarif --output …\`, process start to exit; peak RSS as the process itself reports it (\`process.resourceUsage().maxRSS\`).
- **split**: time inside one process spent loading (discover, read, parse, build and validate documents), evaluating policy.wasm, and writing SARIF.

| fleet | hosts | size | floor | migpolicy | vs floor | hosts/s | peak RSS | load / evaluate / report |
|---|---|---|---|---|---|---|---|---|
${table}

The same ${comparison.n} host documents through policy.wasm: ${comparison.wasm.toFixed(2)} s; through \`opa eval\` (topdown, one process, the policies from source): ${comparison.topdown.toFixed(2)} s.

Not measured yet: conftest with an equivalent Rego (issue 9).
`;
if (!quick) writeFileSync(join(root, "docs/performance.md"), doc);
else console.log("(quick mode: docs/performance.md is left as it is)");
