// The build: TypeScript to build/src, the policies to build/policy/policy.wasm with the
// real OPA, and the rule catalogue extracted from the policies' METADATA.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, rmSync, writeFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { root, tool } from "./go-tools.mjs";

const out = join(root, "build", "policy");
export const ENTRYPOINTS = ["migpolicy/main/host", "migpolicy/main/fleet"];

function writeAtomic(path, data) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** The one file `name` from a .tar.gz (OPA writes "/policy.wasm" with a leading slash). */
function extractFromTarGz(archive, name) {
  const tar = gunzipSync(archive);
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    const entry = header.subarray(0, 100).toString("utf8").replace(/\0.*$/s, "");
    if (entry === "") break;
    const size = parseInt(header.subarray(124, 136).toString("utf8").replace(/\0.*$/s, "").trim(), 8);
    if (entry.replace(/^\//, "") === name) return tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${name} not found in the OPA bundle`);
}

export function catalogueFrom(inspect) {
  const rules = [];
  for (const { annotations, location } of inspect.annotations ?? []) {
    const custom = annotations.custom;
    if (!custom?.id) continue;
    rules.push({
      id: custom.id,
      title: annotations.title,
      description: annotations.description.trim(),
      severity: custom.severity,
      security_severity: custom.security_severity,
      cwe: custom.cwe ?? [],
      remediation: custom.remediation.trim(),
      messages: custom.messages,
      references: (annotations.related_resources ?? []).map((r) => ({ url: r.ref, description: r.description ?? "" })),
      file: location.file.replace(/\\/g, "/").replace(/^.*?policies\//, "policies/"),
    });
  }
  rules.sort((a, b) => a.id.localeCompare(b.id));
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

export function buildPolicies() {
  const opa = tool("opa");
  mkdirSync(out, { recursive: true });
  const bundle = join(out, "bundle.tar.gz");
  execFileSync(opa, [
    "build", "-t", "wasm", ...ENTRYPOINTS.flatMap((e) => ["-e", e]),
    "--ignore", "*_test.rego", "-o", bundle, "policies",
  ], { cwd: root, stdio: "inherit" });
  const wasm = extractFromTarGz(readFileSync(bundle), "policy.wasm");
  checkWasmBuiltins(wasm);
  writeAtomic(join(out, "policy.wasm"), wasm);
  rmSync(bundle);
  const inspect = JSON.parse(execFileSync(opa, ["inspect", "-a", "--format", "json", "policies"], { cwd: root, maxBuffer: 64 << 20 }).toString());
  writeAtomic(join(out, "catalogue.json"), JSON.stringify(catalogueFrom(inspect), null, 2) + "\n");
}

export function buildTypeScript() {
  execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", root], { stdio: "inherit" });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildPolicies();
  buildTypeScript();
}
