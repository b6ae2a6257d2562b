import { createHash } from "node:crypto";
import type { Finding } from "./finding.js";

/**
 * A finding's identity across runs, unaffected by edits elsewhere in its file (no line
 * numbers in it): SARIF's partialFingerprints, and what a baseline is matched by.
 */
export function findingFingerprint(finding: Pick<Finding, "rule" | "host" | "location" | "message" | "args">): string {
  const key = JSON.stringify([finding.rule, finding.host, finding.location.file, finding.message, finding.args]);
  return createHash("sha256").update(key).digest("hex").slice(0, 32);
}
