/**
 * The only way the loader reads a scanned tree. Every path is relative to the
 * scanned root and is resolved inside it: symlinks are followed component by
 * component, an absolute link target means the tree's own root (as it would on
 * the host the tree came from), and a path that would leave the root, loop, or
 * reach something other than a regular file is refused with a reason. The tree is
 * a folder on disk or an archive read into memory (loader/archive.ts).
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readlinkSync, readSync } from "node:fs";
import { dirname, join, resolve as resolvePath } from "node:path";
import type { EntryStats, ReadResult } from "../model/files.js";
import { joinRelative, splitPath } from "./paths.js";

const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Entries read from one folder at the most; a fleet folder of 10,000 hosts stays well below. */
export const MAX_DIR_ENTRIES = 100_000;
const MAX_LINK_HOPS = 40;

/** Where entries come from: a folder on disk, or an archive in memory. Paths are component arrays. */
export interface Backend {
  /** The entry's stats without following a final link; null when missing; throws on other errors. */
  lstat(parts: string[]): EntryStats | null;
  readlink(parts: string[]): string;
  /** The content of the regular file whose stats were `checked` (the backend may verify it is still that file). */
  readFile(parts: string[], checked: EntryStats): Uint8Array;
  readdir(parts: string[]): string[];
  /** Drops what was remembered about entries, when a scan moves on to the next host. */
  releaseCache?(): void;
}

export type ResolveResult =
  | { kind: "ok"; path: string; stats: EntryStats | null }
  | { kind: "refused"; reason: "escapes-root" | "link-loop" | "unreadable"; detail: string };

export class DiskBackend implements Backend {
  /**
   * A scan looks at the same paths many times (layout detection, links, reads, unit
   * lookups in every systemd folder); the tree does not change under it.
   */
  private readonly stats = new Map<string, EntryStats | null>();
  private readonly listings = new Map<string, string[]>();

  constructor(readonly absoluteRoot: string) {}

  /**
   * The absolute path of the components: joined as they are, without path.join's normalising
   * of every lookup's path, unless one is empty, "." or ".." (only a caller's last component
   * can be; the tree resolves the others), which path.join resolves as it always did.
   */
  private pathOf(parts: readonly string[], key: string): string {
    if (parts.length === 0) return this.absoluteRoot;
    for (const part of parts) if (part === "" || part === "." || part === "..") return join(this.absoluteRoot, ...parts);
    return `${this.absoluteRoot}/${key}`;
  }

  lstat(parts: string[]): EntryStats | null {
    const key = parts.join("/");
    const cached = this.stats.get(key);
    if (cached !== undefined) return cached;
    let stats: EntryStats | null;
    try {
      // Most lookups are for files a layout does not have: no exception for those.
      stats = lstatSync(this.pathOf(parts, key), { throwIfNoEntry: false }) ?? null;
    } catch (error) {
      if (!isMissing(error)) throw error;
      stats = null;
    }
    this.stats.set(key, stats);
    return stats;
  }
  readlink(parts: string[]): string {
    return readlinkSync(this.pathOf(parts, parts.join("/")));
  }
  /**
   * Opens the file without following a final link and reads it only if it is the one that
   * was checked (same device and inode): a path swapped for a link between the check and the
   * open cannot lead outside the tree, nor a file swapped for a FIFO block the scan.
   */
  readFile(parts: string[], checked: EntryStats): Uint8Array {
    const fd = openSync(this.pathOf(parts, parts.join("/")), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      const opened = fstatSync(fd);
      if (!opened.isFile() || opened.dev !== checked.dev || opened.ino !== checked.ino) throw new Error("the file changed between its check and its read");
      // No more than was checked: a file that grows meanwhile is read to its checked size. Not
      // zeroed (nor from Node's shared pool): only the bytes read are handed on.
      const bytes = Buffer.allocUnsafeSlow(Math.min(opened.size, checked.size));
      let filled = 0;
      while (filled < bytes.length) {
        const read = readSync(fd, bytes, filled, bytes.length - filled, filled);
        if (read === 0) break;
        filled += read;
      }
      return bytes.subarray(0, filled);
    } finally {
      closeSync(fd);
    }
  }
  readdir(parts: string[]): string[] {
    const key = parts.join("/");
    const cached = this.listings.get(key);
    if (cached !== undefined) return cached;
    const names = readdirSync(this.pathOf(parts, key));
    this.listings.set(key, names);
    return names;
  }
  releaseCache(): void {
    this.stats.clear();
    this.listings.clear();
  }
}

