/**
 * Runs the bundled command (build/src/bundle/migpolicy.cjs), and its scan worker
 * (host-worker.cjs), from V8's code cache beside each:
 * the functions a scan runs come compiled, not parsed and compiled at every start, which is
 * what Node 22's module.enableCompileCache does and Node 20 lacks. The build writes the cache
 * (tools/build.mjs, a run over an example); V8 rejects a cache another Node or V8 made, and the
 * command then compiles as without one.
 */
import { isAscii } from "node:buffer";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { Script } from "node:vm";

/** Set by the build to a path: the run writes the code cache there as it exits. */
export const WRITE_CACHE_VARIABLE = "MIGPOLICY_WRITE_CODE_CACHE";
/** The same for the scan worker's bundle: a worker writes its cache once its hosts are done. */
export const WRITE_WORKER_CACHE_VARIABLE = "MIGPOLICY_WRITE_WORKER_CODE_CACHE";

export interface CompiledBundle {
  /** Runs the bundle's top level, as Node runs a CommonJS module. */
  run(): void;
  /** Whether V8 took the cache (false: none, or made by another V8). */
  cached: boolean;
  /** The compiled code as a cache, for the build to write. */
  cache(): Buffer;
}

export function compileBundle(file: string, cacheFile = `${file}.cache`): CompiledBundle {
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const bytes = readFileSync(file);
  // esbuild writes ASCII (its default charset), which read as latin1 is the same text without
  // UTF-8's decoding: 0.2 ms instead of 2.8 ms of every start (measured). Any other byte: UTF-8.
  // The bundle starts with esbuild's "#!" line, which a function body cannot hold.
  const source = bytes.toString(isAscii(bytes) ? "latin1" : "utf8").replace(/^#!.*/, "");
  // As Node wraps a CommonJS module; one line, so the bundle's own lines keep their numbers.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  return {
    cached: cachedData !== undefined && !script.cachedDataRejected,
    cache: () => script.createCachedData(),
    run() {
      const module = { exports: {} };
      const body = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
      body.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
    },
  };
}
