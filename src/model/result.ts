/** What a scan hands the report stage: plain data, in report order. */
import type { Diagnostic } from "./diagnostic.js";
import { type Finding, type FindingLocation, hasRegion, type SkippedCheck, type Verdict } from "./finding.js";
import type { Layout } from "./host.js";

export interface HostSummary {
  name: string;
  root: string;
  layout: Layout;
  verdict: Verdict;
  not_evaluated: SkippedCheck[];
}

export interface ScanResult {
  hosts: HostSummary[];
  findings: Finding[];
  diagnostics: Diagnostic[];
}

/** The findings a report lists and that fail a run: those not accepted by an ignore comment, entry or baseline. */
export function reportedFindings(result: ScanResult): Finding[] {
  return result.findings.filter((f) => f.suppression === undefined);
}

/** Orders strings by code point, independent of the locale. */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const lineOf = (location: FindingLocation): number => (hasRegion(location) ? location.line : 0);
const columnOf = (location: FindingLocation): number => (hasRegion(location) ? location.column : 0);

/** Report order: host, file, line, column (a whole file's findings first), rule, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    byCodePoint(a.host ?? "", b.host ?? "") ||
    byCodePoint(a.location.file, b.location.file) ||
    lineOf(a.location) - lineOf(b.location) ||
    columnOf(a.location) - columnOf(b.location) ||
    byCodePoint(a.rule, b.rule) ||
    byCodePoint(a.message, b.message)
  );
}
