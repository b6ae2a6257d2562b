/** The per-host step, in this thread or a worker's: read and build the document, validate it, evaluate it. */
import { type BuildOptions, buildHostDocument } from "../document/host.js";
import { buildKollaHost } from "../document/kolla/host.js";
import { hostDocumentProblems } from "../eval/validate.js";
import type { CustomBundle } from "../eval/bundle.js";
import type { Policy } from "../eval/policy.js";
import { decodeUtf8 } from "../loader/formats/text.js";
import { TreeFiles } from "../loader/host-files.js";
import type { HostSource } from "../loader/discover.js";
import type { Tree } from "../loader/fs.js";
import { diagnostic, type Diagnostic } from "../model/diagnostic.js";
import type { ReadResult } from "../model/files.js";
import type { FleetHost } from "../model/fleet.js";
import type { Finding, SkippedCheck } from "../model/finding.js";
import type { HostDocument } from "../model/host.js";
import type { Location } from "../model/location.js";
import { byCodePoint, type HostSummary } from "../model/result.js";
import { suppressInline } from "./suppress.js";

/** One host's share of a scan: what the report keeps and what the fleet document needs (null: the host was skipped). */
export interface HostOutcome {
  /**
   * The cloud the host belongs to, for the fleet checks: a deployment repository's inventory
   * (two environments, or two inventories, are two clouds whose hosts never migrate to each
   * other); null for every other host, all of one fleet.
   */
  cloud: string | null;
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
  /** null when the host cannot be built (a deployment repository's host that cannot be rendered): the diagnostics say why. */
  document: HostDocument | null;
  /** Reading's diagnostics, then the document builders'. */
  diagnostics: Diagnostic[];
  /** The files read (as text or raw), their bytes and stats, by path: where ignore comments are looked for. */
  contents: ReadonlyMap<string, Extract<ReadResult, { kind: "file" }>>;
  /** For a rendered host: where its document's places come from in the repository. */
  rendered?: { relatedOf: (location: Location) => Location[]; editable: (location: Location) => boolean };
}

/** Reads one host's files from the tree and builds its document (not yet validated). */
export function loadHost(
  tree: Tree,
  source: HostSource,
  settings: BuildOptions = { scanTime: Math.floor(Date.now() / 1000), modesMeaningful: true },
): LoadedHost {
  const files = new TreeFiles(tree);
  const { deployment } = source;
  if (deployment !== undefined) {
    const built = buildKollaHost(files, { ...source, deployment }, settings);
    tree.releaseCache();
    return {
      document: built.document,
      diagnostics: [...files.diagnostics, ...built.diagnostics],
      contents: files.contents,
      rendered: built,
    };
  }
  const built = buildHostDocument(files, source, settings);
  tree.releaseCache();
  return { document: built.document, diagnostics: [...files.diagnostics, ...built.diagnostics], contents: files.contents };
}

/** What an ignore comment holds (`# migpolicy: ignore ...`): a file without it has none. */
const IGNORE_MARKER = Buffer.from("migpolicy:");

/** A file's text, where it may hold an ignore comment (null otherwise). */
const commentedText = (bytes: Uint8Array | undefined): string | null => {
  if (bytes === undefined || !Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(IGNORE_MARKER)) return null;
  const decoded = decodeUtf8(bytes);
  return decoded.ok ? decoded.text : null;
};

/**
 * An entry the tree holds (a file, or a link as the tree keeps it). A file the host's step read
 * is one: asking the tree again cost a host a system call per component of each finding's path
 * (its stats are released once the document is built).
 */
const held = (tree: Tree, read: LoadedHost["contents"], path: string) => read.has(path) || tree.exists(path) || tree.linkTarget(path) !== null;

/**
 * No finding points at a file the tree does not hold: a check whose file is absent (no nova.conf,
 * no qemu.conf in the tree) decided from defaults the tree cannot show, so it is "not evaluated"
 * with the reason; related locations in absent files are dropped.
 */
