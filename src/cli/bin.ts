#!/usr/bin/env node
/** The command as the package runs it: the bundle, from its code cache (code-cache.ts). */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compileBundle, WRITE_CACHE_VARIABLE } from "./code-cache.js";

const bundle = compileBundle(fileURLToPath(new URL("../bundle/migpolicy.cjs", import.meta.url)));
const writeTo = process.env[WRITE_CACHE_VARIABLE];
// After the run, so that the cache holds the functions it compiled on the way.
if (writeTo !== undefined && writeTo !== "") process.on("exit", () => writeFileSync(writeTo, bundle.cache()));
bundle.run();
