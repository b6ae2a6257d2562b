/**
 * The scan worker as the bundled command starts it (pipeline/workers.ts, by host-worker.js
 * beside the command's bundle, which the build makes of this file): the worker's bundle from
 * its code cache, as bin.ts runs the command's. Without one, each worker parsed its 1.4 MB
 * and compiled every function it ran.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compileBundle, WRITE_WORKER_CACHE_VARIABLE } from "./code-cache.js";

const bundle = compileBundle(fileURLToPath(new URL("../bundle/host-worker.cjs", import.meta.url)));
// The worker takes its hosts as its bundle runs; the cache is written when it returns.
bundle.run();
const writeTo = process.env[WRITE_WORKER_CACHE_VARIABLE];
if (writeTo !== undefined && writeTo !== "") writeFileSync(writeTo, bundle.cache());
