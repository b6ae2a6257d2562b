/**
 * The configuration file (.migpolicy.yaml, or --config FILE) and the baseline (--baseline
 * FILE): read, checked (schemas/config.json), and turned into what the pipeline takes. A
 * file that cannot be used stops the run with its place: a configuration silently ignored
 * would change what fails.
 */
import { existsSync, readFileSync } from "node:fs";
import { LineCounter, parseDocument, isMap, isSeq, type Node } from "yaml";
import { schemaProblems } from "../eval/validate.js";
import type { MigpolicyConfig } from "../model/config.js";
import type { Location } from "../model/location.js";
import type { IgnoreEntry } from "../pipeline/suppress.js";

export class ConfigError extends Error {}

export const DEFAULT_CONFIG_FILES = [".migpolicy.yaml", ".migpolicy.yml"];

export interface LoadedConfig {
  file: string;
  config: MigpolicyConfig;
  ignores: IgnoreEntry[];
}

const MAX_CONFIG_BYTES = 1 << 20;

function readText(file: string, what: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new ConfigError(`${what} ${file} cannot be read: ${(error as Error).message}`);
  }
  if (bytes.length > MAX_CONFIG_BYTES) throw new ConfigError(`${what} ${file} is larger than ${MAX_CONFIG_BYTES >> 20} MiB`);
  return bytes.toString("utf8");
}

/** The configuration named, else .migpolicy.yaml in the working folder if there is one, else none. */
export function loadConfig(named: string | undefined): LoadedConfig | null {
  const file = named ?? DEFAULT_CONFIG_FILES.find((name) => existsSync(name));
  if (file === undefined) return null;
  const text = readText(file, "the configuration");
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Location => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  const first = document.errors[0];
  if (first !== undefined) {
    const place = at(first.pos[0]);
    throw new ConfigError(`${file}:${place.line}:${place.column}: ${first.message.split("\n")[0]}`);
  }
  const value: unknown = document.toJS({ maxAliasCount: 100 }) ?? {};
  const problems = schemaProblems("config", value);
  if (problems !== null) {
    // The place of the first problem: the node its JSON Pointer names, else the file's start.
    const pointer = problems[0]?.split(" ")[0] ?? "/";
    const node = document.getIn(
      pointer
        .split("/")
        .filter((p) => p !== "")
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      true,
    ) as Node | undefined;
    const place = node?.range ? at(node.range[0]) : { line: 1, column: 1 };
    throw new ConfigError(`${file}:${place.line}:${place.column}: ${problems.join("; ")} (schemas/config.json)`);
  }
  const config = value as MigpolicyConfig;
  const seq = document.get("ignore", true);
  const ignores: IgnoreEntry[] = (config.ignore ?? []).map((entry, index) => {
    const item = isSeq(seq) ? seq.items[index] : undefined;
    const offset = isMap(item) && item.range ? item.range[0] : 0;
    return {
      rule: entry.rule.toUpperCase(),
      reason: entry.reason,
      location: at(offset),
      ...(entry.hosts === undefined ? {} : { hosts: entry.hosts }),
      ...(entry.path === undefined ? {} : { path: entry.path }),
      ...(entry.expires === undefined ? {} : { expires: entry.expires }),
    };
  });
  return { file, config, ignores };
}

/**
 * The fingerprints of the findings a previous run reported: its JSON report (each finding's
 * `fingerprint`) or its SARIF log (partialFingerprints "migpolicyFinding/v1").
 */
export function loadBaseline(file: string): Set<string> {
  const text = readText(file, "the baseline");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`the baseline ${file} is not JSON: ${(error as Error).message}`);
  }
  const fingerprints = new Set<string>();
  const add = (fingerprint: unknown) => {
    if (typeof fingerprint === "string" && fingerprint !== "") fingerprints.add(fingerprint);
  };
  const record = (v: unknown): Record<string, unknown> | null =>
    typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  const top = record(value);
  if (top !== null && Array.isArray(top.findings)) {
    for (const finding of top.findings) add(record(finding)?.fingerprint);
  } else if (top !== null && Array.isArray(top.runs)) {
    for (const run of top.runs) {
      const results = record(run)?.results;
      if (!Array.isArray(results)) continue;
      for (const result of results) add(record(record(result)?.partialFingerprints)?.["migpolicyFinding/v1"]);
    }
  } else {
    throw new ConfigError(`the baseline ${file} is neither a migpolicy JSON report nor a SARIF log`);
  }
  return fingerprints;
}
