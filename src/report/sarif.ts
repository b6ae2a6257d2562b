/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF consumers. Artifact
 * URIs are relative to the source root (uriBaseId %SRCROOT%, the repository when
 * the scan runs in a checkout), so alerts land on the repository's files; rules come from
 * the catalogue, so their text lives once, in the policies' METADATA.
 */
import { DIAGNOSTICS, type Diagnostic } from "../model/diagnostic.js";
import { findingFingerprint } from "../model/fingerprint.js";
import { ruleById, type Rule } from "../model/rule.js";
import { type Finding, type FindingLocation, type Fix, hasRegion, type Severity } from "../model/finding.js";
import type { ReportContext } from "./context.js";
import { printable, renderDiagnostic, renderMessage, ruleHelpUri } from "./message.js";
import { STREAMED, stringifyStreaming, withNewline } from "./stream-json.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

/** SARIF plain-text messages are complete sentences (rule SARIF2001). */
function sentence(text: string): string {
  return text.endsWith(".") ? text : `${text}.`;
}

function encodeUri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

type ArtifactLocation = { uri: string; uriBaseId: "%SRCROOT%" };

/** A tree path as SARIF names it: under the scanned root's place in the source tree. */
function locator(prefix: string): (file: string) => ArtifactLocation {
  return (file) => ({ uri: encodeUri(prefix === "" ? file : `${prefix}/${file}`), uriBaseId: "%SRCROOT%" });
}

/**
 * A finding about a whole file has no line; GitHub refuses a result without a region
 * (GH1003), so it gets the file's first line, with no column.
 */
function physicalLocation(location: FindingLocation, artifact: (file: string) => ArtifactLocation): object {
  const artifactLocation = artifact(location.file);
  if (!hasRegion(location)) return { artifactLocation, region: { startLine: 1 } };
  const region: Record<string, number> = { startLine: location.line, startColumn: location.column };
  if (location.end_line !== undefined) region.endLine = location.end_line;
  if (location.end_column !== undefined) region.endColumn = location.end_column;
  return { artifactLocation, region };
}

