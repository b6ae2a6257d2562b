/** The public API of migpolicy: the pipeline's stages, each usable alone. */
export { scan, scanPath, scanTree, selectRules, ScanInputError, type ScanOptions, type ScanResult, type HostSummary } from "./scan.js";
export { readTar, ArchiveBackend } from "./loader/archive.js";
export { Tree } from "./loader/fs.js";
export { discoverHosts, type HostSource } from "./loader/discover.js";
export { loadHost, type LoadedHost } from "./loader/host.js";
export { parseOsloIni, type OsloFile } from "./loader/formats/oslo-ini.js";
export { parseVirConf, type VirConfFile } from "./loader/formats/virconf.js";
export { Policy, PolicyEngineError, HOST_ENTRYPOINT, FLEET_ENTRYPOINT } from "./eval/policy.js";
export { CustomBundle } from "./eval/bundle.js";
export { chunkedFormatter, formatter, writeFileAtomic, writeFileAtomicAsync, FORMAT_NAMES, type ChunkedFormatter, type FormatName, type ReportContext } from "./report/index.js";
export { loadCatalogue, renderMessage, withRules, type Catalogue, type Rule } from "./model/catalogue.js";
export { assertHostDocument, assertFleetDocument, SchemaViolation } from "./model/validate.js";
export type { HostDocument } from "./model/host.js";
export type { FleetDocument } from "./model/fleet.js";
export type { Finding, PolicyFinding, Severity } from "./model/finding.js";
export type { Diagnostic } from "./model/diagnostic.js";
export type { Location } from "./model/location.js";
export { TOOL } from "./tool.js";
