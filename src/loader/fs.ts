/**
 * The only module that touches the filesystem. Every path is relative to the
 * scanned root and is resolved inside it: symlinks are followed component by
 * component, an absolute link target means the tree's own root (as it would on
 * the host the tree came from), and a path that would leave the root, loop, or
 * reach something other than a regular file is refused with a reason.
 */
import { lstatSync, readFileSync, readdirSync, readlinkSync, type Stats } from "node:fs";
import { dirname, join, posix } from "node:path";

export const MAX_FILE_BYTES = 16 * 1024 * 1024;
const MAX_LINK_HOPS = 40;

export type ReadResult =
  | { kind: "file"; path: string; bytes: Uint8Array; stats: Stats }
  | { kind: "missing"; path: string }
  | { kind: "refused"; path: string; reason: "escapes-root" | "link-loop" | "not-a-file" | "too-large" | "unreadable"; detail: string };

export type ResolveResult =
  | { kind: "ok"; path: string; stats: Stats | null }
  | { kind: "refused"; reason: "escapes-root" | "link-loop" | "unreadable"; detail: string };

export class Tree {
  constructor(readonly absoluteRoot: string) {}

  /** Resolves `relative` (forward slashes, relative to the root) to a real path inside the root. */
  resolve(relative: string): ResolveResult {
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
      let stats: Stats;
      try {
        stats = lstatSync(join(this.absoluteRoot, ...candidate));
      } catch (error) {
        if (isMissing(error)) return { kind: "ok", path: [...candidate, ...pending].join("/"), stats: null };
        return { kind: "refused", reason: "unreadable", detail: describe(error) };
      }
      if (stats.isSymbolicLink()) {
        if (++hops > MAX_LINK_HOPS) return { kind: "refused", reason: "link-loop", detail: `too many symbolic links resolving ${relative}` };
        const target = readlinkSync(join(this.absoluteRoot, ...candidate));
        const targetParts = splitPath(target);
        if (target.startsWith("/")) done.length = 0;
        pending = [...targetParts, ...pending];
        continue;
      }
      done.push(part);
      if (pending.length === 0) return { kind: "ok", path: done.join("/"), stats };
    }
    return { kind: "ok", path: done.join("/"), stats: safeLstat(join(this.absoluteRoot, ...done)) };
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
      const bytes = readFileSync(join(this.absoluteRoot, resolved.path));
      return { kind: "file", path: relative, bytes, stats: resolved.stats };
    } catch (error) {
      return { kind: "refused", path: relative, reason: "unreadable", detail: describe(error) };
    }
  }

  /** Names in a directory inside the tree (empty when it is missing or not a directory). */
  list(relative: string): string[] {
    const resolved = this.resolve(relative);
    if (resolved.kind === "refused" || resolved.stats === null || !resolved.stats.isDirectory()) return [];
    try {
      return readdirSync(join(this.absoluteRoot, resolved.path));
    } catch {
      return [];
    }
  }

  /**
   * The target of a symbolic link at `relative` (its folders resolved inside the tree,
   * the link itself not followed), or null when it is not a link.
   */
  linkTarget(relative: string): string | null {
    const slash = relative.lastIndexOf("/");
    const parent = this.resolve(slash < 0 ? "." : relative.slice(0, slash));
    if (parent.kind === "refused" || parent.stats === null) return null;
    const path = join(this.absoluteRoot, parent.path, relative.slice(slash + 1));
    try {
      return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : null;
    } catch {
      return null;
    }
  }

  /** A file's facts without reading it (after resolving links inside the tree). */
  stat(relative: string): Stats | null {
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
}

/**
 * Whether a folder lies inside a git work tree: there, file modes and owners are
 * the checkout's, not the host's (git keeps only the executable bit).
 */
export function insideGitWorkTree(absolute: string): boolean {
  for (let dir = absolute; ; dir = dirname(dir)) {
    if (safeLstat(join(dir, ".git")) !== null) return true;
    if (dirname(dir) === dir) return false;
  }
}

export function joinRelative(...parts: string[]): string {
  const joined = posix.join(...parts.filter((p) => p !== "" && p !== "."));
  return joined === "" ? "." : joined;
}

function splitPath(path: string): string[] {
  return path.split("/").filter((p) => p !== "" && p !== ".");
}

function safeLstat(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR";
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.syscall ?? "access"} failed` : String(e.message);
}
