#!/usr/bin/env node
/**
 * `migpolicy eval <path>` and `migpolicy rules`. Exit codes: 0 no finding at or above
 * --fail-on, 1 such findings, 2 usage or fatal error.
 */
import { mkdirSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { BundleError, CustomBundle } from "../eval/bundle.js";
import { loadCatalogue } from "../eval/catalogue.js";
import { PolicyEngineError } from "../eval/policy.js";
import { LAYOUTS } from "../loader/discover.js";
import { gitWorkTreeTop } from "../loader/fs.js";
import { DIAGNOSTICS } from "../model/diagnostic.js";
import { messageOf } from "../model/errors.js";
import { SEVERITY_ORDER, type Severity } from "../model/finding.js";
import type { HostDocument, Layout } from "../model/host.js";
import { reportedFindings, type ScanResult } from "../model/result.js";
import { RuleIdTaken, withRules, type Catalogue } from "../model/rule.js";
import { KOLLA_RELEASES, seriesOf } from "../document/kolla/releases.js";
import { ScanInputError, scannedFolder, scanPaths } from "../pipeline/scan.js";
import { selectCatalogue, selectRules } from "../pipeline/select.js";
import { suppressByBaseline, suppressByEntries } from "../pipeline/suppress.js";
import { ConfigError, loadBaseline, loadConfig } from "./config.js";
import {
  chunkedFormatter,
  FORMAT_NAMES,
  OutputTargetError,
  outputTarget,
  pieces,
  removeOnSignal,
  RULE_LISTING_NAMES,
  ruleListing,
  writeFileAtomic,
  writeFileAtomicAsync,
  type FormatName,
} from "../report/index.js";
import { closest } from "../loader/formats/text.js";
import { printable, renderDiagnostic } from "../report/message.js";
import { TOOL } from "../report/tool.js";

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

const USAGE = `Usage:
  migpolicy eval <path>... [options]   scan compute hosts' configuration; report findings
  migpolicy rules [--format text|json] list the checks
  migpolicy help [command]             this, or a command's options (migpolicy eval --help)
  migpolicy --version

Examples:
  migpolicy eval ./etc
  migpolicy eval ./fleet --format sarif --output migpolicy.sarif --fail-on high
  migpolicy eval ./fleet --format html -o report.html
`;

const EVAL_HELP = `Usage: migpolicy eval <path>... [options]

<path> is one host's tree or a folder of such trees, one host each, or a .tar,
.tar.gz or .tar.xz archive of either (a sosreport), read without extracting it, or a
single nova.conf, nova-compute.conf, libvirtd.conf, virtproxyd.conf or qemu.conf (what
the other files would decide is then "not evaluated"), or a Kolla-Ansible or Kayobe
repository (a globals.yml, or etc/kayobe/), whose inventory's compute hosts are rendered as
kolla-ansible writes them. Several paths are scanned as one fleet, each named by its path
from the folder they share.

Options of eval:
  --format text|sarif|json|compact|markdown|junit|html
                             output format (default text; compact: file:line:col: severity
                             rule: message, one line a finding; markdown: a summary, as for
                             GitHub's $GITHUB_STEP_SUMMARY; junit: JUnit XML, a test case a
                             host and check, for CI test reports; html: one page to open in
                             a browser, the hosts x channels matrix, filterable)
  --output FILE              write the output to FILE, atomically (a regular file, or a
                             link to one; - is standard output)
  --fail-on SEVERITY         exit 1 only for findings at or above it (any case):
                             ${SEVERITY_ORDER.join(", ")}, or never (default medium:
                             low and info findings are reported, never fail)
  --fail-on-problem LEVEL    exit 1 also for load problems at or above it: error, warning,
                             note, or never (default error: a file that cannot be read
                             or parsed fails the run)
  --rule ID[,ID...]          report only these rules (repeatable)
  --skip-rule ID[,ID...]     do not report these rules (repeatable)
  --layout LAYOUT            skip detection: ${LAYOUTS.join(", ")}
  --kolla-release RELEASE    render a Kolla-Ansible or Kayobe repository for this release:
                             a kolla-ansible version (17.2.0) or an OpenStack release
                             (2024.1); default: the repository's openstack_release
  --category NAME            SARIF automationDetails.id, one set of alerts per category
                             in GitHub code scanning (default migpolicy)
  --source-root DIR          SARIF URIs relative to DIR (default: the git checkout holding
                             the path, else the path), so alerts land on its files
  --file-modes auto|trust|ignore
                             whether the tree's file modes are the host's (default auto:
                             not inside a git checkout)
  --workers N                threads that load and evaluate hosts, this one included
                             (default: one per core, up to 4, for fleets of 200 hosts or
                             more; 0 or 1: one thread, as --dump-input and --policy-bundle
                             always are)
  --quiet                    text: findings only, no verdicts or notes
  --color auto|always|never  text: colour (default auto: a terminal, unless NO_COLOR is
                             set; FORCE_COLOR turns it on)
  --dump-input DIR           also write each host document (JSON, secrets replaced) into DIR
  --policy-bundle FILE       also run your own checks: an OPA Wasm bundle (opa build -t wasm),
                             one entrypoint per check (docs/custom-rules.md); repeatable
  --config FILE              the configuration (default .migpolicy.yaml in the working
                             folder, if there is one): fail-on, rules, skip-rules and
                             ignore entries (rule, hosts, path, reason, expires)
  --baseline FILE            accept the findings a previous JSON or SARIF report of
                             migpolicy holds: only new ones are reported and fail the run

A finding is accepted where the line before it in the scanned file says why:
  # migpolicy: ignore NOVA-021 -- consoles are on the isolated management network
Accepted findings stay in JSON and SARIF (as suppressions, with the reason) and never fail
the run.

Examples:
  migpolicy eval ./etc
  migpolicy eval ./fleet --format sarif --output migpolicy.sarif --fail-on high
  migpolicy eval sosreport-compute-3-2026-11-20-xkqzvbm --rule NOVA-002 --rule LV-001

Exit status: 0 no finding at or above --fail-on (and no load problem at or above
--fail-on-problem), 1 such findings or problems, 2 usage or fatal error, or a scan that did
not evaluate all it was given (a host skipped, a check of yours not run, an archive read
only in part).
`;

const RULES_HELP = `Usage: migpolicy rules [--format text|json]

Lists the checks: id, severity and title a line (text), or each check's METADATA (json).
`;

const HELP: Record<string, string> = { eval: EVAL_HELP, rules: RULES_HELP };

class UsageError extends Error {}

/** "; did you mean X?" when a known word is near the mistyped one. */
function suggestion(word: string, known: readonly string[]): string {
  const near = closest(word, known);
  return near === undefined ? "" : ` (did you mean "${near}"?)`;
}

/** The long options of eval, for suggestions when one is mistyped. */
const EVAL_OPTIONS = [
  "format",
  "output",
  "layout",
  "fail-on",
  "fail-on-problem",
  "config",
  "baseline",
  "rule",
  "skip-rule",
  "category",
  "source-root",
  "file-modes",
  "workers",
  "quiet",
  "color",
  "policy-bundle",
  "dump-input",
  "help",
];

/**
 * Colour in the text report: --color always|never decides; else NO_COLOR (set, not empty)
 * turns it off and FORCE_COLOR (set, not empty or 0) on; else a terminal gets it.
 */
function colorWanted(flag: "auto" | "always" | "never", stream: NodeJS.WriteStream): boolean {
  if (flag !== "auto") return flag === "always";
  const set = (name: string) => process.env[name] !== undefined && process.env[name] !== "";
  if (set("NO_COLOR")) return false;
  if (set("FORCE_COLOR")) return process.env.FORCE_COLOR !== "0";
  return stream.isTTY === true;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new UsageError(`unknown ${what} "${value}"${suggestion(value, allowed)}; use ${allowed.join(", ")}`);
  return value as T;
}

/** --workers: a whole number of threads, as scan takes it (0 to 256). */
function threadCount(value: string): number {
  const count = /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
  if (!(count <= 256)) throw new UsageError(`--workers ${JSON.stringify(value)}: expected a whole number from 0 to 256`);
  return count;
}

function knownRules(ids: string[] | undefined, catalogue: Catalogue): string[] {
  const known = new Set(catalogue.rules.map((r) => r.id));
  for (const id of ids ?? []) if (!known.has(id)) throw new UsageError(`unknown rule "${id}"${suggestion(id, [...known])}; \`migpolicy rules\` lists them`);
  return ids ?? [];
}

async function runEval(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "text" },
      output: { type: "string", short: "o" },
      layout: { type: "string" },
      "kolla-release": { type: "string" },
      "fail-on": { type: "string" },
      "fail-on-problem": { type: "string" },
      config: { type: "string" },
      baseline: { type: "string" },
      rule: { type: "string", multiple: true },
      "skip-rule": { type: "string", multiple: true },
      category: { type: "string" },
      "source-root": { type: "string" },
      "file-modes": { type: "string", default: "auto" },
      workers: { type: "string" },
      quiet: { type: "boolean", short: "q", default: false },
      color: { type: "string", default: "auto" },
      "policy-bundle": { type: "string", multiple: true },
      "dump-input": { type: "string" },
    },
  });
  if (positionals.length === 0) throw new UsageError("eval takes the path to scan (or several, scanned as one fleet)");
  const loaded = loadConfig(values.config);
  const baseline = values.baseline === undefined ? null : loadBaseline(values.baseline);
  const format = oneOf(values.format, FORMAT_NAMES, "format") as FormatName;
  const layout = oneOf<Layout>(values.layout, LAYOUTS, "layout");
  const kollaRelease = values["kolla-release"];
  if (kollaRelease !== undefined && seriesOf(kollaRelease) === null) {
    throw new UsageError(`unknown --kolla-release ${JSON.stringify(kollaRelease)}: expected ${KOLLA_RELEASES}`);
  }
  const failOn = oneOf<Severity | "never">(
    (values["fail-on"] ?? loaded?.config["fail-on"] ?? "medium").toLowerCase(),
    [...SEVERITY_ORDER, "never"],
    "severity",
  ) as Severity | "never";
  const failOnProblem =
    oneOf<ProblemThreshold>((values["fail-on-problem"] ?? loaded?.config["fail-on-problem"] ?? "error").toLowerCase(), PROBLEM_THRESHOLDS, "problem level") ??
    "error";
  const fileModes = oneOf(values["file-modes"], ["auto", "trust", "ignore"] as const, "file-modes value") ?? "auto";
  const workers = values.workers === undefined ? undefined : threadCount(values.workers);
  const colorFlag = oneOf(values.color, ["auto", "always", "never"] as const, "color value") ?? "auto";
  const bundles = (values["policy-bundle"] ?? []).map((path) => CustomBundle.load(path));
  const catalogue = withRules(
    loadCatalogue(),
    bundles.flatMap((b) => b.rules.map((r) => r.rule)),
  );
  // --rule A,B as well as --rule A --rule B.
  const listed = (ids: string[] | undefined) =>
    ids
      ?.flatMap((id) => id.split(","))
      .map((id) => id.trim())
      .filter((id) => id !== "");
  const only = knownRules(listed(values.rule) ?? loaded?.config.rules, catalogue);
  const skip = knownRules(listed(values["skip-rule"]) ?? loaded?.config["skip-rules"], catalogue);
  // An ignore entry for a rule that does not exist accepts nothing: said at its line.
  const ruleIds = catalogue.rules.map((r) => r.id);
  for (const entry of loaded?.ignores ?? []) {
    if (!ruleIds.includes(entry.rule)) {
      const { file, line, column } = entry.location;
      throw new ConfigError(`${file}:${line}:${column}: unknown rule "${entry.rule}"${suggestion(entry.rule, ruleIds)}; \`migpolicy rules\` lists them`);
    }
  }

  const sourceRoot = sarifSourceRoot(positionals, values["source-root"]);
  // Before anything is scanned: a report that cannot be written is said now, not after the scan.
  const target = values.output === undefined ? ({ kind: "stdout" } as const) : outputTarget(values.output);
  const dump = values["dump-input"];
  if (dump !== undefined) mkdirSync(dump, { recursive: true });
  // One file a host: names made safe for a file name can meet ("a b", "a_b"), so a later one gets a number.
  const dumped = new Set<string>();
  const onHostDocument = (document: HostDocument) => {
    const base = (document.host.root === "." ? document.host.name : document.host.root).replace(/[^\w.-]+/g, "_").replace(/^\.+/, "_");
    let name = base;
    for (let n = 2; dumped.has(name); n++) name = `${base}-${n}`;
    dumped.add(name);
    writeFileAtomic(join(dump as string, `${name}.json`), `${JSON.stringify(document, null, 2)}\n`);
  };
  const progress = progressLine(process.stderr);
  const scanned = await scanPaths(positionals, {
    fileModes,
    bundles,
    onProgress: progress.update,
    ...(dump === undefined ? {} : { onHostDocument }),
    ...(layout === undefined ? {} : { layout }),
    ...(workers === undefined ? {} : { workers }),
    ...(kollaRelease === undefined ? {} : { kollaRelease }),
  });
  progress.end();
  let result = selectRules(scanned, { only, skip });
  if (loaded !== null) result = suppressByEntries(result, loaded.ignores, new Date().toISOString().slice(0, 10));
  if (baseline !== null) result = suppressByBaseline(result, baseline, values.baseline as string);
  // --color always colours a file too, as grep's does; auto never does.
  const color = colorFlag === "always" || (target.kind === "stdout" && colorWanted(colorFlag, process.stdout));
  const context = {
    result,
    catalogue: selectCatalogue(catalogue, { only, skip }),
    tool: TOOL,
    quiet: values.quiet,
    ...(values.category === undefined ? {} : { category: values.category }),
    ...(sourceRoot === undefined ? {} : { sourceRoot }),
  };
  const status = exitStatus(result, catalogue, failOn, failOnProblem);
  // A scan that found no host writes no report file and no SARIF: uploaded, a log with no
  // results would close every open alert of the repository.
  if (result.hosts.length === 0 && (target.kind === "file" || format === "sarif")) {
    // Hosts a deployment repository describes may all be found yet none evaluated: said so.
    const why = result.diagnostics.some((d) => d.code === "kolla-not-rendered") ? "no host could be evaluated" : "no host found";
    process.stderr.write(`migpolicy: ${printable(positionals.join(" "))}: ${why}, so no report is written\n`);
    for (const d of result.diagnostics.map(renderDiagnostic))
      process.stderr.write(`  ${printable(d.location.file)}:${d.location.line}:${d.location.column} ${d.severity} ${d.code}: ${printable(d.message)}\n`);
    return EXIT_ERROR;
  }
  const output = chunkedFormatter(format, { color })(context);
  if (target.kind === "file") await writeReport(target.path, output, target.mode);
  else {
    brokenPipe.status = status;
    for (const piece of pieces(output)) process.stdout.write(piece);
  }
  return status;
}

