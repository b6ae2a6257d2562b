/**
 * Users' own checks, as an OPA Wasm bundle built with `opa build -t wasm` from their
 * Rego: every entrypoint is one check whose METADATA (scope document, in the bundle's
 * .manifest) carries the same fields as migpolicy's own rules (schemas/metadata.json),
 * and whose value is the set of findings for a host document: `{message, location, args, related?}`.
 * A check whose METADATA is wrong is not run, and a finding without a message or a
 * location is left out: each is a diagnostic naming the bundle, and the scan goes on.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import type { LoadedPolicy } from "@open-policy-agent/opa-wasm";
import { loadPolicySync } from "./opa-wasm.js";
import { parseTar } from "../loader/formats/tar.js";
import { diagnostic, type Diagnostic } from "../model/diagnostic.js";
import { messageOf } from "../model/errors.js";
import { type FindingLocation, hasRegion, type PolicyFinding } from "../model/finding.js";
import type { HostDocument } from "../model/host.js";
import type { Location } from "../model/location.js";
import type { Rule } from "../model/rule.js";
import { type Annotation, isCheck, ruleFromMetadata } from "./metadata.js";

/** A bundle that cannot be used at all: not a bundle, no policy.wasm, a module that does not load. */
export class BundleError extends Error {
  constructor(
    readonly bundle: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${bundle}: ${message}`, options);
  }
}

function filesOf(bundle: string, archive: Uint8Array): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const { entries, problem } = parseTar(gunzipSync(archive));
  if (problem !== null) throw new BundleError(bundle, `the bundle's archive is damaged: ${problem}`);
  for (const entry of entries) {
    if (entry.type === "file") files.set(entry.name.replace(/^\//, ""), entry.data);
  }
  return files;
}

interface ManifestEntry {
  entrypoint: string;
  annotations: Annotation[];
}

function manifestEntries(manifest: Uint8Array): ManifestEntry[] {
  const parsed: unknown = JSON.parse(new TextDecoder().decode(manifest));
  const wasm = typeof parsed === "object" && parsed !== null && "wasm" in parsed && Array.isArray(parsed.wasm) ? (parsed.wasm as unknown[]) : [];
  return wasm.flatMap((entry): ManifestEntry[] => {
    if (typeof entry !== "object" || entry === null || !("entrypoint" in entry) || typeof entry.entrypoint !== "string") return [];
    const listed: unknown[] = "annotations" in entry && Array.isArray(entry.annotations) ? entry.annotations : [];
    // Each an object, whose fields the METADATA schema then checks.
    const annotations = listed.filter((a): a is Annotation => typeof a === "object" && a !== null);
    return [{ entrypoint: entry.entrypoint, annotations }];
  });
}

/** The bundle is not in the scanned tree (the message names it): its load problems are met at the scan's root. */
const SCAN_ROOT: Location = { file: ".", line: 1, column: 1 };

const isPosition = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value >= 1;

/**
 * A finding's location as a check returned it, copied field by field: a place (file, line,
 * column, optionally an end), or a file as a whole (file alone); null for anything else.
 */
function findingLocation(value: unknown): FindingLocation | null {
  if (typeof value !== "object" || value === null) return null;
  const { file, line, column, end_line, end_column } = value as Record<string, unknown>;
  if (typeof file !== "string" || file === "") return null;
  if (line === undefined && column === undefined) return { file };
  if (!isPosition(line) || !isPosition(column)) return null;
  const location: Location = { file, line, column };
  if (isPosition(end_line)) location.end_line = end_line;
  if (isPosition(end_column)) location.end_column = end_column;
  return location;
}

/** A message's arguments: the entries whose values a template can show (strings, numbers, booleans). */
function messageArgs(value: unknown): PolicyFinding["args"] {
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string | number | boolean] => ["string", "number", "boolean"].includes(typeof entry[1])),
  );
}

/** A related location: always a place. */
function relatedLocation(value: unknown): Location[] {
  const location = findingLocation(value);
  return location !== null && hasRegion(location) ? [location] : [];
}

export class CustomBundle {
  private constructor(
    private readonly path: string,
    private readonly loaded: LoadedPolicy,
    readonly rules: { entrypoint: string; rule: Rule }[],
    /** The entrypoints that are not run, and why. */
    readonly diagnostics: Diagnostic[],
  ) {}

  static load(path: string): CustomBundle {
    let files: Map<string, Uint8Array>;
    try {
      files = filesOf(path, readFileSync(path));
    } catch (cause) {
      if (cause instanceof BundleError) throw cause;
      throw new BundleError(path, "not an OPA bundle (.tar.gz)", { cause });
    }
    const wasm = files.get("policy.wasm");
    const manifest = files.get(".manifest");
    if (!wasm || !manifest) throw new BundleError(path, "the bundle holds no policy.wasm; build it with `opa build -t wasm`");
    let entries: ManifestEntry[];
    try {
      entries = manifestEntries(manifest);
    } catch (cause) {
      throw new BundleError(path, "its .manifest is not JSON", { cause });
    }
    const rules: { entrypoint: string; rule: Rule }[] = [];
    const diagnostics: Diagnostic[] = [];
    for (const { entrypoint, annotations } of entries) {
      const annotation = annotations.find(isCheck);
      const mapped = annotation === undefined ? null : ruleFromMetadata(annotation, { file: `${path}#${entrypoint}`, area: "custom", input: "host" });
      if (mapped?.ok) rules.push({ entrypoint, rule: mapped.rule });
      else {
        const lacks =
          mapped === null
            ? "custom.id (put the METADATA on the entrypoint rule, scope document)"
            : `what schemas/metadata.json asks: ${mapped.problems.join("; ")}`;
        diagnostics.push(diagnostic("bundle-rule-invalid", { bundle: path, entrypoint, lacks }, SCAN_ROOT));
      }
    }
    try {
      return new CustomBundle(path, loadPolicySync(wasm, { initial: 5, maximum: 8192 }), rules, diagnostics);
    } catch (cause) {
      throw new BundleError(path, "cannot load its policy.wasm", { cause });
    }
  }

  /** The bundle's findings on one host, and what went wrong evaluating it there. */
  evaluateHost(document: HostDocument): { findings: PolicyFinding[]; diagnostics: Diagnostic[] } {
    const findings: PolicyFinding[] = [];
    const diagnostics: Diagnostic[] = [];
    const at: Location = { file: document.host.root, line: 1, column: 1 };
    for (const { entrypoint, rule } of this.rules) {
      let value: unknown;
      try {
        value = (this.loaded.evaluate(document, entrypoint) as { result: unknown }[])[0]?.result;
      } catch (cause) {
        // opa_abort throws a string, not an Error.
        diagnostics.push(diagnostic("bundle-evaluation-failed", { bundle: this.path, entrypoint, reason: messageOf(cause) }, at));
        continue;
      }
      let invalid = false;
      for (const f of Array.isArray(value) ? (value as unknown[]) : []) {
        const finding = typeof f === "object" && f !== null ? (f as Partial<Record<keyof PolicyFinding, unknown>>) : {};
        const location = findingLocation(finding.location);
        if (location === null || typeof finding.message !== "string") {
          invalid = true;
          continue;
        }
        const args = messageArgs(finding.args);
        const related = Array.isArray(finding.related) ? finding.related.flatMap(relatedLocation) : [];
        findings.push({ rule: rule.id, message: finding.message, location, args, related });
      }
      if (invalid) diagnostics.push(diagnostic("bundle-finding-invalid", { bundle: this.path, entrypoint }, at));
    }
    return { findings, diagnostics };
  }
}
