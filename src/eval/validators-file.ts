/**
 * Where the validation functions come from: build/validators/schemas.cjs, the build's Ajv
 * output (tools/build.mjs, buildValidators), loaded on first use. The bundled command holds
 * that file itself instead: the build puts a module that requires it statically in this one's
 * place (buildBundle), so it is read and compiled with the bundle, from its code cache.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { ValidateFunction } from "../model/validator.js";

/** The schemas the build compiles, by the name it gives each. */
export type SchemaName = "host" | "fleet" | "metadata" | "config";

const VALIDATORS = new URL("../../validators/schemas.cjs", import.meta.url);

export function loadValidators(): Record<SchemaName, ValidateFunction> {
  return createRequire(import.meta.url)(fileURLToPath(VALIDATORS)) as Record<SchemaName, ValidateFunction>;
}
