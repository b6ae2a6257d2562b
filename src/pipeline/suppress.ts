/**
 * Accepting a finding, with a reason: an ignore comment on the line before it in the scanned
 * file, an ignore entry of the configuration (by rule, host and path, until an expiry date),
 * or a baseline of an earlier run. A suppressed finding keeps its place in the result, marked,
 * so that JSON and SARIF still show it; it no longer fails the run.
 */
import { minimatch } from "minimatch";
import { diagnostic, type Diagnostic } from "../model/diagnostic.js";
import { findingFingerprint } from "../model/fingerprint.js";
import { hasRegion, type Finding } from "../model/finding.js";
import type { Location } from "../model/location.js";
import type { ScanResult } from "../model/result.js";

/** `# migpolicy: ignore NOVA-021, LV-005 -- why` (or `;`), alone on its line. */
const IGNORE_COMMENT = /^\s*[#;]\s*migpolicy:\s*ignore\s+([A-Za-z][A-Za-z0-9]*-\d+(?:\s*,\s*[A-Za-z][A-Za-z0-9]*-\d+)*)\s*(?:--\s*(.*?))?\s*$/;

export interface IgnoreComment {
  rules: string[];
  /** null when the comment gives none: such a comment is not honoured. */
  reason: string | null;
}

export function parseIgnoreComment(line: string): IgnoreComment | null {
  const match = IGNORE_COMMENT.exec(line);
  if (match === null) return null;
  const rules = (match[1] as string).split(",").map((rule) => rule.trim().toUpperCase());
  const reason = match[2]?.trim() ?? "";
  return { rules, reason: reason === "" ? null : reason };
}

/**
 * Marks each finding whose line is preceded by an ignore comment naming its rule, in the
 * file the finding is located in (`text` gives a file's text, or null). Only the line right
 * before counts; a comment without a reason is said, not honoured.
 */
export function suppressInline(findings: Finding[], text: (file: string) => string | null, diagnostics: Diagnostic[]): Finding[] {
  const lines = new Map<string, string[] | null>();
  const said = new Set<string>();
  const lineOf = (file: string, line: number): string | undefined => {
    let all = lines.get(file);
    if (all === undefined) {
      const content = text(file);
      all = content === null ? null : content.split("\n");
      lines.set(file, all);
    }
    return all?.[line - 1];
  };
  return findings.map((finding) => {
    const { location } = finding;
    if (!hasRegion(location) || location.line < 2) return finding;
    const previous = lineOf(location.file, location.line - 1);
    const comment = previous === undefined ? null : parseIgnoreComment(previous.replace(/\r$/, ""));
    if (comment === null || !comment.rules.includes(finding.rule)) return finding;
    const at: Location = { file: location.file, line: location.line - 1, column: 1 };
    if (comment.reason === null) {
      const key = `${at.file}\u0000${at.line}`;
      if (!said.has(key)) diagnostics.push(diagnostic("ignore-without-reason", { rules: comment.rules.join(", ") }, at));
      said.add(key);
      return finding;
    }
    return { ...finding, suppression: { kind: "inSource", justification: comment.reason, location: at } };
  });
}

/** An ignore entry of the configuration: the rule, optionally hosts and a path (globs), a reason, an expiry. */
export interface IgnoreEntry {
  rule: string;
  /** Matched against the host's name and its folder; an entry with hosts never matches a fleet-wide finding. */
  hosts?: string;
  /** Matched against the finding's file, relative to the scanned path. */
  path?: string;
  reason: string;
  /** YYYY-MM-DD: from the day after, the entry is not honoured and its findings return. */
  expires?: string;
  location: Location;
}

const matches = (value: string, pattern: string) => minimatch(value, pattern, { dot: true, nocase: false });

function covers(entry: IgnoreEntry, finding: Finding): boolean {
  if (entry.rule !== finding.rule) return false;
  if (entry.hosts !== undefined) {
    if (finding.host === null) return false;
    if (!matches(finding.host, entry.hosts) && !(finding.root !== null && matches(finding.root, entry.hosts))) return false;
  }
  return entry.path === undefined || matches(finding.location.file, entry.path);
}

/** The configuration's ignore entries applied to a result; `today` is YYYY-MM-DD (UTC). */
export function suppressByEntries(result: ScanResult, entries: IgnoreEntry[], today: string): ScanResult {
  const live: IgnoreEntry[] = [];
  const diagnostics = [...result.diagnostics];
  for (const entry of entries) {
    if (entry.expires !== undefined && entry.expires < today)
      diagnostics.push(diagnostic("ignore-expired", { rule: entry.rule, expired: entry.expires }, entry.location));
    else live.push(entry);
  }
  const findings = result.findings.map((finding) => {
    if (finding.suppression !== undefined) return finding;
    const entry = live.find((e) => covers(e, finding));
    return entry === undefined ? finding : { ...finding, suppression: { kind: "external" as const, justification: entry.reason, location: entry.location } };
  });
  return { ...result, findings, diagnostics };
}

/** Findings an earlier run already reported (by fingerprint) are accepted as the baseline's. */
export function suppressByBaseline(result: ScanResult, fingerprints: ReadonlySet<string>, baseline: string): ScanResult {
  const justification = `reported already in the baseline ${baseline}`;
  const findings = result.findings.map((finding) =>
    finding.suppression === undefined && fingerprints.has(findingFingerprint(finding))
      ? { ...finding, suppression: { kind: "external" as const, justification } }
      : finding,
  );
  return { ...result, findings };
}
