/**
 * One line a finding, `file:line:column: severity rule: message`, then one a load problem:
 * the shape compilers print, which terminals and editors turn into links. Paths are relative
 * to the scanned folder.
 */
import { reportedFindings } from "../model/result.js";
import { ruleById } from "../model/rule.js";
import type { ReportContext } from "./context.js";
import { placeOf, printable, renderDiagnostic, renderMessage } from "./message.js";

export function compactLines({ result, catalogue }: ReportContext): Iterable<string> {
  const rules = ruleById(catalogue);
  const lines: string[] = [];
  for (const f of reportedFindings(result)) {
    const rule = rules.get(f.rule);
    lines.push(`${printable(placeOf(f.location))}: ${rule?.severity ?? "medium"} ${printable(f.rule)}: ${printable(renderMessage(rule, f.message, f.args))}\n`);
  }
  for (const d of result.diagnostics.map(renderDiagnostic)) {
    lines.push(`${printable(d.location.file)}:${d.location.line}:${d.location.column}: ${d.severity} ${d.code}: ${printable(d.message)}\n`);
  }
  return lines;
}
