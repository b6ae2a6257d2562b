/**
 * Findings for people at a terminal: grouped by host and file, worst first in
 * each file's line order, with the fix on the line below and a summary.
 */
import { reportedFindings } from "../model/result.js";
import { CHANNELS, type Finding, type FindingLocation, hasRegion, SEVERITY_ORDER, type Severity } from "../model/finding.js";
import { ruleById } from "../model/rule.js";
import type { ReportContext } from "./context.js";
import { firstSentence, fixLine, placeOf, printable, renderDiagnostic, renderMessage } from "./message.js";

export interface TextOptions {
  color: boolean;
}

const SGR: Record<Severity | "dim" | "bold" | "good", string> = {
  good: "\x1b[32m",
  critical: "\x1b[1;31m",
  high: "\x1b[31m",
  medium: "\x1b[33m",
  low: "\x1b[36m",
  info: "\x1b[2m",
  dim: "\x1b[2m",
  bold: "\x1b[1m",
};

/** `line:column` in a fixed width; a finding about the whole file has no line. */
function place(location: FindingLocation): string {
  return hasRegion(location) ? `${String(location.line).padStart(5)}:${String(location.column).padEnd(3)}` : `${"(file)".padStart(9)}`;
}

export function makeTextFormatter({ color }: TextOptions) {
  const paint = (style: keyof typeof SGR, text: string): string => (color ? `${SGR[style]}${text}\x1b[0m` : text);
  return ({ result, catalogue, quiet }: ReportContext): string => {
    const rules = ruleById(catalogue);
    const lines: string[] = [];
    // By the host's folder: two hosts may share a name, never a folder.
    const byHost = new Map<string | null, Finding[]>();
    const reported = reportedFindings(result);
    for (const finding of reported) {
      const key = finding.root;
      const group = byHost.get(key);
      if (group === undefined) byHost.set(key, [finding]);
      else group.push(finding);
    }
    for (const host of result.hosts) {
      const findings = byHost.get(host.root) ?? [];
      if (quiet && findings.length === 0) continue;
      const summary = host.verdict.summary;
      const why = host.verdict.reason === "" ? "" : ` (${printable(host.verdict.reason)})`;
      lines.push(
        `${paint("bold", printable(host.name)) + paint("dim", ` (${printable(host.root)})`)}: ${paint(summary === "encrypted and authenticated" ? "good" : "high", summary + why)}`,
      );
      for (const channel of quiet ? [] : CHANNELS) {
        const { status, by } = host.verdict[channel];
        const mark =
          status === "protected"
            ? paint("good", "✓")
            : status === "unprotected"
              ? paint("high", "✗")
              : status === "not-applicable"
                ? paint("dim", "–")
                : paint("medium", "?");
        lines.push(`  ${mark} ${channel.padEnd(15)} ${printable(by)}`);
      }
      let file = "";
      for (const f of findings) {
        if (f.location.file !== file) {
          file = f.location.file;
          lines.push(`  ${printable(file)}`);
        }
        const rule = rules.get(f.rule);
        const severity = rule?.severity ?? "medium";
        lines.push(
          `    ${place(f.location)} ${paint(severity, severity.padEnd(8))} ${printable(f.rule).padEnd(9)} ${printable(renderMessage(rule, f.message, f.args))}`,
        );
        if (f.fix) lines.push(paint("dim", `${" ".repeat(33)}fix: ${printable(fixLine(f.fix, f.location.file))}`));
        else if (rule) lines.push(paint("dim", `${" ".repeat(33)}fix: ${printable(firstSentence(rule.remediation))}`));
      }
      const skippedByReason = new Map<string, Set<string>>();
      for (const { rule, reason } of host.not_evaluated) skippedByReason.set(reason, (skippedByReason.get(reason) ?? new Set()).add(rule));
      if (!quiet)
        for (const [reason, rules] of skippedByReason) lines.push(paint("dim", `  not evaluated: ${printable([...rules].join(", "))}: ${printable(reason)}`));
      byHost.delete(host.root);
    }
    for (const [root, findings] of byHost) {
      lines.push(paint("bold", root === null ? "(fleet)" : printable(root)));
      for (const f of findings)
        lines.push(`    ${printable(placeOf(f.location))} ${printable(f.rule)} ${printable(renderMessage(rules.get(f.rule), f.message, f.args))}`);
    }
    if (result.diagnostics.length > 0) {
      lines.push("", paint("bold", "Load problems"));
      for (const d of result.diagnostics.map(renderDiagnostic))
        lines.push(`  ${printable(d.location.file)}:${d.location.line}:${d.location.column} ${d.severity} ${d.code}: ${printable(d.message)}`);
    }
    const counts = SEVERITY_ORDER.map((s) => [s, reported.filter((f) => rules.get(f.rule)?.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`);
    const hostWord = result.hosts.length === 1 ? "host" : "hosts";
    const secure = result.hosts.filter((h) => h.verdict.summary === "encrypted and authenticated").length;
    const findingWord = reported.length === 1 ? "finding" : "findings";
    const suppressed = result.findings.length - reported.length;
    lines.push(
      "",
      `${result.hosts.length} ${hostWord} scanned, ${secure} encrypted and authenticated, ${reported.length} ${findingWord}${counts.length > 0 ? ` (${counts.join(", ")})` : ""}${suppressed > 0 ? `, ${suppressed} accepted (ignore comments, entries or the baseline)` : ""}, ${result.diagnostics.length} load problems`,
    );
    return `${lines.join("\n")}\n`;
  };
}
