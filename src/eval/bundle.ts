/**
 * Users' own checks, as an OPA Wasm bundle built with `opa build -t wasm` from their
 * Rego: every entrypoint is one check whose METADATA (scope document, in the bundle's
 * .manifest) carries the same fields as migpolicy's own rules, and whose value is the
 * set of findings for a host document: `{message, location, args, related?}`.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { gunzipSync } from "node:zlib";
import type * as OpaWasm from "@open-policy-agent/opa-wasm";
import type { LoadedPolicy } from "@open-policy-agent/opa-wasm";
import type { Rule } from "../model/catalogue.js";
import type { PolicyFinding, Severity } from "../model/finding.js";
import type { HostDocument } from "../model/host.js";
import { PolicyEngineError } from "./policy.js";

const { loadPolicySync } = createRequire(import.meta.url)("@open-policy-agent/opa-wasm") as typeof OpaWasm;
const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low", "info"];

function untar(archive: Uint8Array): Map<string, Buffer> {
  const tar = gunzipSync(archive);
  const files = new Map<string, Buffer>();
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    const name = header.subarray(0, 100).toString("utf8").replace(/\0.*$/s, "");
    if (name === "") break;
    const size = parseInt(header.subarray(124, 136).toString("utf8").replace(/\0.*$/s, "").trim(), 8);
    files.set(name.replace(/^\//, ""), tar.subarray(offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

interface ManifestAnnotation {
  title?: string;
  description?: string;
  related_resources?: { ref: string; description?: string }[];
  custom?: Record<string, unknown>;
}

function ruleFrom(entrypoint: string, annotations: ManifestAnnotation[], bundle: string): Rule {
  const a = annotations.find((x) => x.custom?.id !== undefined);
  const custom = a?.custom;
  const problem = (what: string) => new PolicyEngineError(`${bundle}: entrypoint ${entrypoint}: its METADATA lacks ${what}`);
  if (!a || !custom) throw problem("custom.id (put the METADATA on the entrypoint rule, scope document)");
  const severity = custom.severity as Severity;
  if (!SEVERITIES.includes(severity)) throw problem("a custom.severity of critical, high, medium, low or info");
  if (typeof a.title !== "string" || typeof a.description !== "string") throw problem("a title and a description");
  if (typeof custom.remediation !== "string") throw problem("custom.remediation");
  const messages = custom.messages as Record<string, string> | undefined;
  if (!messages || typeof messages !== "object") throw problem("custom.messages");
  return {
    id: String(custom.id),
    title: a.title,
    description: a.description.trim(),
    severity,
    security_severity: Number(custom.security_severity ?? 5),
    cwe: (custom.cwe as number[] | undefined) ?? [],
    remediation: custom.remediation.trim(),
    messages,
    references: (a.related_resources ?? []).map((r) => ({ url: r.ref, description: r.description ?? "" })),
    file: `${bundle}#${entrypoint}`,
    area: "custom",
    input: "host",
  };
}

export class CustomBundle {
  private constructor(
    private readonly loaded: LoadedPolicy,
    readonly rules: { entrypoint: string; rule: Rule }[],
  ) {}

  static load(path: string): CustomBundle {
    let files: Map<string, Buffer>;
    try {
      files = untar(readFileSync(path));
    } catch (cause) {
      throw new PolicyEngineError(`${path}: not an OPA bundle (.tar.gz)`, { cause });
    }
    const wasm = files.get("policy.wasm");
    const manifest = files.get(".manifest");
    if (!wasm || !manifest) throw new PolicyEngineError(`${path}: the bundle holds no policy.wasm; build it with \`opa build -t wasm\``);
    const entries = (JSON.parse(manifest.toString("utf8")) as { wasm?: { entrypoint: string; annotations?: ManifestAnnotation[] }[] }).wasm ?? [];
    const rules = entries.map((e) => ({ entrypoint: e.entrypoint, rule: ruleFrom(e.entrypoint, e.annotations ?? [], path) }));
    try {
      return new CustomBundle(loadPolicySync(wasm, { initial: 5, maximum: 8192 }), rules);
    } catch (cause) {
      throw new PolicyEngineError(`${path}: cannot load its policy.wasm`, { cause: cause instanceof Error ? cause : new Error(String(cause)) });
    }
  }

  evaluateHost(document: HostDocument): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    for (const { entrypoint, rule } of this.rules) {
      let value: unknown;
      try {
        value = (this.loaded.evaluate(document, entrypoint) as { result: unknown }[])[0]?.result;
      } catch (cause) {
        throw new PolicyEngineError(`evaluating ${entrypoint} failed`, { cause: cause instanceof Error ? cause : new Error(String(cause)) });
      }
      for (const f of Array.isArray(value) ? (value as Partial<PolicyFinding>[]) : []) {
        if (!f.location || typeof f.message !== "string") throw new PolicyEngineError(`${entrypoint} returned a finding without message or location`);
        findings.push({ rule: rule.id, message: f.message, location: f.location, args: f.args ?? {}, related: f.related ?? [] });
      }
    }
    return findings;
  }
}
