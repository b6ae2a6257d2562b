/** The public API of migpolicy: scan a path, read the result, format it; each stage usable alone. */
export { scan, scanPath, scanPaths, scanTree, ScanInputError, ScanOptionsError, type ScanOptions } from "./pipeline/scan.js";
export { selectRules } from "./pipeline/select.js";
export { Tree } from "./loader/fs.js";
export { discoverHosts, LAYOUTS, type HostSource, type LayoutPaths } from "./loader/discover.js";
export { TreeFiles } from "./loader/host-files.js";
export { parseOsloIni, type OsloFile } from "./loader/formats/oslo-ini.js";
export { parseVirConf, type VirConfFile } from "./loader/formats/virconf.js";
export { buildHostDocument, type BuiltHost, type BuildOptions } from "./document/host.js";
export { loadHost, type LoadedHost } from "./pipeline/host-step.js";
export { assertFleetDocument, assertHostDocument, fleetDocumentProblems, hostDocumentProblems, SchemaViolation } from "./eval/validate.js";
export { Policy, PolicyEngineError, HOST_ENTRYPOINT } from "./eval/policy.js";
export { BundleError, CustomBundle } from "./eval/bundle.js";
export { loadCatalogue } from "./eval/catalogue.js";
export {
  chunkedFormatter,
  formatter,
  ruleListing,
  writeFileAtomic,
  writeFileAtomicAsync,
  FORMAT_NAMES,
  RULE_LISTING_NAMES,
  type ChunkedFormatter,
  type Formatter,
  type FormatName,
  type FormatOptions,
  type ReportContext,
  type RuleListingName,
} from "./report/index.js";
export { renderDiagnostic, renderMessage, type RenderedDiagnostic } from "./report/message.js";
export { TOOL } from "./report/tool.js";
export { RuleIdTaken, withRules, type Catalogue, type Rule, type RuleReference } from "./model/rule.js";
export { DIAGNOSTICS, type Diagnostic, type DiagnosticArgs, type DiagnosticCode, type DiagnosticSeverity } from "./model/diagnostic.js";
export { compareFindings, type HostSummary, type ScanResult } from "./model/result.js";
export type { HostFiles, EntryStats, ReadResult } from "./model/files.js";
export type { HostDocument, Layout } from "./model/host.js";
export type { FleetDocument, FleetHost } from "./model/fleet.js";
export {
  SEVERITY_ORDER,
  CHANNELS,
  hasRegion,
  type ChannelVerdict,
  type Finding,
  type FindingLocation,
  type Fix,
  type Edit,
  type PolicyFinding,
  type Severity,
  type SkippedCheck,
  type Verdict,
} from "./model/finding.js";
export type { Location } from "./model/location.js";
