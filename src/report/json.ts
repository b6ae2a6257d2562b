/**
 * Findings for scripts: a stable, versioned shape (docs/json-output.md).
 * Messages are rendered; the template id and arguments stay for tools that
 * want them.
 */
import { findingFingerprint } from "../model/fingerprint.js";
import { ruleById } from "../model/rule.js";
import type { ReportContext } from "./context.js";
import { renderDiagnostic, renderMessage } from "./message.js";
import { STREAMED, stringifyStreaming, withNewline } from "./stream-json.js";

const JSON_REPORT_VERSION = 1;

/** The JSON report in pieces: each finding is rendered as it is written. */
export function jsonChunks({ result, catalogue, tool }: ReportContext): Iterable<string> {
  const rules = ruleById(catalogue);
  const report = {
    report_version: JSON_REPORT_VERSION,
    tool: { name: tool.name, version: tool.version },
    hosts: result.hosts,
    findings: STREAMED,
    diagnostics: result.diagnostics.map(renderDiagnostic),
  };
  return withNewline(
    stringifyStreaming(report, result.findings, (f) => {
      const rule = rules.get(f.rule);
      return {
        rule: f.rule,
        severity: rule?.severity ?? null,
        title: rule?.title ?? null,
        host: f.host,
        message: renderMessage(rule, f.message, f.args),
        message_id: f.message,
        args: f.args,
        location: f.location,
        related: f.related,
        fix: f.fix ?? null,
        fingerprint: findingFingerprint(f),
        suppression: f.suppression ?? null,
      };
    }),
  );
}