function inTree(tree: Tree, read: LoadedHost["contents"], located: Finding[], only: string | undefined): { findings: Finding[]; unlocated: SkippedCheck[] } {
  const findings: Finding[] = [];
  const unlocated = new Map<string, SkippedCheck>();
  // A file given by itself: the folder it lies in holds other files that are not the host's.
  const inScope = (path: string) => (only === undefined ? held(tree, read, path) : path === only);
  for (const finding of located) {
    const file = finding.location.file;
    if (!inScope(file)) {
      unlocated.set(`${finding.rule}\u0000${file}`, { rule: finding.rule, reason: `${file} is not in the tree, so what it would decide is not shown` });
      continue;
    }
    findings.push(finding.related.every((r) => inScope(r.file)) ? finding : { ...finding, related: finding.related.filter((r) => inScope(r.file)) });
  }
  return { findings, unlocated: [...unlocated.values()] };
}

/**
 * A rendered host's finding gains the repository lines behind its place (those not already
 * related), and keeps only the edits of repository lines themselves: an edit of a line rendered
 * from a template would be written into globals.yml.
 */
function inRepository(finding: Finding, rendered: LoadedHost["rendered"]): Finding {
  if (rendered === undefined) return finding;
  const out: Finding = { ...finding };
  const { fix } = finding;
  if (fix?.edits.some((edit) => !rendered.editable(edit.location))) out.fix = { ...fix, edits: fix.edits.filter((edit) => rendered.editable(edit.location)) };
  if (!("line" in finding.location)) return out;
  const at = finding.location;
  const same = (a: Location, b: Location) => a.file === b.file && a.line === b.line;
  // Places rendered from one repository line all move to it: a related place equal to the finding's says nothing.
  const related = [...finding.related, ...rendered.relatedOf(at)].filter((l, i, all) => !same(l, at) && all.findIndex((m) => same(m, l)) === i);
  return { ...out, related };
}

export function evaluateSource(tree: Tree, source: HostSource, settings: BuildOptions, policy: Policy, hooks: HostStepHooks = {}): HostOutcome {
  const { document, diagnostics, contents, rendered } = loadHost(tree, source, settings);
  const cloud = source.deployment === undefined ? null : `${source.deployment.repository}\u0000${source.deployment.inventory ?? ""}`;
  if (document === null) return { cloud, summary: null, findings: [], diagnostics, fleetEntry: null };
  const problems = hostDocumentProblems(document);
  if (problems !== null) {
    // A document the schema rejects is a migpolicy bug: this host is skipped, the fleet goes on.
    diagnostics.push(diagnostic("schema-violation", { document: "host", problems: problems.join("; ") }, { file: source.root, line: 1, column: 1 }));
    return { cloud, summary: null, findings: [], diagnostics, fleetEntry: null };
  }
  hooks.onHostDocument?.(document);
  const report = policy.evaluateHost(document);
  const host = { host: document.host.name, root: document.host.root };
  const located: Finding[] = report.findings.map((finding) => inRepository({ ...finding, ...host }, rendered));
  for (const bundle of hooks.bundles ?? []) {
    const evaluated = bundle.evaluateHost(document);
    for (const finding of evaluated.findings) located.push({ ...finding, ...host });
    for (const d of evaluated.diagnostics) diagnostics.push(d);
  }
  const { findings: kept, unlocated } = inTree(tree, contents, located, source.paths.only);
  const findings = kept.length === 0 ? kept : suppressInline(kept, (file) => commentedText(contents.get(file)?.bytes), diagnostics);
  const notEvaluated = [...report.not_evaluated, ...unlocated];
  return {
    cloud,
    summary: {
      name: document.host.name,
      root: document.host.root,
      layout: document.host.layout,
      verdict: report.verdict,
      not_evaluated: notEvaluated.sort((a, b) => byCodePoint(a.rule, b.rule)),
    },
    findings,
    diagnostics,
    // A host that does not migrate through libvirt takes no part in the fleet's migration checks.
    fleetEntry: report.verdict.summary === "not applicable" ? null : report.fleet_entry,
  };
}
