/**
 * A fix does what it says: applied to the tree that raised its finding (each rule's smallest
 * tree, test/smallest-cases.ts, and the examples), the finding is gone and no rule reports
 * anything that was not reported before. A fix that another rule flags fails here.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { scan } from "../src/index.js";
import type { Edit, Finding } from "../src/model/finding.js";
import { EXAMPLES } from "./helpers.js";
import { build, cases } from "./smallest-cases.js";

/** The file's lines with the edits made, the lowest last so that earlier lines keep their numbers. */
function applyEdits(text: string, edits: Edit[]): string {
  const lines = text.split("\n");
  const ordered = [...edits].sort((a, b) => b.location.line - a.location.line);
  for (const edit of ordered) {
    const index = edit.location.line - 1;
    if (edit.action === "replace") lines[index] = edit.text;
    else if (edit.action === "insert-after") lines.splice(index + 1, 0, edit.text);
    else lines.splice(index, 0, edit.text);
  }
  return lines.join("\n");
}

/** A copy of `root` with the findings' fixes applied. */
function fixed(root: string, findings: Finding[]): string {
  const copy = mkdtempSync(join(tmpdir(), "migpolicy-fixed-"));
  cpSync(root, copy, { recursive: true, verbatimSymlinks: true });
  const byFile = new Map<string, Edit[]>();
  for (const edit of findings.flatMap((f) => f.fix?.edits ?? [])) byFile.set(edit.location.file, [...(byFile.get(edit.location.file) ?? []), edit]);
  for (const [file, edits] of byFile) writeFileSync(join(copy, file), applyEdits(readFileSync(join(copy, file), "utf8"), edits));
  return copy;
}

const key = (f: Finding) => `${f.root ?? "(fleet)"} ${f.rule}`;

/**
 * Each fix is applied where its finding stands on every host that has it (the same rule,
 * message and arguments), as an operator rolls a change out: fixing one host of two would
 * only make them disagree (NOVA-019).
 */
function checkFixes(root: string, options: Parameters<typeof scan>[1]): string[] {
  const before = scan(root, options);
  const reported = new Set(before.findings.map(key));
  const problems: string[] = [];
  const groups = new Map<string, Finding[]>();
  for (const f of before.findings.filter((f) => (f.fix?.edits.length ?? 0) > 0)) {
    const id = JSON.stringify([f.rule, f.message, f.args]);
    groups.set(id, [...(groups.get(id) ?? []), f]);
  }
  for (const group of groups.values()) {
    const finding = group[0]!;
    const after = scan(fixed(root, group), options);
    const left = after.findings.filter((f) => group.some((g) => key(f) === key(g) && f.location.file === g.location.file && f.message === g.message));
    // In a file its reader cannot parse, nothing written takes effect until the syntax is repaired.
    const unparsed = before.diagnostics.some((d) => d.code.endsWith("parse-error") && group.some((g) => g.location.file === d.location.file));
    if (left.length > 0 && !unparsed) problems.push(`${key(finding)}: its fix (${finding.fix?.description}) leaves it reported`);
    for (const raised of after.findings.filter((f) => !reported.has(key(f)))) {
      problems.push(`${key(finding)}: its fix (${finding.fix?.description}) raises ${raised.rule} (${raised.message}) at ${raised.location.file}`);
    }
    const problemsAfter = after.diagnostics.filter((d) => !before.diagnostics.some((b) => b.code === d.code && b.location.file === d.location.file));
    for (const d of problemsAfter) problems.push(`${key(finding)}: its fix makes ${d.location.file} a load problem (${d.code})`);
  }
  return problems;
}

test("every mechanical fix, applied to its rule's smallest tree, removes its finding and raises nothing new", () => {
  let fixes = 0;
  const problems: string[] = [];
  for (const c of cases) {
    const root = build(c);
    fixes += scan(root, { fileModes: "trust" }).findings.filter((f) => (f.fix?.edits.length ?? 0) > 0).length;
    problems.push(...checkFixes(root, { fileModes: "trust" }).map((p) => `${c.story}: ${p}`));
  }
  assert.ok(fixes >= 15, `only ${fixes} mechanical fixes were tried`);
  assert.equal(problems, []);
});

for (const example of ["guide-2019-fleet", "guide-current-fleet", "ossn-0007-fleet", "tunnelled-and-native-tls"]) {
  test(`every mechanical fix in ${example} removes its finding and raises nothing new`, () => {
    // The copies are not in a git checkout: ignore their modes, as the checkout's scan does.
    assert.equal(checkFixes(join(EXAMPLES, example), { fileModes: "ignore" }), []);
  });
}

test.run();
