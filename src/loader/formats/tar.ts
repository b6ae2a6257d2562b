/**
 * Uncompressed tar archives (ustar, GNU long names and links, pax headers): the one tar
 * reader, for sosreports, OPA's bundles and users' bundles. Pure: entries are views into
 * the given bytes; a header that cannot be read ends the walk with a problem, never a throw.
 */

export type TarEntryType = "file" | "dir" | "symlink" | "hardlink" | "special";

export interface TarEntry {
  /** The name as stored (pax `path`, GNU long name, or ustar prefix and name). */
  name: string;
  type: TarEntryType;
  mode: number;
  uid: number;
  gid: number;
  /** The entry's content: a view into the archive's bytes (empty for all but files). */
  data: Uint8Array;
  /** A link's target as stored. */
  link: string;
}

export interface TarContents {
  entries: TarEntry[];
  /** Why the walk stopped before the end of the archive, if it did. */
  problem: string | null;
}

const BLOCK = 512;
const decoder = new TextDecoder();

function field(bytes: Uint8Array, start: number, length: number): string {
  const raw = bytes.subarray(start, start + length);
  const nul = raw.indexOf(0);
  return decoder.decode(nul < 0 ? raw : raw.subarray(0, nul));
}

function octal(bytes: Uint8Array, start: number, length: number): number {
  const text = field(bytes, start, length).trim();
  if (text === "") return 0;
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : Number.NaN;
}

/** A pax extended header's `length key=value\n` records. */
function paxRecords(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  const body = decoder.decode(data);
  let at = 0;
  while (at < body.length) {
    const space = body.indexOf(" ", at);
    if (space < 0) break;
    const length = Number(body.slice(at, space));
    if (!Number.isInteger(length) || length <= space - at) break;
    const record = body.slice(space + 1, at + length - 1);
    const eq = record.indexOf("=");
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}

function typeOf(flag: string): TarEntryType {
  if (flag === "0" || flag === "\0" || flag === "7") return "file";
  if (flag === "5") return "dir";
  if (flag === "2") return "symlink";
  if (flag === "1") return "hardlink";
  return "special";
}

/** Whether the bytes begin with a ustar header. */
export function isTar(bytes: Uint8Array): boolean {
  return bytes.length >= BLOCK && field(bytes, 257, 5) === "ustar";
}

export function parseTar(tar: Uint8Array): TarContents {
  const entries: TarEntry[] = [];
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax = new Map<string, string>();
  for (let offset = 0; offset + BLOCK <= tar.length; ) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    if (!Number.isSafeInteger(size)) return { entries, problem: `the header at byte ${offset} has no valid size` };
    if (offset + BLOCK + size > tar.length) return { entries, problem: `the entry at byte ${offset} runs past the end of the archive` };
    const flag = String.fromCharCode(header[156] as number);
    const data = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (flag === "L") {
      longName = field(data, 0, data.length);
      continue;
    }
    if (flag === "K") {
      longLink = field(data, 0, data.length);
      continue;
    }
    if (flag === "x") {
      pax = paxRecords(data);
      continue;
    }
    if (flag === "g") continue;
    const prefix = field(header, 345, 155);
    const name = pax.get("path") ?? longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    const link = pax.get("linkpath") ?? longLink ?? field(header, 157, 100);
    longName = longLink = undefined;
    pax = new Map();
    const type = typeOf(flag);
    const mode = octal(header, 100, 8);
    const uid = octal(header, 108, 8);
    const gid = octal(header, 116, 8);
    entries.push({
      name,
      type,
      mode: Number.isNaN(mode) ? 0 : mode & 0o7777,
      uid: Number.isNaN(uid) ? 0 : uid,
      gid: Number.isNaN(gid) ? 0 : gid,
      data: type === "file" ? data : new Uint8Array(0),
      link,
    });
  }
  return { entries, problem: null };
}
