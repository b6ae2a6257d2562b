/**
 * A host's outcome as a worker thread sends it: JSON text. Until the report needs them, a
 * fleet's findings cost the receiving thread's heap (and its garbage collector) far less as
 * text than as objects: 10,000 hosts held 440 MB during the scan, 290 MB as text.
 */
import { type FoundHost, sourceOf } from "../loader/discover.js";
import type { BuildOptions } from "../document/host.js";
import type { Tree } from "../loader/fs.js";
import { type FleetEntryJson, fleetEntryJsonOf, type Policy } from "../eval/policy.js";
import { evaluateSource, type HostOutcome } from "./host-step.js";

export interface SerializedOutcome {
  report: string;
  fleetEntry: FleetEntryJson | null;
  cloud: string | null;
}

export function serializeOutcome({ fleetEntry, cloud, ...report }: HostOutcome): SerializedOutcome {
  return { report: JSON.stringify({ cloud, ...report }), fleetEntry: fleetEntry === null ? null : fleetEntryJsonOf(fleetEntry), cloud };
}

/**
 * The scan's hosts that this thread takes, with their index: each is the next one of the
 * counter all threads share, so every host goes to one thread.
 */
export function* claimHosts(next: Int32Array, sources: readonly FoundHost[]): Generator<[number, FoundHost]> {
  for (let index = Atomics.add(next, 0, 1); index < sources.length; index = Atomics.add(next, 0, 1)) {
    const found = sources[index];
    if (found !== undefined) yield [index, found];
  }
}

/** A found host loaded and evaluated, as any thread hands its outcome on (the report cannot tell which thread it was). */
export function evaluateFound(tree: Tree, found: FoundHost, settings: BuildOptions, policy: Policy): SerializedOutcome {
  return serializeOutcome(evaluateSource(tree, sourceOf(tree, found), settings, policy));
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
