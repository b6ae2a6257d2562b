import type { Catalogue } from "../model/catalogue.js";
import type { ScanResult } from "../scan.js";

/** What every formatter gets: the scan's result, the rule catalogue, and facts about the run. */
export interface ReportContext {
  result: ScanResult;
  catalogue: Catalogue;
  tool: { name: string; version: string; informationUri: string };
}

export type Formatter = (context: ReportContext) => string;
