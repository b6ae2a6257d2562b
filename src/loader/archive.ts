/**
 * A tar archive (a sosreport, or any host tree packed with its modes and owners) read
 * into memory and served as a tree, never extracted to disk. The sandbox rules hold
 * inside it: entries with absolute names or `..` are refused, links resolve inside the
 * archive (loader/fs.ts), devices and FIFOs are never read, and decompression stops at
 * a cap.
 */
import { Readable } from "node:stream";
import { createGunzip, gunzipSync } from "node:zlib";
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

/** untarBytes without holding a .tar.gz's output twice (gunzipBounded). */
export async function untarBytesAsync(bytes: Uint8Array, cap = MAX_ARCHIVE_BYTES): Promise<Uint8Array> {
  if (!(bytes[0] === 0x1f && bytes[1] === 0x8b)) return untarBytes(bytes, cap);
  const tar = await gunzipBounded(bytes, cap);
  if (!isTar(tar)) throw new Error("not a tar archive");
  return tar;
}

/** The tar inside a .tar or .tar.gz file's bytes; throws when it is neither, and past `cap` bytes. */
export function untarBytes(bytes: Uint8Array, cap = MAX_ARCHIVE_BYTES): Uint8Array {
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const tar = gzip ? gunzipSync(bytes, { maxOutputLength: cap }) : bytes;
  if (tar.length > cap) throw new RangeError(`the archive holds more than ${cap} bytes`);
  if (!isTar(tar)) throw new Error("not a tar archive");
  return tar;
}

/**
 * A .tar.gz's tar, decompressed as a stream into one buffer sized by the gzip trailer's
 * length (zlib checks it at the end; the cap is checked as the data comes): gunzipSync held
 * the output twice, its pieces and their concatenation, so an archive near the cap peaked
 * at twice it.
 */
export async function gunzipBounded(bytes: Uint8Array, cap = MAX_ARCHIVE_BYTES): Promise<Uint8Array> {
  const trailer = bytes.length >= 18 ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readUInt32LE(bytes.length - 4) : 0;
  // Deflate expands at most 1032 times: a trailer claiming more is not believed for the first allocation.
  return collect(Readable.from([bytes]).pipe(createGunzip()), Math.min(cap, trailer, bytes.length * 1032), cap);
}

/**
 * A stream's bytes in one buffer, at most `cap`: sized `expected` first, grown only when the
 * stream gives more, and each piece dropped once copied.
 */
async function collect(stream: AsyncIterable<Uint8Array>, expected: number, cap: number): Promise<Uint8Array> {
  let buffer = Buffer.allocUnsafe(Math.max(expected, 1 << 16));
  let total = 0;
  for await (const piece of stream) {
    if (total + piece.length > cap) throw new RangeError(`the archive decompresses to more than ${cap} bytes`);
    if (total + piece.length > buffer.length) {
      const grown = Buffer.allocUnsafe(Math.min(cap, Math.max(buffer.length * 2, total + piece.length)));
      buffer.copy(grown, 0, 0, total);
      buffer = grown;
    }
    buffer.set(piece, total);
    total += piece.length;
  }
  return buffer.subarray(0, total);
}

async function* piecesOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

/**
 * The uncompressed size an .xz file's index records (its last stream's, xz-file-format 1.2:
 * the footer's backward size locates the index, whose records hold each block's sizes as
 * multibyte integers); null when the file does not end as one stream's footer should.
 */
export function xzUncompressedSize(bytes: Uint8Array): number | null {
  const end = bytes.length;
  if (end < 24 || bytes[end - 2] !== 0x59 || bytes[end - 1] !== 0x5a) return null;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const indexSize = (view.readUInt32LE(end - 8) + 1) * 4;
  let at = end - 12 - indexSize;
  if (at < 12 || bytes[at] !== 0x00) return null;
  at++;
  const varint = (): number | null => {
    let value = 0;
    for (let shift = 0; shift < 63 && at < end; shift += 7) {
      const byte = bytes[at++] as number;
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
    }
    return null;
  };
  const records = varint();
  if (records === null || records > indexSize) return null;
  let total = 0;
  for (let i = 0; i < records; i++) {
    const unpadded = varint();
    const uncompressed = varint();
    if (unpadded === null || uncompressed === null) return null;
    total += uncompressed;
  }
  return Number.isSafeInteger(total) ? total : null;
}

/** .tar.xz: xz-decompress (WebAssembly) streams it, asynchronously, with the same cap. */
export async function unxz(bytes: Uint8Array, cap = MAX_ARCHIVE_BYTES): Promise<Uint8Array> {
  // A CommonJS package: its exports sit on the default export under ESM.
  type Module = { XzReadableStream: new (stream: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array> };
  const imported = (await import("xz-decompress")) as Module & { default?: Module };
  const XzReadableStream = imported.default?.XzReadableStream ?? imported.XzReadableStream;
  const stream = new XzReadableStream(new Blob([bytes]).stream());
  // The index gives the size; it is checked as the data comes.
  // The index is believed up to a ratio LZMA2 reaches only on the emptiest data.
  const tar = await collect(piecesOf(stream), Math.min(cap, xzUncompressedSize(bytes) ?? bytes.length * 4, bytes.length * 8192), cap);
  if (!isTar(tar)) throw new Error("not a tar archive");
  return tar;
}

/** .tar.xz and .txz: their decompression (unxz) is asynchronous only. */
export const XZ_ARCHIVE_NAME = /\.(tar\.xz|txz)$/;
export const ARCHIVE_NAME = new RegExp(`\\.(tar|tar\\.gz|tgz)$|${XZ_ARCHIVE_NAME.source}`);
