/**
 * The hosts' outcomes, in discovery order, into one result with the fleet's findings. The
 * fleet is evaluated first, from the fleet entries alone, so that the fleet checks' memory
 * and the hosts' findings are not both held at once.
 */
import { fleetDocumentProblems } from "../eval/validate.js";
import type { Policy } from "../eval/policy.js";
import { MAX_DIR_ENTRIES } from "../loader/fs.js";
import { diagnostic, type Diagnostic } from "../model/diagnostic.js";
import { FLEET_SCHEMA_VERSION, type FleetDocument, type FleetHost } from "../model/fleet.js";
import type { PolicyFinding } from "../model/finding.js";
import { compareFindings, type ScanResult } from "../model/result.js";
import type { HostOutcome } from "./host-step.js";
import { fleetEntryOf, reportOf, type SerializedOutcome } from "./wire.js";

export function assemble(outcomes: (HostOutcome | SerializedOutcome)[], truncated: Iterable<string>, policy: Policy): ScanResult {
  const result: ScanResult = { hosts: [], findings: [], diagnostics: [] };
  const fleetFindings = evaluateFleet(outcomes, policy, result.diagnostics);
  for (const outcome of outcomes) {
    const { summary, findings, diagnostics } = reportOf(outcome);
    if (summary !== null) result.hosts.push(summary);
    for (const d of diagnostics) result.diagnostics.push(d);
    for (const finding of findings) result.findings.push(finding);
  }
  for (const d of truncatedFolders(truncated)) result.diagnostics.push(d);
  for (const finding of fleetFindings) result.findings.push({ ...finding, host: null, root: null });
  result.findings.sort(compareFindings);
  return result;
}

function evaluateFleet(outcomes: (HostOutcome | SerializedOutcome)[], policy: Policy, diagnostics: Diagnostic[]): PolicyFinding[] {
  const hosts = outcomes.map(fleetEntryOf).filter((entry): entry is FleetHost => entry !== null);
  const fleet: FleetDocument = { schema_version: FLEET_SCHEMA_VERSION, hosts };
  const problems = fleetDocumentProblems(fleet);
  if (problems !== null) {
    diagnostics.push(diagnostic("schema-violation", { document: "fleet", problems: problems.join("; ") }, { file: ".", line: 1, column: 1 }));
    return [];
  }
  return policy.evaluateFleet(fleet).findings;
}

export function truncatedFolders(truncated: Iterable<string>): Diagnostic[] {
  return [...truncated].map((folder) => diagnostic("folder-truncated", { limit: MAX_DIR_ENTRIES }, { file: folder, line: 1, column: 1 }));
}
