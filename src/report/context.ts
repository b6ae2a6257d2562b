import type { ScanResult } from "../model/result.js";
import type { Catalogue } from "../model/rule.js";

/** What every formatter gets: the scan's result, the rule catalogue, and facts about the run. */
export interface ReportContext {
  result: ScanResult;
  catalogue: Catalogue;
  tool: { name: string; version: string; informationUri: string };
  /** SARIF runs[].automationDetails.id: GitHub keeps one set of alerts per category. */
  category?: string;
  /**
   * SARIF: where the scanned root lies in the source tree whose files alerts should land on
   * (a git repository): URIs are `prefix/<tree path>` under %SRCROOT%, which `uri` (a
   * file: URI ending in /) resolves. Without it URIs are relative to the scanned root.
   */
  sourceRoot?: { prefix: string; uri?: string };
  /** Text: only the findings, no verdict or notes. */
  quiet?: boolean;
}

export type Formatter = (context: ReportContext) => string;

/** A formatter that hands its output over in pieces, for outputs too large to hold at once. */
export type ChunkedFormatter = (context: ReportContext) => Iterable<string>;