export class Tree {
  readonly backend: Backend;
  /** Folders whose listing was cut at MAX_DIR_ENTRIES, for the scan to report. */
  readonly truncated = new Set<string>();

  /** A folder on disk (its absolute path), or any backend. */
  constructor(root: string | Backend) {
    this.backend = typeof root === "string" ? new DiskBackend(root) : root;
  }

  /**
   * Resolutions by relative path, until releaseCache: a host's paths are resolved several
   * times each (layout detection, existence, the read, unit and firewall lookups), each time
   * walking every component's stats (measured: a Kolla host resolved 40 paths 233 times).
   */
  private readonly resolutions = new Map<string, ResolveResult>();

  /** Resolves `relative` (forward slashes, relative to the root) to a real path inside the root. */
  resolve(relative: string): ResolveResult {
    const known = this.resolutions.get(relative);
    if (known !== undefined) return known;
    const resolution = this.resolveUncached(relative);
    this.resolutions.set(relative, resolution);
    return resolution;
  }

  private resolveUncached(relative: string): ResolveResult {
    let pending = splitPath(relative);
    const done: string[] = [];
    let hops = 0;
    while (pending.length > 0) {
      const part = pending.shift() as string;
      if (part === "." || part === "") continue;
      if (part === "..") {
        if (done.length === 0) return { kind: "refused", reason: "escapes-root", detail: `${relative} leads above the scanned root` };
        done.pop();
        continue;
      }
      const candidate = [...done, part];
      let stats: EntryStats | null;
      try {
        stats = this.backend.lstat(candidate);
      } catch (error) {
        return { kind: "refused", reason: "unreadable", detail: describe(error) };
      }
      if (stats === null) return { kind: "ok", path: [...candidate, ...pending].join("/"), stats: null };
      if (stats.isSymbolicLink()) {
        if (++hops > MAX_LINK_HOPS) return { kind: "refused", reason: "link-loop", detail: `too many symbolic links resolving ${relative}` };
        let target: string;
        try {
          target = this.backend.readlink(candidate);
        } catch (error) {
          // The link was there when looked at, and is not now: the tree changes under the scan.
          return { kind: "refused", reason: "unreadable", detail: describe(error) };
        }
        if (target.startsWith("/")) done.length = 0;
        pending = [...splitPath(target), ...pending];
        continue;
      }
      done.push(part);
      if (pending.length === 0) return { kind: "ok", path: done.join("/"), stats };
    }
    return { kind: "ok", path: done.join("/"), stats: this.safeLstat(done) };
  }

  read(relative: string, maxBytes = MAX_FILE_BYTES): ReadResult {
    const resolved = this.resolve(relative);
    if (resolved.kind === "refused") return { kind: "refused", path: relative, reason: resolved.reason, detail: resolved.detail };
    if (resolved.stats === null) return { kind: "missing", path: relative };
    if (!resolved.stats.isFile()) return { kind: "refused", path: relative, reason: "not-a-file", detail: `${relative} is not a regular file` };
    if (resolved.stats.size > maxBytes) {
      return { kind: "refused", path: relative, reason: "too-large", detail: `${relative} has ${resolved.stats.size} bytes, more than the ${maxBytes} read` };
    }
    try {
      return { kind: "file", path: relative, bytes: this.backend.readFile(splitPath(resolved.path), resolved.stats), stats: resolved.stats };
    } catch (error) {
      return { kind: "refused", path: relative, reason: "unreadable", detail: describe(error) };
    }
  }

  /** Forgets cached stats and listings, so memory stays flat as a fleet streams through. */
  releaseCache(): void {
    this.resolutions.clear();
    this.listedNames.clear();
    this.backend.releaseCache?.();
  }

  /** Names in a directory inside the tree (empty when it is missing or not a directory), at most MAX_DIR_ENTRIES. */
  list(relative: string): string[] {
    const resolved = this.resolve(relative);
    if (resolved.kind === "refused" || resolved.stats === null || !resolved.stats.isDirectory()) return [];
    try {
      const names = this.backend.readdir(splitPath(resolved.path));
      if (names.length <= MAX_DIR_ENTRIES) return [...names];
      this.truncated.add(relative);
      return [...names].sort().slice(0, MAX_DIR_ENTRIES);
    } catch {
      return [];
    }
  }

