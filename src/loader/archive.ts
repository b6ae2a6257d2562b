/**
 * A tar archive (a sosreport, or any host tree packed with its modes and owners) read
 * into memory and served as a tree, never extracted to disk. The sandbox rules hold
 * inside it: entries with absolute names or `..` are refused, links resolve inside the
 * archive (loader/fs.ts), devices and FIFOs are never read, and decompression stops at
 * a cap.
 */
import { gunzipSync } from "node:zlib";
import type { Backend, EntryStats } from "./fs.js";
import { splitPath } from "./fs.js";

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

export class ArchiveBackend implements Backend {
  private readonly entries = new Map<string, Entry>([["", { kind: "dir", mode: 0o755, uid: 0, gid: 0, children: new Set() }]]);
  readonly refused: RefusedEntry[] = [];

  add(name: string, entry: Entry): void {
    const raw = name.replace(/^\.\//, "");
    if (raw.startsWith("/")) {
      this.refused.push({ name, reason: "absolute name" });
      return;
    }
    const parts = splitPath(raw);
    if (parts.includes("..")) {
      this.refused.push({ name, reason: "name leads out of the archive (..)" });
      return;
    }
    if (parts.length === 0) return;
    for (let i = 1; i <= parts.length; i++) {
      const parent = parts.slice(0, i - 1).join("/");
      const path = parts.slice(0, i).join("/");
      this.entries.get(parent)?.children?.add(parts[i - 1] as string);
      if (i < parts.length && !this.entries.has(path)) this.entries.set(path, { kind: "dir", mode: 0o755, uid: 0, gid: 0, children: new Set() });
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

const text = (bytes: Uint8Array, start: number, length: number) => Buffer.from(bytes.subarray(start, start + length)).toString("utf8").replace(/\0.*$/s, "");
const octal = (bytes: Uint8Array, start: number, length: number) => parseInt(text(bytes, start, length).trim() || "0", 8);

function paxRecords(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  const body = Buffer.from(data).toString("utf8");
  let at = 0;
  while (at < body.length) {
    const space = body.indexOf(" ", at);
    const length = Number(body.slice(at, space));
    if (!Number.isInteger(length) || length <= 0) break;
    const record = body.slice(space + 1, at + length - 1);
    const eq = record.indexOf("=");
    records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}

/** Parses an uncompressed tar (ustar, GNU long names, pax headers) into a backend. */
export function readTar(tar: Uint8Array): ArchiveBackend {
  const backend = new ArchiveBackend();
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax = new Map<string, string>();
  const hardLinks: [string, string, Entry][] = [];
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] as number);
    const data = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === "L") {
      longName = text(data, 0, data.length);
      continue;
    }
    if (type === "K") {
      longLink = text(data, 0, data.length);
      continue;
    }
    if (type === "x") {
      pax = paxRecords(data);
      continue;
    }
    if (type === "g") continue;
    const prefix = text(header, 345, 155);
    const name = pax.get("path") ?? longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    const link = pax.get("linkpath") ?? longLink ?? text(header, 157, 100);
    longName = longLink = undefined;
    pax = new Map();
    const base = { mode: octal(header, 100, 8) & 0o7777, uid: octal(header, 108, 8), gid: octal(header, 116, 8) };
    if (type === "0" || type === "\0" || type === "7") backend.add(name, { ...base, kind: "file", data });
    else if (type === "5") backend.add(name, { ...base, kind: "dir" });
    else if (type === "2") backend.add(name, { ...base, kind: "symlink", target: link });
    else if (type === "1") hardLinks.push([name, link, { ...base, kind: "file" }]);
    else backend.add(name, { ...base, kind: "special" });
  }
  for (const [name, target, entry] of hardLinks) {
    const source = backend.get(splitPath(target.replace(/^\.\//, "")));
    if (source?.kind === "file" && source.data !== undefined) backend.add(name, { ...entry, data: source.data });
    else backend.refused.push({ name, reason: `hard link to ${target}, which the archive does not hold` });
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

function isTar(tar: Uint8Array): boolean {
  return tar.length >= 512 && text(tar, 257, 5) === "ustar";
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

export const ARCHIVE_NAME = /\.(tar|tar\.gz|tgz|tar\.xz|txz)$/;
