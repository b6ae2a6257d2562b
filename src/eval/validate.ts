/**
 * Checks documents against the JSON Schemas in schemas/ before evaluation. The build
 * compiles the schemas with Ajv into build/validators/schemas.cjs, so a scan loads ready
 * validation functions instead of compiling the schemas on every start.
 */
import type { FleetDocument } from "../model/fleet.js";
import type { HostDocument } from "../model/host.js";
import type { ValidateFunction } from "../model/validator.js";

import { loadValidators, type SchemaName } from "./validators-file.js";

export type { SchemaName } from "./validators-file.js";

let validators: Record<SchemaName, ValidateFunction> | undefined;

/** The compiled validation function of a schema, loaded once. */
export function validator(name: SchemaName): ValidateFunction {
  validators ??= loadValidators();
  return validators[name];
}

/** Why a value fails a schema (JSON Pointer and message, one a problem), or null when it passes. */
export function schemaProblems(name: SchemaName, value: unknown): string[] | null {
  const validate = validator(name);
  if (validate(value)) return null;
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`.trim());
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

/** Why the schema rejects a host document, or null when it accepts it. */
export function hostDocumentProblems(document: HostDocument): string[] | null {
  return schemaProblems("host", document);
}

export function fleetDocumentProblems(document: FleetDocument): string[] | null {
  return schemaProblems("fleet", document);
}

export function assertHostDocument(document: HostDocument): void {
  const found = hostDocumentProblems(document);
  if (found !== null) throw new SchemaViolation("host", found);
}

export function assertFleetDocument(document: FleetDocument): void {
  const found = fleetDocumentProblems(document);
  if (found !== null) throw new SchemaViolation("fleet", found);
}
