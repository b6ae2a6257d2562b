/**
 * Uncompressed tar archives (ustar, GNU long names and links, GNU base-256 numbers, pax
 * headers): the one tar reader, for sosreports, OPA's bundles and users' bundles. Pure:
 * entries are views into the given bytes. A header that cannot be read (a bad checksum, a
 * size no encoding gives, data past the end) ends the walk with a problem naming where,
 * never a throw: what follows it would be read at the wrong offsets.
 */

export type TarEntryType = "file" | "dir" | "symlink" | "hardlink" | "special";

export interface TarEntry {
  /** The name as stored (pax `path`, GNU long name, or ustar prefix and name). */
  name: string;
  type: TarEntryType;
  mode: number;
  /** -1 where the header's id cannot be read: never taken for root. */
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

/**
 * A numeric header field: octal digits (padded with spaces or NULs), or GNU's base-256 (the
 * first byte's high bit set, the rest big-endian); NaN when it is neither, or negative.
 */
function numeric(bytes: Uint8Array, start: number, length: number): number {
  const first = bytes[start] as number;
  if (first & 0x80) {
    if (first & 0x40) return Number.NaN;
    let value = first & 0x3f;
    for (let i = start + 1; i < start + length; i++) {
      value = value * 256 + (bytes[i] as number);
      if (value > Number.MAX_SAFE_INTEGER) return Number.NaN;
    }
    return value;
  }
  const text = field(bytes, start, length).trim();
  if (text === "") return 0;
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : Number.NaN;
}

/** The header's checksum: the sum of its bytes with the checksum field taken as spaces. */
function checksumMatches(header: Uint8Array): boolean {
  const stored = numeric(header, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] as number);
  return sum === stored;
}

/** A pax extended header's `length key=value\n` records; the length counts bytes, so they are cut as bytes. */
function paxRecords(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space < 0 || space - at > 20) break;
    const length = Number(decoder.decode(data.subarray(at, space)));
    if (!Number.isSafeInteger(length) || length <= space - at + 1 || at + length > data.length) break;
    const record = decoder.decode(data.subarray(space + 1, at + length - 1));
    const eq = record.indexOf("=");
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}

/** A pax number record (size, uid, gid): decimal digits only. */
function paxNumber(records: Map<string, string>, key: string): number | undefined {
  const text = records.get(key);
  if (text === undefined) return undefined;
  return /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
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

const id = (value: number | undefined): number => (value === undefined || Number.isNaN(value) ? -1 : value);

export function parseTar(tar: Uint8Array): TarContents {
  const entries: TarEntry[] = [];
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax = new Map<string, string>();
  for (let offset = 0; offset + BLOCK <= tar.length; ) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    if (!checksumMatches(header)) return { entries, problem: `the header at byte ${offset} has a wrong checksum` };
    const flag = String.fromCharCode(header[156] as number);
    // A pax size applies to the entry the pax header describes, not to the pax header itself.
    const isMeta = flag === "L" || flag === "K" || flag === "x" || flag === "g";
    const size = isMeta ? numeric(header, 124, 12) : (paxNumber(pax, "size") ?? numeric(header, 124, 12));
    if (!Number.isSafeInteger(size) || size < 0) return { entries, problem: `the entry at byte ${offset} has a size no tar encoding gives` };
    if (offset + BLOCK + size > tar.length) return { entries, problem: `the entry at byte ${offset} runs past the end of the archive` };
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
    const mode = numeric(header, 100, 8);
    if (Number.isNaN(mode))
      return { entries, problem: `the entry at byte ${offset - BLOCK - Math.ceil(size / BLOCK) * BLOCK} has a mode no tar encoding gives` };
    const uid = paxNumber(pax, "uid") ?? numeric(header, 108, 8);
    const gid = paxNumber(pax, "gid") ?? numeric(header, 116, 8);
    longName = longLink = undefined;
    pax = new Map();
    const type = typeOf(flag);
    entries.push({
      name,
      type,
      mode: mode & 0o7777,
      uid: id(uid),
      gid: id(gid),
      data: type === "file" ? data : new Uint8Array(0),
      link,
    });
  }
  return { entries, problem: null };
}
