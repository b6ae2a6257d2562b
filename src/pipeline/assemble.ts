/**
 * The hosts' outcomes, in discovery order, into one result with the fleet's findings. The
 * fleet is evaluated first, from the fleet entries alone, so that the fleet checks' memory
 * and the hosts' findings are not both held at once.
 */
import { schemaProblems } from "../eval/validate.js";
import { type FleetEntryJson, fleetEntryText, type Policy } from "../eval/policy.js";
import { MAX_DIR_ENTRIES } from "../loader/fs.js";
import { diagnostic, type Diagnostic } from "../model/diagnostic.js";
import { FLEET_SCHEMA_VERSION } from "../model/fleet.js";
import type { FleetReport, Verdict } from "../model/finding.js";
import { byCodePoint, compareFindings, type ScanResult } from "../model/result.js";
import type { HostOutcome } from "./host-step.js";
import { fleetEntryJson, reportOf, type SerializedOutcome } from "./wire.js";

export function assemble(outcomes: (HostOutcome | SerializedOutcome)[], truncated: Iterable<string>, policy: Policy): ScanResult {
  const result: ScanResult = { hosts: [], findings: [], diagnostics: [] };
  const fleet = evaluateFleet(outcomes, policy, result.diagnostics);
  const skipped = new Map<string, FleetReport["not_evaluated"]>();
  for (const entry of fleet.not_evaluated) skipped.set(entry.root, [...(skipped.get(entry.root) ?? []), entry]);
  const said = new Set<string>();
  for (const outcome of outcomes) {
    const { summary, findings, diagnostics } = reportOf(outcome);
    if (summary !== null) {
      const failure = fleet.failures[summary.root];
      if (failure !== undefined && OUTDONE_BY_FAILURE.has(summary.verdict.summary)) {
        summary.verdict = { ...summary.verdict, summary: "migrations fail", reason: failure };
      }
      for (const { rule, reason } of skipped.get(summary.root) ?? []) summary.not_evaluated.push({ rule, reason });
      summary.not_evaluated.sort((a, b) => byCodePoint(a.rule, b.rule));
      result.hosts.push(summary);
    }
    for (const d of diagnostics) {
      // Hosts of one deployment repository read the same files: a problem in one is said once.
      const key = `${d.code}\u0000${d.location.file}\u0000${d.location.line}\u0000${d.location.column}\u0000${JSON.stringify(d.args)}`;
      if (said.has(key)) continue;
      said.add(key);
      result.diagnostics.push(d);
    }
    for (const finding of findings) {
      // A repository file is one fact whatever the hosts that use it: a shared key, a CA key are reported once.
      if (finding.rule.startsWith("DEP-")) {
        const key = `${finding.rule}\u0000${finding.location.file}\u0000${finding.message}`;
        if (said.has(key)) continue;
        said.add(key);
      }
      result.findings.push(finding);
    }
  }
  for (const d of truncatedFolders(truncated)) result.diagnostics.push(d);
  for (const finding of fleet.findings) result.findings.push({ ...finding, host: null, root: null });
  result.findings.sort(compareFindings);
  return result;
}

/**
 * The verdicts a failed handshake with a peer overrides: what the host's own files say
 * about the channels, which no migration gets to use. A host that does not start, whose
 * own configuration already fails every migration, or that migrates in clear (its own
 * outgoing migrations need no handshake the peer refuses) keeps that verdict.
 */
const OUTDONE_BY_FAILURE = new Set<Verdict["summary"]>(["encrypted and authenticated", "encrypted, not fully authenticated"]);

/** The fleet checks, once a cloud: the hosts of one deployment repository's inventory, or all the others together. */
function evaluateFleet(outcomes: (HostOutcome | SerializedOutcome)[], policy: Policy, diagnostics: Diagnostic[]): FleetReport {
  // Each host's entry as JSON, as a worker sent it: a fleet of 10,000 hosts made ~100 MB of
  // objects here only to serialise them again for policy.wasm.
  const clouds = new Map<string | null, FleetEntryJson[]>();
  for (const outcome of outcomes) {
    const entry = fleetEntryJson(outcome);
    if (entry === null) continue;
    const hosts = clouds.get(outcome.cloud);
    if (hosts === undefined) clouds.set(outcome.cloud, [entry]);
    else hosts.push(entry);
  }
  if (clouds.size === 0) clouds.set(null, []);
  const report: FleetReport = { findings: [], failures: {}, not_evaluated: [] };
  for (const hosts of clouds.values()) {
    const problems = fleetProblems(hosts);
    if (problems.length > 0) {
      diagnostics.push(diagnostic("schema-violation", { document: "fleet", problems: problems.join("; ") }, { file: ".", line: 1, column: 1 }));
      continue;
    }
    const one = policy.evaluateFleetEntries(hosts);
    for (const finding of one.findings) report.findings.push(finding);
    Object.assign(report.failures, one.failures);
    for (const skipped of one.not_evaluated) report.not_evaluated.push(skipped);
  }
  return report;
}

/**
 * What schemas/fleet.json rejects in the fleet document of these entries, host by host (the
 * schema says nothing across hosts), so that only one entry's objects exist at a time.
 */
function fleetProblems(hosts: FleetEntryJson[]): string[] {
  const problems: string[] = [];
  hosts.forEach((entry, index) => {
    // Our own JSON (serializeOutcome, or fleetEntryJson), in this process.
    const document: unknown = { schema_version: FLEET_SCHEMA_VERSION, hosts: [JSON.parse(fleetEntryText(entry))] };
    for (const problem of schemaProblems("fleet", document) ?? []) problems.push(problem.replace(/^\/hosts\/0(?=\/|\s|$)/, `/hosts/${index}`));
  });
  return problems;
}

export function truncatedFolders(truncated: Iterable<string>): Diagnostic[] {
  return [...truncated].map((folder) => diagnostic("folder-truncated", { limit: MAX_DIR_ENTRIES }, { file: folder, line: 1, column: 1 }));
}
