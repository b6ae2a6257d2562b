import type { FleetHost } from "./fleet.js";
import type { Severity } from "./metadata.js";
import type { Location } from "./location.js";

/** One mechanical change to a file: replace the line at `location`, or insert a line before or after it. */
export interface Edit {
  location: Location;
  action: "replace" | "insert-after" | "insert-before";
  text: string;
}

/** The repair of a finding, where it is mechanical: edits of files, or a command to run on the host. */
export interface Fix {
  description: string;
  edits: Edit[];
  command?: string;
}

/**
 * Where a finding is decided: a place in a file, or a file as a whole (a user's check may
 * say only which file; such a finding has no line, and SARIF gets no region).
 */
export type FindingLocation = Location | { file: string };

/** Whether a finding's location is a place in its file rather than the whole file. */
export function hasRegion(location: FindingLocation): location is Location {
  return "line" in location;
}

/** A finding as the policies return it (policies/lib/result.rego). */
export interface PolicyFinding {
  rule: string;
  /** The key of the message template in the rule's METADATA `custom.messages`. */
  message: string;
  location: FindingLocation;
  args: Record<string, string | number | boolean>;
  related: Location[];
  fix?: Fix;
}

/**
 * Why a finding is accepted: an ignore comment on the line before it in the scanned file
 * (inSource), or an entry of the configuration or a baseline (external). A suppressed finding
 * stays in the JSON and SARIF reports, marked so, and no longer fails the run.
 */
export interface Suppression {
  kind: "inSource" | "external";
  justification: string;
  /** Where it was accepted: the ignore comment, or the configuration entry. */
  location?: Location;
}

/** A finding of a scan: the policy's finding and the host it is about (null for fleet-wide). */
export interface Finding extends PolicyFinding {
  host: string | null;
  /** The host's folder (HostSummary.root): unique in a scan where names may not be; null for fleet-wide. */
  root: string | null;
  suppression?: Suppression;
}

export type { Severity } from "./metadata.js";

/**
 * Each severity's rank, worst first. schemas/metadata.json defines the severities; as a
 * Record over them, this does not compile when the schema gains one it lacks.
 */
const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

export const SEVERITY_ORDER: readonly Severity[] = (Object.keys(SEVERITY_RANK) as Severity[]).sort((a, b) => SEVERITY_RANK[a] - SEVERITY_RANK[b]);

/** Whether a migration channel is protected, and by what (policies/lib/verdict.rego). */
export interface ChannelVerdict {
  /** not-applicable: the channel carries nothing (no block migration when tunnelled; another compute driver). */
  status: "protected" | "unprotected" | "unknown" | "not-applicable";
  by: string;
}

export interface Verdict {
  control: ChannelVerdict;
  memory: ChannelVerdict;
  disks: ChannelVerdict;
  authentication: ChannelVerdict;
  authorisation: ChannelVerdict;
  summary:
    | "encrypted and authenticated"
    | "not encrypted"
    | "encrypted, not fully authenticated"
    | "nova-compute does not start"
    | "migrations fail"
    | "not applicable"
    | "unknown";
  /** Why, when nova-compute does not start, every migration fails, or the host does not migrate through libvirt. */
  reason: string;
}

export const CHANNELS = ["control", "memory", "disks", "authentication", "authorisation"] as const;

/** A check the input cannot decide, and why. */
export interface SkippedCheck {
  rule: string;
  reason: string;
}

/** What the host entrypoint returns for one host document. */
export interface HostReport {
  findings: PolicyFinding[];
  verdict: Verdict;
  not_evaluated: SkippedCheck[];
  fleet_entry: FleetHost;
}

export interface FleetReport {
  findings: PolicyFinding[];
  /** Hosts (by root) whose migrations fail a TLS handshake with a peer, and why. */
  failures: Record<string, string>;
  /** Fleet checks that cannot be evaluated for a host (by root), and why. */
  not_evaluated: (SkippedCheck & { root: string })[];
}
