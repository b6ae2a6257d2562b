import type { Location } from "./location.js";

/** A finding as the policies return it (policies/lib/result.rego). */
export interface PolicyFinding {
  rule: string;
  /** The key of the message template in the rule's METADATA `custom.messages`. */
  message: string;
  location: Location;
  args: Record<string, string | number | boolean>;
  related: Location[];
}

/** A finding of a scan: the policy's finding and the host it is about (null for fleet-wide). */
export interface Finding extends PolicyFinding {
  host: string | null;
}

export type Severity = "critical" | "high" | "medium" | "low" | "info";

export const SEVERITY_ORDER: readonly Severity[] = ["critical", "high", "medium", "low", "info"];