/**
 * Where the scanned folder lies in the source tree (--source-root, else the git checkout
 * holding it, else the folder itself), so SARIF URIs name the repository's own files.
 * An archive's files are inside it, not in any repository: its URIs stay its own.
 */
function sarifSourceRoot(scanned: string[], named: string | undefined): { prefix: string; uri: string } | undefined {
  const folder = scannedFolder(scanned);
  if (folder === undefined) return undefined; // the scan says what is wrong with the path
  if (folder === null) {
    if (named !== undefined) throw new UsageError("--source-root applies to a folder: an archive's files are in no source tree");
    return undefined;
  }
  let top: string;
  if (named !== undefined) {
    let root: string | null = null;
    try {
      root = realpathSync.native(named);
    } catch {}
    if (root === null || !statSync(root).isDirectory()) throw new UsageError(`--source-root ${named} is not a folder`);
    top = root;
  } else {
    top = gitWorkTreeTop(folder) ?? folder;
  }
  const prefix = relative(top, folder);
  if (prefix === ".." || prefix.startsWith(`..${sep}`) || isAbsolute(prefix)) throw new UsageError(`--source-root ${named} does not hold ${scanned.join(" ")}`);
  const uri = pathToFileURL(top).href;
  return { prefix: prefix.split(sep).join("/"), uri: uri.endsWith("/") ? uri : `${uri}/` };
}

