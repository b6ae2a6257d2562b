/**
 * A tar archive (a sosreport, or any host tree packed with its modes and owners) read
 * into memory and served as a tree, never extracted to disk. The sandbox rules hold
 * inside it: entries with absolute names or `..` are refused, links resolve inside the
 * archive (loader/fs.ts), devices and FIFOs are never read, and decompression stops at
 * a cap.
 */
import { gunzipSync } from "node:zlib";
import type { EntryStats } from "../model/files.js";
import { isTar, parseTar, type TarEntry } from "./formats/tar.js";
import type { Backend } from "./fs.js";
import { splitPath } from "./paths.js";

/** Decompressed bytes read from one archive at the most. */
export const MAX_ARCHIVE_BYTES = 2 * 1024 ** 3 - 1;

type Kind = "file" | "dir" | "symlink" | "special";

interface Entry {
  kind: Kind;
  mode: number;
  uid: number;
  gid: number;
  data?: Uint8Array;
  target?: string;
  children?: Set<string>;
}

export interface RefusedEntry {
  name: string;
  reason: string;
}

function stats(entry: Entry): EntryStats {
  return {
    mode: entry.mode,
    uid: entry.uid,
    gid: entry.gid,
    size: entry.data?.length ?? 0,
    isFile: () => entry.kind === "file",
    isDirectory: () => entry.kind === "dir",
    isSymbolicLink: () => entry.kind === "symlink",
  };
}

/** PATH_MAX: no host path is longer, so a longer name or link target is not a host's file. */
const MAX_NAME = 4096;
/** A refused name as a diagnostic shows it: long names are cut. */
const shown = (name: string): string => (name.length > 200 ? `${name.slice(0, 200)}…` : name);

export class ArchiveBackend implements Backend {
  private readonly entries = new Map<string, Entry>([["", { kind: "dir", mode: 0o755, uid: 0, gid: 0, children: new Set() }]]);
  readonly refused: RefusedEntry[] = [];
  /** Why the archive could not be read to its end, if it could not. */
  problem: string | null = null;

  add(name: string, entry: Entry): void {
    if (name.length > MAX_NAME || (entry.target?.length ?? 0) > MAX_NAME) {
      this.refused.push({ name: shown(name), reason: `its name or link target is longer than ${MAX_NAME} characters` });
      return;
    }
    const raw = name.replace(/^\.\//, "");
    if (raw.startsWith("/")) {
      this.refused.push({ name: shown(name), reason: "absolute name" });
      return;
    }
    const parts = splitPath(raw);
    if (parts.includes("..")) {
      this.refused.push({ name: shown(name), reason: "name leads out of the archive (..)" });
      return;
    }
    if (parts.length === 0) return;
    // The folders on the way, each path made from its parent's: linear in the name's length.
    let parent = "";
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string;
      const path = i === 0 ? part : `${parent}/${part}`;
      this.entries.get(parent)?.children?.add(part);
      if (i < parts.length - 1 && !this.entries.has(path)) this.entries.set(path, { kind: "dir", mode: 0o755, uid: 0, gid: 0, children: new Set() });
      parent = path;
    }
    const key = parts.join("/");
    const existing = this.entries.get(key);
    if (entry.kind === "dir") entry.children = existing?.children ?? new Set();
    this.entries.set(key, entry);
  }

  get(parts: string[]): Entry | undefined {
    return this.entries.get(parts.join("/"));
  }

  lstat(parts: string[]): EntryStats | null {
    const entry = this.get(parts);
    return entry ? stats(entry) : null;
  }
  readlink(parts: string[]): string {
    return this.get(parts)?.target ?? "";
  }
  readFile(parts: string[]): Uint8Array {
    const entry = this.get(parts);
    if (entry?.kind !== "file" || entry.data === undefined) throw new Error("not a regular file in the archive");
    return entry.data;
  }
  readdir(parts: string[]): string[] {
    return [...(this.get(parts)?.children ?? [])];
  }
}

/** Builds a backend from an uncompressed tar (formats/tar.ts reads it). */
export function readTar(tar: Uint8Array): ArchiveBackend {
  const backend = new ArchiveBackend();
  const { entries, problem } = parseTar(tar);
  if (problem !== null) backend.problem = problem;
  const hardLinks: TarEntry[] = [];
  for (const entry of entries) {
    const base = { mode: entry.mode, uid: entry.uid, gid: entry.gid };
    if (entry.type === "file") backend.add(entry.name, { ...base, kind: "file", data: entry.data });
    else if (entry.type === "dir") backend.add(entry.name, { ...base, kind: "dir" });
    else if (entry.type === "symlink") backend.add(entry.name, { ...base, kind: "symlink", target: entry.link });
    else if (entry.type === "hardlink") hardLinks.push(entry);
    else backend.add(entry.name, { ...base, kind: "special" });
  }
  for (const { name, link, mode, uid, gid } of hardLinks) {
    const source = link.length > MAX_NAME ? undefined : backend.get(splitPath(link.replace(/^\.\//, "")));
    if (source?.kind === "file" && source.data !== undefined) backend.add(name, { mode, uid, gid, kind: "file", data: source.data });
    else backend.refused.push({ name: shown(name), reason: `hard link to ${shown(link)}, which the archive does not hold` });
  }
  return backend;
}

/** The tar inside a .tar or .tar.gz file's bytes; throws when it is neither, and past `cap` bytes. */
export function untarBytes(bytes: Uint8Array, cap = MAX_ARCHIVE_BYTES): Uint8Array {
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const tar = gzip ? gunzipSync(bytes, { maxOutputLength: cap }) : bytes;
  if (tar.length > cap) throw new RangeError(`the archive holds more than ${cap} bytes`);
  if (!isTar(tar)) throw new Error("not a tar archive");
  return tar;
}

/** .tar.xz: xz-decompress (WebAssembly) streams it, asynchronously, with the same cap. */
export async function unxz(bytes: Uint8Array, cap = MAX_ARCHIVE_BYTES): Promise<Uint8Array> {
  // A CommonJS package: its exports sit on the default export under ESM.
  type Module = { XzReadableStream: new (stream: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array> };
  const imported = (await import("xz-decompress")) as Module & { default?: Module };
  const XzReadableStream = imported.default?.XzReadableStream ?? imported.XzReadableStream;
  const reader = new XzReadableStream(new Blob([bytes]).stream()).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > cap) throw new RangeError(`the archive decompresses to more than ${cap} bytes`);
    chunks.push(value);
  }
  const tar = Buffer.concat(chunks);
  if (!isTar(tar)) throw new Error("not a tar archive");
  return tar;
}

/** .tar.xz and .txz: their decompression (unxz) is asynchronous only. */
export const XZ_ARCHIVE_NAME = /\.(tar\.xz|txz)$/;
export const ARCHIVE_NAME = new RegExp(`\\.(tar|tar\\.gz|tgz)$|${XZ_ARCHIVE_NAME.source}`);
