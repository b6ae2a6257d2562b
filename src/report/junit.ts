/**
 * JUnit XML, the report CI systems (GitLab, Jenkins, Azure Pipelines, test-report actions)
 * read: a test suite per host with a test case per check, failed by its findings and
 * skipped, with the reason, where the tree could not decide it; load problems are errors
 * of a suite of their own. Checks of the FLEET area run across hosts: their fleet-wide
 * findings go to a "fleet" suite.
 */
import { reportedFindings } from "../model/result.js";
import type { Finding } from "../model/finding.js";
import type { Rule } from "../model/rule.js";
import type { ReportContext } from "./context.js";
import { placeOf, printable, renderDiagnostic, renderMessage } from "./message.js";

/** Text safe in XML 1.0 content and attributes: no control character survives printable(). */
function xml(text: string): string {
  return printable(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Lines of element content, each made safe, with real line breaks between them. */
function xmlLines(lines: string[]): string {
  return lines.map(xml).join("\n");
}

interface Case {
  name: string;
  classname: string;
  /** The XML inside the test case: a failure, a skip or an error; "" when it passed. */
  body: string;
  outcome: "passed" | "failed" | "skipped" | "error";
}

function ruleCase(rule: Rule, classname: string, findings: Finding[], skippedBecause: string | undefined): Case {
  const name = `${rule.id} ${rule.title}`;
  const messages = findings.map((f) => renderMessage(rule, f.message, f.args));
  const [first] = messages;
  if (first !== undefined) {
    const lines = findings.map((f, i) => `${placeOf(f.location)}: ${messages[i]}`);
    const body = `<failure type="${rule.severity}" message="${xml(first)}">${xmlLines([...lines, `fix: ${rule.remediation.replace(/\s+/g, " ").trim()}`])}</failure>`;
    return { name, classname, body, outcome: "failed" };
  }
  if (skippedBecause !== undefined) return { name, classname, body: `<skipped message="${xml(skippedBecause)}"/>`, outcome: "skipped" };
  return { name, classname, body: "", outcome: "passed" };
}

function suite(name: string, cases: Case[]): string[] {
  const count = (outcome: Case["outcome"]) => cases.filter((c) => c.outcome === outcome).length;
  const lines = [
    `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${count("failed")}" errors="${count("error")}" skipped="${count("skipped")}">\n`,
  ];
  for (const c of cases) {
    const open = `    <testcase classname="${xml(c.classname)}" name="${xml(c.name)}"`;
    lines.push(c.body === "" ? `${open}/>\n` : `${open}>${c.body}</testcase>\n`);
  }
  lines.push("  </testsuite>\n");
  return lines;
}

export function junitLines({ result, catalogue }: ReportContext): Iterable<string> {
  const suites: { name: string; cases: Case[] }[] = [];
  const byRoot = new Map<string | null, Finding[]>();
  for (const f of reportedFindings(result)) {
    const list = byRoot.get(f.root);
    if (list === undefined) byRoot.set(f.root, [f]);
    else list.push(f);
  }
  for (const host of result.hosts) {
    const findings = byRoot.get(host.root) ?? [];
    const skipped = new Map(host.not_evaluated.map((s) => [s.rule, s.reason]));
    const classname = `${host.name} (${host.root})`;
    const cases = catalogue.rules.map((rule) =>
      ruleCase(
        rule,
        classname,
        findings.filter((f) => f.rule === rule.id),
        skipped.get(rule.id),
      ),
    );
    suites.push({ name: classname, cases });
  }
  const fleetWide = byRoot.get(null) ?? [];
  if (fleetWide.length > 0) {
    const rules = catalogue.rules.filter((rule) => fleetWide.some((f) => f.rule === rule.id));
    suites.push({
      name: "fleet",
      cases: rules.map((rule) =>
        ruleCase(
          rule,
          "fleet",
          fleetWide.filter((f) => f.rule === rule.id),
          undefined,
        ),
      ),
    });
  }
  if (result.diagnostics.length > 0) {
    const cases = result.diagnostics.map(renderDiagnostic).map((d): Case => {
      const at = `${d.location.file}:${d.location.line}:${d.location.column}`;
      const tag = d.severity === "error" ? "error" : "system-out";
      return {
        name: `${d.code} ${at}`,
        classname: "load",
        body: `<${tag}${tag === "error" ? ` type="${d.code}" message="${xml(d.message)}"` : ""}>${xml(`${at}: ${d.message}`)}</${tag}>`,
        outcome: d.severity === "error" ? "error" : "passed",
      };
    });
    suites.push({ name: "load problems", cases });
  }
  const all = suites.flatMap((s) => s.cases);
  const count = (outcome: Case["outcome"]) => all.filter((c) => c.outcome === outcome).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<testsuites name="migpolicy" tests="${all.length}" failures="${count("failed")}" errors="${count("error")}" skipped="${count("skipped")}">\n`,
    ...suites.flatMap((s) => suite(s.name, s.cases)),
    "</testsuites>\n",
  ];
}
