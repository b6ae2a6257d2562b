/**
 * A check's METADATA → its rule: the one mapping, used by the build for the pack
 * (`opa inspect -a`) and by the bundle loader for users' checks (a bundle's .manifest).
 * The METADATA is validated against schemas/metadata.json first, compiled by the build.
 */
import type { Metadata } from "../model/metadata.js";
import type { Rule } from "../model/rule.js";
import { schemaProblems } from "./validate.js";

/** An annotation as OPA gives it (`opa inspect -a`, a Wasm bundle's .manifest). */
export interface Annotation {
  title?: unknown;
  description?: unknown;
  related_resources?: unknown;
  custom?: unknown;
  schemas?: unknown;
}

function isMetadata(value: unknown): value is Metadata {
  return schemaProblems("metadata", value) === null;
}

/** Whether an annotation is a check's (it has an id), rather than a package's or a helper's. */
export function isCheck(annotation: Annotation): boolean {
  return typeof annotation.custom === "object" && annotation.custom !== null && "id" in annotation.custom;
}

export type RuleOrProblems = { ok: true; rule: Rule } | { ok: false; problems: string[] };

/** Where the check lives: its file, its area, and which document it reads. */
export interface RulePlace {
  file: string;
  area: string;
  input: "host" | "fleet";
}

export function ruleFromMetadata(annotation: Annotation, place: RulePlace): RuleOrProblems {
  if (!isMetadata(annotation)) return { ok: false, problems: schemaProblems("metadata", annotation) ?? [] };
  const { custom } = annotation;
  const rule: Rule = {
    id: custom.id,
    title: annotation.title,
    description: annotation.description.trim(),
    severity: custom.severity,
    security_severity: custom.security_severity ?? 5,
    cwe: custom.cwe ?? [],
    remediation: custom.remediation.trim(),
    messages: Object.fromEntries(Object.entries(custom.messages).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    references: (annotation.related_resources ?? []).map((r) => ({ url: r.ref, description: r.description ?? "" })),
    file: place.file,
    area: place.area,
    input: place.input,
  };
  if (custom.aliases !== undefined && custom.aliases.length > 0) rule.aliases = custom.aliases;
  if (custom.deprecated !== undefined) rule.deprecated = custom.deprecated;
  return { ok: true, rule };
}