function ruleName(rule: Rule): string {
  const base = rule.file.replace(/^.*\//, "").replace(/\.rego$/, "");
  return base.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

function sarifRule(rule: Rule, informationUri: string): object {
  const references = rule.references.map((r) => `- [${r.description || r.url}](${r.url})`).join("\n");
  const descriptor: Record<string, unknown> = {
    id: rule.id,
    name: ruleName(rule),
    helpUri: ruleHelpUri(informationUri, rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: {
      text: `${rule.description}\n\nFix: ${rule.remediation}`,
      markdown: `${rule.description}\n\n## How to fix\n\n${rule.remediation}\n\n## References\n\n${references}`,
    },
    messageStrings: Object.fromEntries(Object.entries(rule.messages).map(([id, text]) => [id, { text: sentence(text) }])),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ["security", ...rule.cwe.map((cwe) => `external/cwe/cwe-${cwe}`)],
      precision: "high",
      "security-severity": rule.security_severity.toFixed(1),
      severity: rule.severity,
      ...(rule.deprecated === undefined ? {} : { deprecated: rule.deprecated }),
    },
  };
  if (rule.aliases !== undefined) descriptor.deprecatedIds = rule.aliases;
  return descriptor;
}

/**
 * SARIF fixes: a replaced line is its text from column 1 to its end column; an inserted
 * line is an empty region at column 1 of the line it goes before.
 */
function sarifFix(fix: Fix, artifact: (file: string) => ArtifactLocation): object[] {
  if (fix.edits.length === 0) return [];
  return [
    {
      description: { text: fix.description },
      artifactChanges: fix.edits.map((edit) => {
        const { file, line } = edit.location;
        const at = edit.action === "insert-after" ? line + 1 : line;
        const deletedRegion =
          edit.action === "replace"
            ? {
                startLine: line,
                startColumn: 1,
                endLine: line,
                endColumn: edit.location.end_line === line && edit.location.end_column ? edit.location.end_column : 1,
              }
            : { startLine: at, startColumn: 1, endLine: at, endColumn: 1 };
        const text = edit.action === "replace" ? edit.text : `${edit.text}\n`;
        return { artifactLocation: artifact(file), replacements: [{ deletedRegion, insertedContent: { text } }] };
      }),
    },
  ];
}

/**
 * What a host's tree could not show, where GitHub lists a tool's notifications: one a host
 * and reason, naming the checks (a check not evaluated is never a pass).
 */
function notEvaluated(hosts: ReportContext["result"]["hosts"]): object[] {
  return hosts.flatMap((host) => {
    const byReason = new Map<string, string[]>();
    for (const skipped of host.not_evaluated) byReason.set(skipped.reason, [...(byReason.get(skipped.reason) ?? []), skipped.rule]);
    return [...byReason].map(([reason, rules]) => ({
      level: "note",
      message: { text: sentence(printable(`${host.name} (${host.root}): ${rules.join(", ")} not evaluated: ${reason}`)) },
      descriptor: { id: "not-evaluated" },
    }));
  });
}

function notification(diagnostic: Diagnostic, artifact: (file: string) => ArtifactLocation): object {
  const d = renderDiagnostic(diagnostic);
  return {
    level: d.severity,
    message: { text: sentence(printable(d.message)) },
    descriptor: { id: d.code },
    locations: [{ physicalLocation: physicalLocation(d.location, artifact) }],
  };
}

/** The SARIF log in pieces: each result is made as it is written. */
export function sarifChunks({ result, catalogue, tool, category, sourceRoot }: ReportContext): Iterable<string> {
  const artifact = locator(sourceRoot?.prefix ?? "");
  const rules = ruleById(catalogue);
  const ruleIndex = new Map(catalogue.rules.map((rule, index) => [rule.id, index]));
  const verdictOf = new Map(result.hosts.map((h) => [h.root, h.verdict.summary]));
  const toResult = (finding: Finding): object => {
    const rule = rules.get(finding.rule);
    const sarif: Record<string, unknown> = {
      ruleId: finding.rule,
      level: rule ? LEVEL[rule.severity] : "warning",
      message: { text: sentence(printable(renderMessage(rule, finding.message, finding.args))) },
      locations: [{ physicalLocation: physicalLocation(finding.location, artifact) }],
      partialFingerprints: { "migpolicyFinding/v1": findingFingerprint(finding) },
      // The host's answer beside each alert: what the finding means for the migration.
      properties: { host: finding.host, ...(finding.root === null ? {} : { verdict: verdictOf.get(finding.root) ?? null }) },
    };
    const index = ruleIndex.get(finding.rule);
    if (index !== undefined) sarif.ruleIndex = index;
    if (finding.fix && finding.fix.edits.length > 0) sarif.fixes = sarifFix(finding.fix, artifact);
    if (finding.suppression !== undefined) {
      // GitHub closes an alert whose result is suppressed, with the justification as its reason.
      // An ignore comment is in the scanned files; a configuration file is not, so its place is left out.
      const { kind, justification, location } = finding.suppression;
      const where = kind === "inSource" && location !== undefined ? { location: { physicalLocation: physicalLocation(location, artifact) } } : {};
      sarif.suppressions = [{ kind, status: "accepted", justification, ...where }];
    }
    if (finding.related.length > 0) {
      sarif.relatedLocations = finding.related.map((location, id) => ({ id, physicalLocation: physicalLocation(location, artifact) }));
    }
    return sarif;
  };
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: tool.informationUri,
            rules: catalogue.rules.map((rule) => sarifRule(rule, tool.informationUri)),
          },
        },
        automationDetails: { id: `${category ?? "migpolicy"}/` },
        ...(sourceRoot?.uri === undefined ? {} : { originalUriBaseIds: { "%SRCROOT%": { uri: sourceRoot.uri } } }),
        invocations: [
          {
            // False when the scan did not evaluate all it was given (a host skipped, an archive read in part).
            executionSuccessful: !result.diagnostics.some((d) => DIAGNOSTICS[d.code].incomplete),
            toolExecutionNotifications: [...result.diagnostics.map((d) => notification(d, artifact)), ...notEvaluated(result.hosts)],
          },
        ],
        results: STREAMED,
        columnKind: "utf16CodeUnits",
        properties: {
          // The answer per host, beside the findings: is each migration channel protected, and by what.
          hosts: result.hosts.map((h) => ({ name: h.name, root: h.root, layout: h.layout, verdict: h.verdict, not_evaluated: h.not_evaluated })),
        },
      },
    ],
  };
  return withNewline(stringifyStreaming(log, result.findings, toResult));
}
