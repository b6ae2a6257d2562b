/**
 * Checks documents against the JSON Schemas in schemas/ before evaluation. The build
 * compiles the schemas with Ajv into build/validators/schemas.cjs, so a scan loads ready
 * validation functions instead of compiling the schemas on every start.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { FleetDocument } from "../model/fleet.js";
import type { HostDocument } from "../model/host.js";
import type { ValidateFunction } from "../model/validator.js";

const VALIDATORS = new URL("../../validators/schemas.cjs", import.meta.url);

interface Validators {
  host: ValidateFunction;
  fleet: ValidateFunction;
}

let validators: Validators | undefined;

function compiled(): Validators {
  // The build's own output (tools/build.mjs, buildValidators).
  return createRequire(import.meta.url)(fileURLToPath(VALIDATORS)) as Validators;
}

/** A document the schema rejects: a migpolicy bug, never a fault of the input. */
export class SchemaViolation extends Error {
  constructor(
    readonly document: "host" | "fleet",
    readonly problems: string[],
  ) {
    super(`migpolicy built a ${document} document that schemas/${document}.json rejects (a migpolicy bug): ${problems.join("; ")}`);
  }
}

function problems(kind: "host" | "fleet", value: unknown): string[] | null {
  validators ??= compiled();
  const validate = validators[kind];
  if (validate(value)) return null;
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}

/** Why the schema rejects a host document, or null when it accepts it. */
export function hostDocumentProblems(document: HostDocument): string[] | null {
  return problems("host", document);
}

export function fleetDocumentProblems(document: FleetDocument): string[] | null {
  return problems("fleet", document);
}

export function assertHostDocument(document: HostDocument): void {
  const found = hostDocumentProblems(document);
  if (found !== null) throw new SchemaViolation("host", found);
}

export function assertFleetDocument(document: FleetDocument): void {
  const found = fleetDocumentProblems(document);
  if (found !== null) throw new SchemaViolation("fleet", found);
}
