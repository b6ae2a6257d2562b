/**
 * A Markdown summary for people reading a CI run (GitHub's $GITHUB_STEP_SUMMARY): the fleet's
 * answer, a table of each host's channels, the findings counted by rule, what was not
 * evaluated and the load problems. Every string from the input is escaped for Markdown.
 */
import { reportedFindings } from "../model/result.js";
import { CHANNELS, type ChannelVerdict, SEVERITY_ORDER } from "../model/finding.js";
import { ruleById } from "../model/rule.js";
import type { ReportContext } from "./context.js";
import { printable, renderDiagnostic } from "./message.js";

/** Text safe inside a Markdown table cell: no control characters, no markup, no HTML. */
function cell(text: string): string {
  return (
    printable(text)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      // Inline markup only: emphasis, code, links (no [ ], so no link or image), strikethrough, cells.
      .replace(/([\\`*_[\]|~])/g, "\\$1")
  );
}

const MARK: Record<ChannelVerdict["status"], string> = { protected: "✓", unprotected: "✗", unknown: "?", "not-applicable": "–" };

export function markdownLines({ result, catalogue }: ReportContext): Iterable<string> {
  const rules = ruleById(catalogue);
  const secure = result.hosts.filter((h) => h.verdict.summary === "encrypted and authenticated").length;
  const lines = [`## migpolicy: ${secure} of ${result.hosts.length} hosts encrypted and authenticated`, ""];
  if (result.hosts.length > 0) {
    lines.push(`| host | answer | ${CHANNELS.join(" | ")} |`, `|---|---|${CHANNELS.map(() => "---").join("|")}|`);
    for (const host of result.hosts) {
      const channels = CHANNELS.map((channel) => `${MARK[host.verdict[channel].status]} ${cell(host.verdict[channel].by)}`);
      const answer = host.verdict.reason === "" ? host.verdict.summary : `${host.verdict.summary} (${host.verdict.reason})`;
      lines.push(`| ${cell(host.name)} (${cell(host.root)}) | ${cell(answer)} | ${channels.join(" | ")} |`);
    }
    lines.push("");
  }
  const byRule = new Map<string, { findings: number; hosts: Set<string> }>();
  for (const f of reportedFindings(result)) {
    const entry = byRule.get(f.rule) ?? { findings: 0, hosts: new Set<string>() };
    entry.findings++;
    entry.hosts.add(f.root ?? "(fleet)");
    byRule.set(f.rule, entry);
  }
  if (byRule.size > 0) {
    const rank = (id: string) => SEVERITY_ORDER.indexOf(rules.get(id)?.severity ?? "info");
    const ordered = [...byRule.entries()].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    lines.push("### Findings by rule", "", "| rule | severity | title | hosts | findings |", "|---|---|---|---|---|");
    for (const [id, { findings, hosts }] of ordered) {
      const rule = rules.get(id);
      lines.push(`| ${cell(id)} | ${rule?.severity ?? ""} | ${cell(rule?.title ?? "")} | ${hosts.size} | ${findings} |`);
    }
    lines.push("");
  }
  const skipped = new Map<string, Set<string>>();
  for (const host of result.hosts) for (const { rule, reason } of host.not_evaluated) skipped.set(reason, (skipped.get(reason) ?? new Set()).add(rule));
  if (skipped.size > 0) {
    lines.push("### Not evaluated", "", "| checks | why |", "|---|---|");
    for (const [reason, ids] of skipped) lines.push(`| ${cell([...ids].sort().join(", "))} | ${cell(reason)} |`);
    lines.push("");
  }
  if (result.diagnostics.length > 0) {
    lines.push("### Load problems", "", "| where | problem |", "|---|---|");
    for (const d of result.diagnostics.map(renderDiagnostic))
      lines.push(`| ${cell(`${d.location.file}:${d.location.line}:${d.location.column}`)} | ${d.severity} ${cell(d.code)}: ${cell(d.message)} |`);
    lines.push("");
  }
  return [`${lines.join("\n")}\n`];
}
