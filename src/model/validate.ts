/** Validates documents against the JSON Schemas in schemas/ before evaluation. */
import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import type { FleetDocument } from "./fleet.js";
import type { HostDocument } from "./host.js";

const SCHEMA_DIR = new URL("../../../schemas/", import.meta.url);

let validators: { host: ValidateFunction; fleet: ValidateFunction } | undefined;

function compile(): { host: ValidateFunction; fleet: ValidateFunction } {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  const load = (name: string): object => JSON.parse(readFileSync(new URL(name, SCHEMA_DIR), "utf8")) as object;
  return { host: ajv.compile(load("host.json")), fleet: ajv.compile(load("fleet.json")) };
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
  validators ??= compile();
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