  /**
   * Whether the folder `dir` holds an entry `name` (of any kind, a dangling link too), from its
   * cached listing: one readdir answers for every name looked up in a folder, where a stat per
   * name cost a system call each (a host's systemd units alone asked for ~110 paths, measured).
   * A truncated listing cannot tell, so then the entry itself is looked at.
   */
  lists(dir: string, name: string): boolean {
    let names = this.listedNames.get(dir);
    // Listed first: listing is what marks a folder truncated.
    if (names === undefined) {
      names = new Set(this.list(dir));
      this.listedNames.set(dir, names);
    }
    if (this.truncated.has(dir)) return this.exists(joinRelative(dir, name)) || this.linkTarget(joinRelative(dir, name)) !== null;
    return names.has(name);
  }

  /** Listings as sets, until releaseCache: a folder is asked for many names (a Kolla host's units: ~110). */
  private readonly listedNames = new Map<string, Set<string>>();

  /**
   * The target of a symbolic link at `relative` (its folders resolved inside the tree,
   * the link itself not followed), or null when it is not a link.
   */
  linkTarget(relative: string): string | null {
    const slash = relative.lastIndexOf("/");
    const parent = this.resolve(slash < 0 ? "." : relative.slice(0, slash));
    if (parent.kind === "refused" || parent.stats === null) return null;
    const parts = [...splitPath(parent.path), relative.slice(slash + 1)];
    try {
      return this.backend.lstat(parts)?.isSymbolicLink() ? this.backend.readlink(parts) : null;
    } catch {
      return null;
    }
  }

  /** A file's facts without reading it (after resolving links inside the tree). */
  stat(relative: string): EntryStats | null {
    const resolved = this.resolve(relative);
    return resolved.kind === "ok" ? resolved.stats : null;
  }

  isDirectory(relative: string): boolean {
    const resolved = this.resolve(relative);
    return resolved.kind === "ok" && resolved.stats !== null && resolved.stats.isDirectory();
  }

  exists(relative: string): boolean {
    const resolved = this.resolve(relative);
    return resolved.kind === "ok" && resolved.stats !== null;
  }

  private safeLstat(parts: string[]): EntryStats | null {
    try {
      return this.backend.lstat(parts);
    } catch {
      return null;
    }
  }
}

/**
 * Whether a folder lies inside a git work tree: there, file modes and owners are
 * the checkout's, not the host's (git keeps only the executable bit).
 */
export function insideGitWorkTree(absolute: string): boolean {
  return gitWorkTreeTop(absolute) !== null;
}

/** The top of the git work tree holding `absolute`, or null outside one. */
export function gitWorkTreeTop(absolute: string): string | null {
  for (let dir = absolute; ; dir = dirname(dir)) {
    if (isGitCheckout(dir)) return dir;
    if (dirname(dir) === dir) return null;
  }
}

/**
 * Whether `dir` is the top of a git work tree: a .git folder holding HEAD, or a .git file
 * naming (gitdir: ...) a folder that exists, as worktrees and submodules have. Any other
 * .git (an empty file planted in a tree) does not make a host's file modes meaningless.
 */
function isGitCheckout(dir: string): boolean {
  const git = join(dir, ".git");
  const stats = lstatSync(git, { throwIfNoEntry: false });
  if (stats === undefined) return false;
  if (stats.isDirectory()) return isGitFolder(git);
  if (!stats.isFile() || stats.size > 4096) return false;
  try {
    const pointer = /^gitdir: (.+)$/m.exec(readFileSync(git, "utf8"))?.[1]?.trim();
    return pointer !== undefined && isGitFolder(resolvePath(dir, pointer));
  } catch {
    return false;
  }
}

/**
 * A git folder as git itself takes one (setup.c, is_git_directory): HEAD naming a ref or an
 * object, objects/ and refs/ beside it, or a commondir naming where they are (a worktree).
 */
function isGitFolder(folder: string): boolean {
  if (folder === dirname(folder) || !(lstatSync(folder, { throwIfNoEntry: false })?.isDirectory() ?? false)) return false;
  let head: string;
  try {
    head = readFileSync(join(folder, "HEAD"), "utf8").slice(0, 256).trim();
  } catch {
    return false;
  }
  if (!/^ref: refs\/\S+$|^[0-9a-f]{40}([0-9a-f]{24})?$/.test(head)) return false;
  let common = folder;
  try {
    common = resolvePath(folder, readFileSync(join(folder, "commondir"), "utf8").trim());
  } catch {
    // No commondir: objects/ and refs/ are in the folder itself.
  }
  return ["objects", "refs"].every((name) => lstatSync(join(common, name), { throwIfNoEntry: false })?.isDirectory() ?? false);
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR";
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.syscall ?? "access"} failed` : String(e.message);
}