type ProblemThreshold = "error" | "warning" | "note" | "never";
const PROBLEM_THRESHOLDS: readonly ProblemThreshold[] = ["error", "warning", "note", "never"];

function exitStatus(result: ScanResult, catalogue: Catalogue, failOn: Severity | "never", failOnProblem: ProblemThreshold): number {
  if (result.hosts.length === 0 || result.diagnostics.some((d) => DIAGNOSTICS[d.code].incomplete)) return EXIT_ERROR;
  const severity = new Map(catalogue.rules.map((r) => [r.id, r.severity]));
  const threshold = failOn === "never" ? -1 : SEVERITY_ORDER.indexOf(failOn);
  const failing = reportedFindings(result).some((f) => SEVERITY_ORDER.indexOf(severity.get(f.rule) ?? "info") <= threshold);
  // A file that could not be read or parsed is a problem the run must not pass over.
  const level = PROBLEM_THRESHOLDS.indexOf(failOnProblem);
  const problem = failOnProblem !== "never" && result.diagnostics.some((d) => PROBLEM_THRESHOLDS.indexOf(DIAGNOSTICS[d.code].severity) <= level);
  return failing || problem ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** The report into its file; a failure while writing (a full disk, say) is the report's, said so. */
async function writeReport(path: string, output: Iterable<string>, mode: number | null): Promise<void> {
  try {
    await writeFileAtomicAsync(path, output, mode);
  } catch (cause) {
    throw new OutputTargetError(path, messageOf(cause), { cause });
  }
}

/** "scanning: 412/1000 hosts" on a terminal's stderr, once a scan has run for a second. */
function progressLine(stream: NodeJS.WriteStream): { update: (done: number, total: number) => void; end: () => void } {
  const started = Date.now();
  let shown = false;
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (!stream.isTTY || now - started < 1000 || (now - last < 100 && done < total)) return;
      last = now;
      shown = true;
      stream.write(`\rscanning: ${done}/${total} hosts`);
    },
    end() {
      if (shown) stream.write("\r\x1b[K");
    },
  };
}

