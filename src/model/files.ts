/**
 * What the document stage may ask of a host's files: the one narrow interface between
 * reading (src/loader) and building the host document (src/document). Paths are relative
 * to the scanned root with forward slashes; the loader's implementation resolves them
 * inside the tree, and records a diagnostic for every file it cannot use.
 */

/** What is known of an entry without reading it (node:fs Stats satisfies it). */
export interface EntryStats {
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** The entry's identity on disk (absent in archives): what a read checks it opened. */
  dev?: number;
  ino?: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

export type RefusalReason = "escapes-root" | "link-loop" | "not-a-file" | "too-large" | "unreadable";

export type ReadResult =
  | { kind: "file"; path: string; bytes: Uint8Array; stats: EntryStats }
  | { kind: "missing"; path: string }
  | { kind: "refused"; path: string; reason: RefusalReason; detail: string };

export interface HostFiles {
  /** The decoded text of a file, or null when it is missing or cannot be used. */
  text(path: string): string | null;
  /**
   * A file's bytes whatever they hold (NUL, bytes that are not UTF-8), for the readers that
   * take them so (oslo.config reads NUL, libvirt reads any byte); null when it is missing or
   * cannot be read.
   */
  raw(path: string): Uint8Array | null;
  /** A file's bytes, at most `maxBytes`, with its stats: for files that are not text (PEM, DER). */
  read(path: string, maxBytes: number): ReadResult;
  /** `*.conf` files of a directory in Python's sorted() order (code points), dot-files excluded. */
  confDir(dir: string): string[];
  /** A folder's entry names; empty when it is missing or not a folder. */
  list(dir: string): string[];
  /** Whether the folder's listing was cut at the entry cap: files past it were not read. */
  truncated(dir: string): boolean;
  /** Whether the folder `dir` has an entry `name`, from its listing. */
  lists(dir: string, name: string): boolean;
  isDirectory(path: string): boolean;
  exists(path: string): boolean;
  stat(path: string): EntryStats | null;
  /** A symbolic link's target as written, or null when the path is not a link. */
  linkTarget(path: string): string | null;
}
