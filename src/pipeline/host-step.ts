/** The per-host step, in this thread or a worker's: read and build the document, validate it, evaluate it. */
import { type BuildOptions, buildHostDocument } from "../document/host.js";
import { hostDocumentProblems } from "../eval/validate.js";
import type { CustomBundle } from "../eval/bundle.js";
import type { Policy } from "../eval/policy.js";
import { TreeFiles } from "../loader/host-files.js";
import type { HostSource } from "../loader/discover.js";
import type { Tree } from "../loader/fs.js";
import { diagnostic, type Diagnostic } from "../model/diagnostic.js";
import type { FleetHost } from "../model/fleet.js";
import type { Finding } from "../model/finding.js";
import type { HostDocument } from "../model/host.js";
import { byCodePoint, type HostSummary } from "../model/result.js";

/** One host's share of a scan: what the report keeps and what the fleet document needs (null: the host was skipped). */
export interface HostOutcome {
  summary: HostSummary | null;
  findings: Finding[];
  diagnostics: Diagnostic[];
  fleetEntry: FleetHost | null;
}

export interface HostStepHooks {
  /** Users' own checks, evaluated beside the pack. */
  bundles?: CustomBundle[];
  /** Called with each host document after it is built and validated. */
  onHostDocument?: (document: HostDocument) => void;
}

export interface LoadedHost {
  document: HostDocument;
  /** Reading's diagnostics, then the document builders'. */
  diagnostics: Diagnostic[];
}

/** Reads one host's files from the tree and builds its document (not yet validated). */
export function loadHost(
  tree: Tree,
  source: HostSource,
  settings: BuildOptions = { scanTime: Math.floor(Date.now() / 1000), modesMeaningful: true },
): LoadedHost {
  const files = new TreeFiles(tree);
  const built = buildHostDocument(files, source, settings);
  tree.releaseCache();
  return { document: built.document, diagnostics: [...files.diagnostics, ...built.diagnostics] };
}

export function evaluateSource(tree: Tree, source: HostSource, settings: BuildOptions, policy: Policy, hooks: HostStepHooks = {}): HostOutcome {
  const { document, diagnostics } = loadHost(tree, source, settings);
  const problems = hostDocumentProblems(document);
  if (problems !== null) {
    // A document the schema rejects is a migpolicy bug: this host is skipped, the fleet goes on.
    diagnostics.push(diagnostic("schema-violation", { document: "host", problems: problems.join("; ") }, { file: source.root, line: 1, column: 1 }));
    return { summary: null, findings: [], diagnostics, fleetEntry: null };
  }
  hooks.onHostDocument?.(document);
  const report = policy.evaluateHost(document);
  const host = { host: document.host.name, root: document.host.root };
  const findings: Finding[] = report.findings.map((finding) => ({ ...finding, ...host }));
  for (const bundle of hooks.bundles ?? []) {
    const evaluated = bundle.evaluateHost(document);
    for (const finding of evaluated.findings) findings.push({ ...finding, ...host });
    for (const d of evaluated.diagnostics) diagnostics.push(d);
  }
  return {
    summary: {
      name: document.host.name,
      root: document.host.root,
      layout: document.host.layout,
      verdict: report.verdict,
      not_evaluated: [...report.not_evaluated].sort((a, b) => byCodePoint(a.rule, b.rule)),
    },
    findings,
    diagnostics,
    fleetEntry: report.fleet_entry,
  };
}
