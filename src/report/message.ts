/** Findings' and diagnostics' messages, rendered from their templates and arguments. */
import { DIAGNOSTICS, type Diagnostic, type DiagnosticSeverity } from "../model/diagnostic.js";
import { type FindingLocation, type Fix, hasRegion } from "../model/finding.js";
import type { Location } from "../model/location.js";
import type { Rule } from "../model/rule.js";

/**
 * Text from the input made safe to show: control characters (C0, DEL, C1), line and
 * paragraph separators and bidirectional overrides become visible escapes, so a file or host
 * name cannot move a terminal's cursor, clear its screen, fake a line of the report, or
 * reorder what a viewer of the SARIF log reads.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it replaces.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** `file:line:column`, the form terminals and editors link, or the file alone for a finding about all of it. */
export function placeOf(location: FindingLocation): string {
  return hasRegion(location) ? `${location.file}:${location.line}:${location.column}` : location.file;
}

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

/** One line a reader can act on: the command, or the edit with where it goes. */
export function fixLine(fix: Fix, findingFile: string): string {
  if (fix.command !== undefined) return `${fix.description}: ${fix.command}`;
  const [edit, ...more] = fix.edits;
  if (edit === undefined) return fix.description;
  const file = edit.location.file === findingFile ? "" : ` of ${edit.location.file}`;
  const where = `line ${edit.location.line}${file}`;
  // Lines of an edit each in their quotes: "add `[libvirt]` and `live_migration_scheme = tls`".
  const text = edit.text
    .split("\n")
    .map((line) => `\`${line}\``)
    .join(" and ");
  const what = edit.action === "replace" ? `change ${where} to ${text}` : `add ${text} ${edit.action === "insert-after" ? "after" : "before"} ${where}`;
  const edits = more.length === 0 ? what : `${what} (and ${more.length} more edit${more.length === 1 ? "" : "s"}, in the JSON and SARIF reports)`;
  // "Set x = 1: change line 5 to `x = 1`" says the edit twice; a description that adds a why stays.
  return fix.description.includes(edit.text) ? edits : `${fix.description}: ${edits}`;
}

/** The first sentence of a rule's text (its remediation), on one line. */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const end = flat.search(/(?<!\b(?:e\.g|i\.e))\.(?:\s|$)/);
  return end >= 0 ? flat.slice(0, end + 1) : flat;
}

/** The page of a rule's documentation (docs/rules/<id>.md in migpolicy's repository). */
export function ruleHelpUri(informationUri: string, id: string): string {
  return `${informationUri}/blob/main/docs/rules/${id}.md`;
}
