/** Findings' and diagnostics' messages, rendered from their templates and arguments. */
import { DIAGNOSTICS, type Diagnostic, type DiagnosticSeverity } from "../model/diagnostic.js";
import type { Location } from "../model/location.js";
import type { Rule } from "../model/rule.js";

function fill(template: string, args: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => (name in args ? String(args[name]) : whole));
}

/** A finding's message: its rule's template with `{name}` replaced by the argument. */
export function renderMessage(rule: Rule | undefined, messageId: string, args: Readonly<Record<string, unknown>>): string {
  return fill(rule?.messages[messageId] ?? `${rule?.title ?? "finding"}`, args);
}

/** A diagnostic as every format shows it. */
export interface RenderedDiagnostic {
  code: Diagnostic["code"];
  severity: DiagnosticSeverity;
  message: string;
  location: Location;
}

export function renderDiagnostic(d: Diagnostic): RenderedDiagnostic {
  const kind = DIAGNOSTICS[d.code];
  return { code: d.code, severity: kind.severity, message: fill(kind.template, d.args), location: d.location };
}
