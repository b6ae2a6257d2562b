/**
 * Validates documents against the JSON Schemas in schemas/ before evaluation. The build
 * compiles the schemas with Ajv into build/validators/schemas.cjs, so a scan loads ready
 * validation functions instead of compiling the schemas on every start.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { ValidateFunction } from "ajv";
import type { FleetDocument } from "./fleet.js";
import type { HostDocument } from "./host.js";

const VALIDATORS = new URL("../../validators/schemas.cjs", import.meta.url);

let validators: { host: ValidateFunction; fleet: ValidateFunction } | undefined;

function compiled(): { host: ValidateFunction; fleet: ValidateFunction } {
  return createRequire(import.meta.url)(fileURLToPath(VALIDATORS)) as { host: ValidateFunction; fleet: ValidateFunction };
}

export class SchemaViolation extends Error {
  constructor(
    readonly document: "host" | "fleet",
    readonly problems: string[],
  ) {
    super(`the loader built a ${document} document that schemas/${document}.json rejects (a migpolicy bug): ${problems.join("; ")}`);
  }
}

function check(kind: "host" | "fleet", value: unknown): void {
  validators ??= compiled();
  const validate = validators[kind];
  if (!validate(value)) {
    throw new SchemaViolation(kind, (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`));
  }
}

export function assertHostDocument(document: HostDocument): void {
  check("host", document);
}

export function assertFleetDocument(document: FleetDocument): void {
  check("fleet", document);
}
