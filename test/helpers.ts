import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { HostDocument } from "../src/model/host.js";
import { type LoadedHost, loadHost } from "../src/pipeline/host-step.js";

/** The repository root (tests run from build/test). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const EXAMPLES = join(ROOT, "examples");
const OPA = join(ROOT, ".tools", "bin", "opa");
/** The command as the package runs it: its bin, build/src/cli/bin.js running the bundle (tools/build.mjs). */
export const CLI = join(ROOT, (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: { migpolicy: string } }).bin.migpolicy);
/** The same command as modules (build/src/cli/main.js), as the library's users load them. */
export const CLI_MODULES = join(ROOT, "build", "src", "cli", "main.js");

/** Runs the real OPA (built by tools/go-tools.mjs) and returns its stdout. */
export function opa(args: string[], input?: string): string {
  return execFileSync(OPA, args, { cwd: ROOT, input, maxBuffer: 256 << 20, stdio: "pipe" }).toString();
}

/** A temporary folder holding the given files (relative path → content). */
export function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "migpolicy-test-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** Files under `dir` (below 1 MiB) whose text contains `marker`, e.g. "-----BEGIN ". */
export function filesContaining(dir: string, marker: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats?.isDirectory()) filesContaining(path, marker, out);
    else if (stats?.isFile() && stats.size < 1 << 20 && readFileSync(path, "latin1").includes(marker)) out.push(path);
  }
  return out;
}

/** `file:line` (with `:column`), or just `file` for a finding about a whole file. */
export function placeOf(location: { file: string; line?: number; column?: number }, withColumn = false): string {
  if (location.line === undefined) return location.file;
  return withColumn ? `${location.file}:${location.line}:${location.column}` : `${location.file}:${location.line}`;
}

/** Milliseconds of the fastest of `runs` runs (the others pay for JIT and garbage collection). */
export function fastest(run: () => unknown, runs = 5): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

/**
 * How much longer `large` takes than `small` (8x the input: about 8 when linear, 64 when
 * quadratic), the best of up to six tries while it stays at `limit` or above: a machine's
 * noise can double one measure (under the whole suite a linear parser once measured 32x on a
 * 0.25 ms input three times running); a quadratic one stays above it. Times under `floorMs`
 * count as `floorMs`.
 */
export function growth(small: () => unknown, large: () => unknown, limit = 24, floorMs = 0.25): number {
  small();
  let ratio = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 6 && ratio >= limit; attempt++) ratio = Math.min(ratio, fastest(large) / Math.max(fastest(small), floorMs));
  return ratio;
}

/** loadHost for a host that must build (every layout but an unrenderable deployment host): its document, never null. */
export function loadBuilt(...args: Parameters<typeof loadHost>): LoadedHost & { document: HostDocument } {
  const loaded = loadHost(...args);
  if (loaded.document === null) throw new Error(`no document for ${args[1].root}: ${JSON.stringify(loaded.diagnostics)}`);
  return { ...loaded, document: loaded.document };
}
