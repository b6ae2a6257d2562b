/**
 * The pipeline: discover hosts → load each (read, parse, build the document,
 * validate it) → evaluate it → the fleet document → fleet evaluation.
 * Hosts stream through one at a time; only the compact fleet summary is kept.
 */
import { basename, dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync, type Stats, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { CustomBundle } from "../eval/bundle.js";
import { Policy } from "../eval/policy.js";
import { ARCHIVE_NAME, MAX_ARCHIVE_BYTES, readTar, untarBytes, untarBytesAsync, unxz, XZ_ARCHIVE_NAME } from "../loader/archive.js";
import { findHosts, type FoundHost, foldersWithoutHosts, isRootWithoutCompute, LAYOUTS, SINGLE_FILES, singleFileSource, sourceOf } from "../loader/discover.js";
import { type Backend, DiskBackend, insideGitWorkTree, Tree } from "../loader/fs.js";
import { MountBackend } from "../loader/mount.js";
import { diagnostic, type Diagnostic } from "../model/diagnostic.js";
import { messageOf } from "../model/errors.js";
import type { HostDocument, Layout } from "../model/host.js";
import type { ScanResult } from "../model/result.js";
import { assemble, truncatedFolders } from "./assemble.js";
import type { BuildOptions } from "../document/host.js";
import { evaluateSource } from "./host-step.js";
import { KOLLA_RELEASES, seriesOf } from "../document/kolla/releases.js";
import { evaluateOnThreads, MAX_WORKERS, PARALLEL_FLEET_SIZE } from "./workers.js";

export interface ScanOptions {
  policy?: Policy;
  /** Users' own checks, evaluated beside the pack on every host. */
  bundles?: CustomBundle[];
  /** Skip layout detection: the host (or each host of a fleet) has this layout. */
  layout?: Layout;
  /**
   * The kolla-ansible release a deployment repository is rendered for (a version, 17.2.0, or an
   * OpenStack release, 2024.1), beating what the repository says (openstack_release).
   */
  kollaRelease?: string;
  /** Decompressed bytes read from an archive at the most (default 2 GiB). */
  maxArchiveBytes?: number;
  /** The scan's time in seconds since the epoch (default: now). */
  now?: number;
  /**
   * Whether the tree's file modes and owners are the host's: auto trusts them unless the
   * tree is inside a git work tree, where they are the checkout's.
   */
  fileModes?: "auto" | "trust" | "ignore";
  /** Called with each host document after it is built and validated. */
  onHostDocument?: (document: HostDocument) => void;
  /**
   * Threads that load and evaluate hosts, this one and worker threads (scanPath on a folder
   * only, and only without bundles or onHostDocument). Default: one per core, up to 4, for
   * fleets of 200 hosts or more (below that, starting workers costs more than they save); 0
   * or 1 loads every host in this thread.
   */
  workers?: number;
  /** Called as hosts finish: how many are done of how many. */
  onProgress?: (done: number, total: number) => void;
}

/** A scan that cannot start: the path is missing or not a folder. */
export class ScanInputError extends Error {
  constructor(
    /** The path as the caller gave it. */
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${message}`, options);
  }
}

/** Options a scan cannot run with (the library's callers' mistake, said before anything is read). */
export class ScanOptionsError extends Error {
  constructor(
    readonly option: keyof ScanOptions | "options",
    reason: string,
  ) {
    super(option === "options" ? `scan options: ${reason}` : `scan option ${option}: ${reason}`);
  }
}

const isFunction = (value: unknown): boolean => typeof value === "function";

/** Checks what TypeScript cannot check for JavaScript callers, or for values computed at run time. */
function checkOptions(options: ScanOptions): void {
  if (typeof options !== "object" || options === null) throw new ScanOptionsError("options", "must be an object");
  const fail = (option: keyof ScanOptions, reason: string): never => {
    throw new ScanOptionsError(option, reason);
  };
  const { layout, kollaRelease, maxArchiveBytes, now, fileModes, workers, bundles, onHostDocument, onProgress, policy } = options;
  if (layout !== undefined && !LAYOUTS.includes(layout)) fail("layout", `${JSON.stringify(layout)} is none of ${LAYOUTS.join(", ")}`);
  if (kollaRelease !== undefined && (typeof kollaRelease !== "string" || seriesOf(kollaRelease) === null)) {
    fail("kollaRelease", `${JSON.stringify(kollaRelease)} is no kolla-ansible release migpolicy renders (${KOLLA_RELEASES})`);
  }
  if (maxArchiveBytes !== undefined && !(Number.isSafeInteger(maxArchiveBytes) && maxArchiveBytes > 0 && maxArchiveBytes <= MAX_ARCHIVE_BYTES)) {
    fail("maxArchiveBytes", `must be a whole number of bytes from 1 to ${MAX_ARCHIVE_BYTES}`);
  }
  if (now !== undefined && !(Number.isSafeInteger(now) && now >= 0)) fail("now", "must be whole seconds since the epoch, not negative");
  if (fileModes !== undefined && !["auto", "trust", "ignore"].includes(fileModes)) fail("fileModes", "must be auto, trust or ignore");
  if (workers !== undefined && !(Number.isSafeInteger(workers) && workers >= 0 && workers <= 256)) fail("workers", "must be a whole number from 0 to 256");
  if (bundles !== undefined && !(Array.isArray(bundles) && bundles.every((b) => b instanceof CustomBundle)))
    fail("bundles", "must be CustomBundle.load results");
  if (policy !== undefined && !(policy instanceof Policy)) fail("policy", "must be a Policy.load result");
  if (onHostDocument !== undefined && !isFunction(onHostDocument)) fail("onHostDocument", "must be a function");
  if (onProgress !== undefined && !isFunction(onProgress)) fail("onProgress", "must be a function");
}

/**
 * A scan as steps: a generator that yields after each host and returns the result. `scan`
 * runs the steps at once; `scanPath` gives the event loop a turn between hosts, so that a
 * SIGINT or SIGTERM stops a long scan within a host's time (removeOnSignal).
 */
type Steps = Generator<void, ScanResult, undefined>;

function runAtOnce(steps: Steps): ScanResult {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

async function runYielding(steps: Steps): Promise<ScanResult> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Scans a folder, or a .tar / .tar.gz archive read in memory. `.tar.xz` needs
 * decompression that is only asynchronous here: use scanPath for it.
 */
export function scan(path: string, options: ScanOptions = {}): ScanResult {
  checkOptions(options);
  const absolute = resolve(path);
  if (XZ_ARCHIVE_NAME.test(absolute) && statSync(absolute, { throwIfNoEntry: false })?.isFile()) {
    throw new ScanInputError(path, ".tar.xz archives need scanPath (asynchronous decompression)");
  }
  return runAtOnce(pathSteps(path, absolute, readInput(path, absolute), options));
}

/** scan, with .tar.xz archives too, and worker threads for large fleets. */
export async function scanPath(path: string, options: ScanOptions = {}): Promise<ScanResult> {
  checkOptions(options);
  const absolute = resolve(path);
  const input = readInput(path, absolute);
  if (input.kind === "file") return runYielding(pathSteps(path, absolute, input, options));
  if (input.kind !== "folder") {
    let tar: Uint8Array;
    try {
      tar = input.kind === "xz" ? await unxz(input.bytes, options.maxArchiveBytes) : await untarBytesAsync(input.bytes, options.maxArchiveBytes);
    } catch (error) {
      throw new ScanInputError(path, `cannot decompress: ${messageOf(error)}`, { cause: error });
    }
    return runYielding(archiveSteps(tar, archiveName(absolute), options));
  }
  if (parallelAllowed(options)) {
    const tree = new Tree(absolute);
    const sources = findHosts(tree, basename(absolute), options.layout, ".", options.kollaRelease);
    const workers = options.workers ?? (sources.length >= PARALLEL_FLEET_SIZE ? Math.min(availableParallelism(), MAX_WORKERS) : 0);
    const modesMeaningful = folderModesMeaningful(absolute, options);
    if (workers >= 2 && sources.length >= 2) {
      const policy = options.policy ?? Policy.load();
      const settings = loadSettings(modesMeaningful, options);
      // What the fleet's folders say is known now: the scan need not keep the discovery's
      // lookups until the fleet checks.
      const skipped = skippedFolders(tree, sources);
      tree.releaseCache();
      const { outcomes, truncated } = await evaluateOnThreads({ root: absolute, tree, policy }, sources, settings, workers, options.onProgress);
      const assembled = assemble(outcomes, new Set([...tree.truncated, ...truncated]), policy);
      assembled.diagnostics.push(...skipped);
      return assembled;
    }
    return runYielding(treeSteps(tree, basename(absolute), modesMeaningful, options, sources));
  }
  return runYielding(pathSteps(path, absolute, input, options));
}

/**
 * Several paths scanned as one fleet (the fleet checks see every host of them all): each
 * folder or archive is mounted at its path relative to the folder they share, so findings
 * name `site-a/compute-1/etc/nova/nova.conf`. A single configuration file is scanned by itself.
 */
export async function scanPaths(paths: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
  if (!Array.isArray(paths) || paths.length === 0 || !paths.every((p) => typeof p === "string")) {
    throw new ScanOptionsError("options", "scanPaths takes one path or more, as strings");
  }
  if (paths.length === 1) return scanPath(paths[0] as string, options);
  checkOptions(options);
  const given = givenPaths(paths);
  if (given.length === 1) return scanPath((given[0] as GivenPath).path, options);
  const mounts: MountedPath[] = [];
  for (const { path, real, label, input } of given) {
    if (input.kind === "folder") {
      mounts.push({ label, backend: new DiskBackend(real), modesMeaningful: folderModesMeaningful(real, options), archive: null });
      continue;
    }
    let tar: Uint8Array;
    try {
      tar = input.kind === "xz" ? await unxz(input.bytes, options.maxArchiveBytes) : await untarBytesAsync(input.bytes, options.maxArchiveBytes);
    } catch (error) {
      throw new ScanInputError(path, `cannot decompress: ${messageOf(error)}`, { cause: error });
    }
    const archive = readTar(tar);
    mounts.push({ label, backend: archive, modesMeaningful: options.fileModes !== "ignore", archive });
  }
  return runYielding(mountedSteps(mounts, options));
}

interface GivenPath {
  path: string;
  /** The path resolved, as given (its links not followed): what the hosts are named by. */
  absolute: string;
  /** Where it is on disk: what is read. */
  real: string;
  /** Its place in the scan's tree: its path from the folder the paths share, an archive without its extension. */
  label: string;
  input: Exclude<Input, { kind: "file" }>;
}

/**
 * The paths of a scan of several, each once (a path given twice is one), with their labels.
 * Refused: a single configuration file among others, a path inside another (nothing would
 * tell their hosts apart), and two paths that would have the same label or one inside the
 * other's (a.tar.gz beside a/b): each host is read once and named by its own path.
 */
function givenPaths(paths: readonly string[]): GivenPath[] {
  const found: Omit<GivenPath, "label">[] = [];
  for (const path of paths) {
    const absolute = resolve(path);
    const input = readInput(path, absolute);
    if (input.kind === "file") throw new ScanInputError(path, "a single configuration file is scanned by itself, not with other paths");
    const real = realpathSync.native(absolute);
    if (!found.some((g) => g.real === real)) found.push({ path, absolute, real, input });
  }
  const inside = (outer: string, inner: string) => {
    const path = relative(outer, inner);
    return path !== "" && path !== ".." && !path.startsWith(`..${sep}`) && !isAbsolute(path);
  };
  for (const inner of found) {
    const outer = found.find((g) => g !== inner && g.input.kind === "folder" && (inside(g.real, inner.real) || inside(g.absolute, inner.absolute)));
    if (outer !== undefined) throw new ScanInputError(inner.path, `lies inside ${outer.path}, also given: give one or the other`);
  }
  const base = sharedFolder(found.map((g) => (g.input.kind === "folder" ? g.absolute : dirname(g.absolute))));
  const given: GivenPath[] = [];
  for (const g of found) {
    const parts = relative(base, g.absolute).split(sep);
    if (g.input.kind !== "folder") {
      const name = parts.pop() as string;
      const stripped = name.replace(ARCHIVE_NAME, "");
      parts.push(stripped === "" || stripped === "." || stripped === ".." ? name : stripped);
    }
    const label = parts.join("/");
    const clash = given.find((other) => other.label === label || other.label.startsWith(`${label}/`) || label.startsWith(`${other.label}/`));
    if (clash !== undefined) throw new ScanInputError(g.path, `would be named ${label} in the report, as ${clash.path} is: give them from different folders`);
    given.push({ ...g, label });
  }
  return given;
}

interface MountedPath {
  /** Its place in the tree, relative to the shared folder ("/" between components). */
  label: string;
  backend: Backend;
  modesMeaningful: boolean;
  /** The archive it is, for the entries it refused. */
  archive: ReturnType<typeof readTar> | null;
}

/**
 * The folder on disk that the paths of a scan of `paths` are relative to (its findings'
 * files, hosts' roots), or null when they are inside an archive (one archive, or archives
 * among the paths: their files are in no folder); undefined when the paths cannot be
 * scanned (the scan says why).
 */
export function scannedFolder(paths: readonly string[]): string | null | undefined {
  let given: GivenPath[] | null = null;
  if (paths.length > 1) {
    try {
      given = givenPaths(paths);
    } catch {
      return undefined;
    }
  }
  if (given !== null && given.length > 1) {
    if (given.some((g) => g.input.kind !== "folder")) return null;
    return sharedFolder(given.map((g) => g.absolute));
  }
  let real: string;
  try {
    real = realpathSync.native(given?.[0]?.path ?? (paths[0] as string));
  } catch {
    return undefined;
  }
  if (statSync(real).isDirectory()) return real;
  return ARCHIVE_NAME.test(real) ? null : dirname(real);
}

/** The deepest folder holding every one of `folders` (absolute paths). */
function sharedFolder(folders: string[]): string {
  let shared = folders[0] as string;
  for (const folder of folders.slice(1)) {
    while (shared !== dirname(shared) && folder !== shared && !folder.startsWith(`${shared}${sep}`)) shared = dirname(shared);
  }
  return shared;
}

function* mountedSteps(mounts: MountedPath[], options: ScanOptions): Steps {
  const tree = new Tree(new MountBackend(mounts.map((m) => ({ label: m.label.split("/"), backend: m.backend }))));
  const policy = options.policy ?? Policy.load();
  const diagnostics: Diagnostic[] = (options.bundles ?? []).flatMap((bundle) => bundle.diagnostics);
  const hosts: { source: FoundHost; settings: BuildOptions }[] = [];
  const at = (file: string) => ({ file, line: 1, column: 1 });
  for (const mount of mounts) {
    const sources = findHosts(tree, basename(mount.label), options.layout, mount.label, options.kollaRelease);
    if (sources.length === 0) {
      diagnostics.push(diagnostic(isRootWithoutCompute(tree, sources, mount.label) ? "no-compute-service" : "path-without-hosts", {}, at(mount.label)));
    }
    for (const folder of foldersWithoutHosts(tree, sources, mount.label)) diagnostics.push(diagnostic("folder-without-hosts", {}, at(folder)));
    for (const { name: entry, reason } of mount.archive?.refused ?? [])
      diagnostics.push(diagnostic("archive-entry-refused", { entry, reason }, at(mount.label)));
    if (mount.archive?.problem != null) diagnostics.push(diagnostic("archive-truncated", { reason: mount.archive.problem }, at(mount.label)));
    const settings = loadSettings(mount.modesMeaningful, options);
    for (const source of sources) hosts.push({ source, settings });
  }
  const outcomes = [];
  for (const [index, { source, settings }] of hosts.entries()) {
    outcomes.push(evaluateSource(tree, sourceOf(tree, source), settings, policy, options));
    options.onProgress?.(index + 1, hosts.length);
    yield;
  }
  const assembled = assemble(outcomes, tree.truncated, policy);
  assembled.diagnostics = [...diagnostics, ...assembled.diagnostics];
  return assembled;
}

/** What a scanned path is: a folder, an archive's bytes (tar or gzip), or an xz archive's. */
type Input =
  | { kind: "folder" }
  | { kind: "file"; name: (typeof SINGLE_FILES)[number] }
  | { kind: "archive"; bytes: Uint8Array }
  | { kind: "xz"; bytes: Uint8Array };

function readInput(path: string, absolute: string): Input {
  let stats: Stats;
  try {
    stats = statSync(absolute);
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === "ENOENT";
    throw new ScanInputError(path, missing ? "no such folder or archive" : `cannot be read (${messageOf(cause)})`, { cause });
  }
  if (stats.isDirectory()) return { kind: "folder" };
  const single = SINGLE_FILES.find((name) => name === basename(absolute));
  if (stats.isFile() && single !== undefined) return { kind: "file", name: single };
  if (!stats.isFile() || !ARCHIVE_NAME.test(absolute)) {
    throw new ScanInputError(
      path,
      `not a folder; give the folder of a host tree, an etc folder, a fleet, a .tar, .tar.gz or .tar.xz archive, or one of ${SINGLE_FILES.join(", ")}`,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(absolute);
  } catch (cause) {
    throw new ScanInputError(path, `cannot be read (${messageOf(cause)})`, { cause });
  }
  return XZ_ARCHIVE_NAME.test(absolute) ? { kind: "xz", bytes } : { kind: "archive", bytes };
}

/** A file's bytes, opened without blocking and read only if it is still a regular file (not a FIFO swapped in). */
function readRegularFile(absolute: string): Uint8Array {
  const fd = openSync(absolute, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile()) throw new Error("not a regular file");
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

function pathSteps(path: string, absolute: string, input: Input, options: ScanOptions): Steps {
  if (input.kind === "archive") return archiveSteps(untarOrFail(path, input.bytes, options.maxArchiveBytes), archiveName(absolute), options);
  if (input.kind === "xz") throw new ScanInputError(path, ".tar.xz archives need scanPath (asynchronous decompression)");
  if (input.kind === "file") {
    const folder = dirname(absolute);
    return treeSteps(new Tree(folder), basename(folder), folderModesMeaningful(folder, options), options, [singleFileSource(input.name, basename(folder))]);
  }
  return treeSteps(new Tree(absolute), basename(absolute), folderModesMeaningful(absolute, options), options);
}

/** A folder's modes and owners are the host's unless told otherwise or it is a git checkout. */
function folderModesMeaningful(absolute: string, options: ScanOptions): boolean {
  const fileModes = options.fileModes ?? "auto";
  return fileModes === "trust" || (fileModes === "auto" && !insideGitWorkTree(absolute));
}

/** Workers read folders on disk and evaluate the pack alone; bundles and callbacks stay here. */
function parallelAllowed(options: ScanOptions): boolean {
  if ((options.bundles?.length ?? 0) > 0 || options.onHostDocument !== undefined) return false;
  return options.workers === undefined || options.workers >= 2;
}

function untarOrFail(path: string, bytes: Uint8Array, cap?: number): Uint8Array {
  try {
    return untarBytes(bytes, cap);
  } catch (error) {
    throw new ScanInputError(path, `cannot decompress: ${messageOf(error)}`, { cause: error });
  }
}

function archiveName(absolute: string): string {
  return basename(absolute).replace(ARCHIVE_NAME, "");
}

/** An archive keeps the host's modes and owners, so they count unless told otherwise. */
function* archiveSteps(tar: Uint8Array, name: string, options: ScanOptions): Steps {
  const backend = readTar(tar);
  const result = yield* treeSteps(new Tree(backend), name, options.fileModes !== "ignore", options);
  for (const { name: entry, reason } of backend.refused) {
    // The entry is not in the tree (its name may be absolute or lead out): the archive's root is where it was met.
    result.diagnostics.push(diagnostic("archive-entry-refused", { entry, reason }, { file: ".", line: 1, column: 1 }));
  }
  if (backend.problem !== null) result.diagnostics.push(diagnostic("archive-truncated", { reason: backend.problem }, { file: ".", line: 1, column: 1 }));
  return result;
}

/** The pipeline over a tree: discover, load and validate each host, evaluate, then the fleet. */
export function scanTree(
  tree: Tree,
  rootName: string,
  modesMeaningful: boolean,
  options: ScanOptions = {},
  sources: readonly FoundHost[] = findHosts(tree, rootName, options.layout, ".", options.kollaRelease),
): ScanResult {
  checkOptions(options);
  return runAtOnce(treeSteps(tree, rootName, modesMeaningful, options, sources));
}

function* treeSteps(
  tree: Tree,
  rootName: string,
  modesMeaningful: boolean,
  options: ScanOptions,
  sources: readonly FoundHost[] = findHosts(tree, rootName, options.layout, ".", options.kollaRelease),
): Steps {
  const policy = options.policy ?? Policy.load();
  const result: ScanResult = { hosts: [], findings: [], diagnostics: [] };
  const bundleProblems = (options.bundles ?? []).flatMap((bundle) => bundle.diagnostics);
  if (sources.length === 0) {
    const none = isRootWithoutCompute(tree, sources) ? "no-compute-service" : "no-hosts-found";
    result.diagnostics = [...bundleProblems, ...truncatedFolders(tree.truncated), diagnostic(none, {}, { file: ".", line: 1, column: 1 })];
    return result;
  }
  const settings = loadSettings(modesMeaningful, options);
  const outcomes = [];
  for (const [index, source] of sources.entries()) {
    outcomes.push(evaluateSource(tree, sourceOf(tree, source), settings, policy, options));
    options.onProgress?.(index + 1, sources.length);
    yield;
  }
  const assembled = assemble(outcomes, tree.truncated, policy);
  if (bundleProblems.length > 0) assembled.diagnostics = [...bundleProblems, ...assembled.diagnostics];
  assembled.diagnostics.push(...skippedFolders(tree, sources));
  return assembled;
}

/** A note for each subfolder of a fleet in which no host was found. */
function skippedFolders(tree: Tree, sources: readonly FoundHost[]): Diagnostic[] {
  return foldersWithoutHosts(tree, sources).map((folder) => diagnostic("folder-without-hosts", {}, { file: folder, line: 1, column: 1 }));
}

function loadSettings(modesMeaningful: boolean, options: ScanOptions): BuildOptions {
  const scanTime = options.now ?? Math.floor(Date.now() / 1000);
  if (options.fileModes === "ignore")
    return { scanTime, modesMeaningful: false, modesReason: "file modes are ignored, as the scan was told (--file-modes ignore)" };
  if (!modesMeaningful) return { scanTime, modesMeaningful: false, modesReason: "the tree's file modes are not the host's (a git checkout)" };
  return { scanTime, modesMeaningful: true };
}
