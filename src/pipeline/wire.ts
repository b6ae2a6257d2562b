/**
 * A host's outcome as a worker thread sends it: JSON text. Until the report needs them, a
 * fleet's findings cost the receiving thread's heap (and its garbage collector) far less as
 * text than as objects: 10,000 hosts held 440 MB during the scan, 290 MB as text.
 */
import type { FoundHost } from "../loader/discover.js";
import type { BuildOptions } from "../document/host.js";
import { type FleetEntryJson, fleetEntryJsonOf } from "../eval/policy.js";
import type { HostOutcome } from "./host-step.js";

export interface SerializedOutcome {
  report: string;
  fleetEntry: FleetEntryJson | null;
  cloud: string | null;
}

export function serializeOutcome({ fleetEntry, cloud, ...report }: HostOutcome): SerializedOutcome {
  return { report: JSON.stringify({ cloud, ...report }), fleetEntry: fleetEntry === null ? null : fleetEntryJsonOf(fleetEntry), cloud };
}

/** An outcome in this thread's hands, whichever thread made it. */
export function reportOf(outcome: HostOutcome | SerializedOutcome): Omit<HostOutcome, "fleetEntry"> {
  // Our own JSON from serializeOutcome, in this process.
  return "report" in outcome ? (JSON.parse(outcome.report) as Omit<HostOutcome, "fleetEntry">) : outcome;
}

/** The outcome's fleet entry as JSON, or null when the host takes no part in the fleet checks. */
export function fleetEntryJson(outcome: HostOutcome | SerializedOutcome): FleetEntryJson | null {
  if ("report" in outcome) return outcome.fleetEntry;
  return outcome.fleetEntry === null ? null : fleetEntryJsonOf(outcome.fleetEntry);
}

/** What a worker is given: the scan's hosts, and the counter from which each thread takes the next one's index. */
export interface WorkerJob {
  root: string;
  sources: readonly FoundHost[];
  next: Int32Array;
  settings: BuildOptions;
  policyUrl: string;
}

export type WorkerMessage = { kind: "outcome"; index: number; outcome: SerializedOutcome } | { kind: "done"; truncated: string[] };
