// Where one thread's time goes in a scan: a CPU profile (node:inspector) of scan(), self time
// summed by what the code does. `node bench/profile.mjs <fleet>` prints it as JSON.
import { Session } from "node:inspector";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const CATEGORIES = [
  ["file reads (system calls)", (_url, fn) => ["read", "open", "close", "fstat", "readFileUtf8"].includes(fn.replace(/[()]/g, ""))],
  ["folder lookups (lstat, readdir, readlink)", (_url, fn) => ["lstat", "readdir", "readlink"].includes(fn.replace(/[()]/g, ""))],
  [
    "policy.wasm (and passing documents in and out)",
    (url, fn) => url.startsWith("wasm://") || url.includes("opa-wasm") || fn.includes("JSToWasm") || fn.includes("js-to-wasm"),
  ],
  ["certificates and keys (DER, hashing, node:crypto)", (url) => /formats\/(pem|public-key|x509|der)\.js|internal\/crypto/.test(url)],
  ["nova.conf: oslo.config parsing and effective values", (url) => /formats\/oslo-ini\.js|nova-config\.js/.test(url)],
  ["libvirt files: virConf parsing", (url) => /formats\/virconf\.js/.test(url)],
  ["decoding and splitting lines", (url) => /formats\/text\.js|internal\/(encoding|buffer)|node:buffer/.test(url)],
  ["JSON Schema validation", (url) => url.includes("validators/schemas.cjs")],
  ["garbage collection", (_url, fn) => fn === "(garbage collector)"],
  ["the rest of the loader (layouts, systemd, firewall, sandboxed tree)", (url) => url.includes("/src/loader/")],
  ["regular expressions (mostly nova.conf's commented-out options)", (_url, fn) => fn.startsWith("RegExp:")],
  ["everything else", () => true],
];

function profile(api, path) {
  const session = new Session();
  session.connect();
  let result;
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 500 });
  session.post("Profiler.start");
  api.scan(path, { fileModes: "trust" });
  session.post("Profiler.stop", (error, value) => {
    if (error) throw error;
    result = value.profile;
  });
  session.disconnect();
  const selfTime = new Map(result.nodes.map((node) => [node.id, 0]));
  result.samples.forEach((id, i) => {
    selfTime.set(id, selfTime.get(id) + (result.timeDeltas[i] ?? 0));
  });
  const totals = new Map(CATEGORIES.map(([name]) => [name, 0]));
  for (const node of result.nodes) {
    const { url, functionName } = node.callFrame;
    if (functionName === "(idle)" || functionName === "(program)" || functionName === "(root)") continue;
    const [name] = CATEGORIES.find(([, match]) => match(url, functionName));
    totals.set(name, totals.get(name) + selfTime.get(node.id) / 1e6);
  }
  const sum = [...totals.values()].reduce((a, b) => a + b, 0);
  return { sum, rows: [...totals].filter(([, seconds]) => seconds > 0).sort((a, b) => b[1] - a[1]) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const api = await import(join(import.meta.dirname, "../build/src/index.js"));
  process.stdout.write(JSON.stringify(profile(api, process.argv[2])));
}