function runRules(args: string[]): number {
  const { values } = parseArgs({ args, options: { format: { type: "string", default: "text" } } });
  const format = oneOf(values.format, RULE_LISTING_NAMES, "format") ?? "text";
  process.stdout.write(ruleListing(format, loadCatalogue()));
  return EXIT_CLEAN;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === "--version" || command === "-V") {
      process.stdout.write(`${TOOL.version}\n`);
      return EXIT_CLEAN;
    }
    if (command === "--help" || command === "-h") {
      process.stdout.write(USAGE);
      return EXIT_CLEAN;
    }
    if (command === "help") {
      const topic = rest[0];
      if (topic !== undefined && HELP[topic] === undefined) throw new UsageError(`no help on "${topic}"${suggestion(topic, Object.keys(HELP))}`);
      process.stdout.write(topic === undefined ? USAGE : (HELP[topic] as string));
      return EXIT_CLEAN;
    }
    if ((command === "eval" || command === "rules") && rest.some((a) => a === "--help" || a === "-h")) {
      process.stdout.write(HELP[command] as string);
      return EXIT_CLEAN;
    }
    // No command is a usage error: the usage goes to stderr, as every error's does.
    if (command === undefined) {
      process.stderr.write(USAGE);
      return EXIT_ERROR;
    }
    if (command === "eval") return await runEval(rest);
    if (command === "rules") return runRules(rest);
    throw new UsageError(`unknown command "${command}"${suggestion(command, ["eval", "rules", "help"])}`);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      let message = (error as Error).message;
      // node:util's parseArgs names an unknown option as '--name' in its message.
      const unknown = /^Unknown option '--([^']+)'/.exec(message)?.[1];
      if (unknown !== undefined) message = `unknown option --${unknown}${suggestion(unknown, EVAL_OPTIONS).replace('"', '"--')}`;
      const helpOn = command === "eval" || command === "rules" ? `migpolicy ${command} --help` : "migpolicy --help";
      process.stderr.write(`migpolicy: ${message}\nRun \`${helpOn}\` for the options.\n`);
      return EXIT_ERROR;
    }
    if (
      error instanceof ScanInputError ||
      error instanceof PolicyEngineError ||
      error instanceof BundleError ||
      error instanceof RuleIdTaken ||
      error instanceof OutputTargetError ||
      error instanceof ConfigError
    ) {
      process.stderr.write(`migpolicy: ${error.message}\n`);
      return EXIT_ERROR;
    }
    process.stderr.write(`migpolicy: internal error: ${(error as Error).message}\n`);
    return EXIT_ERROR;
  }
}

/** A reader that stops early (| head) ends the run quietly, with the status the run earned. */
const brokenPipe = { status: EXIT_CLEAN };
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(brokenPipe.status);
  throw error;
});
removeOnSignal();
// Not a top-level await: the bundle this module is built into (tools/build.mjs) is CommonJS.
void main(process.argv.slice(2)).then((status) => {
  process.exitCode = status;
});
