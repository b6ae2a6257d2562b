/** Decoding and line splitting shared by the text-format parsers. */
import { Buffer, isAscii, isUtf8 } from "node:buffer";

export type DecodeResult = { ok: true; text: string } | { ok: false; offset: number };

/**
 * Strict UTF-8 decoding that keeps a byte-order mark in the text, because the
 * real readers (Python's `open()`, libvirt's byte parser) do not strip it.
 */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  // isUtf8 (simdutf) accepts exactly what a fatal TextDecoder accepts and is several times faster.
  if (!isAscii(bytes) && !isUtf8(bytes)) return { ok: false, offset: firstInvalidUtf8Offset(bytes) };
  return { ok: true, text: decodeValid(bytes) };
}

/** Bytes known to be UTF-8 as text; ASCII, nearly every configuration file, decodes as Latin-1 without transcoding. Buffer's decoder keeps a BOM as U+FEFF. */
function decodeValid(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return isAscii(buffer) ? buffer.toString("latin1") : buffer.toString("utf8");
}

/**
 * decodeUtf8 and splitUniversalLines in one step, for large files. V8 puts every string longer
 * than about 128 KiB in its large-object space, and allocating one there cost ~1.6 ms per
 * nova.conf on this project's machine (a fleet's biggest single cost); decoding slices of at
 * most `chunk` bytes, cut after a newline, gives the same lines without ever building the
 * whole text.
 */
export function decodeUtf8Lines(bytes: Uint8Array, chunk = 1 << 16): { ok: true; lines: string[] } | { ok: false; offset: number } {
  if (!isAscii(bytes) && !isUtf8(bytes)) return { ok: false, offset: firstInvalidUtf8Offset(bytes) };
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lines: string[] = [];
  for (let start = 0; start < buffer.length; ) {
    // Cutting right after a \n never splits a \r\n, nor a UTF-8 sequence (0x0a is never inside one).
    let end = start + chunk >= buffer.length ? buffer.length : buffer.indexOf(0x0a, start + chunk - 1) + 1;
    if (end === 0) end = buffer.length;
    for (const line of splitUniversalLines(decodeValid(buffer.subarray(start, end)))) lines.push(line);
    start = end;
  }
  return { ok: true, lines };
}

/**
 * Bytes as a byte-oriented reader (libvirt's virConf) sees them: valid UTF-8 as text, any
 * other byte as U+FFFD, NUL as itself; `firstInvalid` is the offset of the first byte that
 * is not UTF-8, or null.
 */
export function decodeLenient(bytes: Uint8Array): { text: string; firstInvalid: number | null } {
  if (isAscii(bytes) || isUtf8(bytes)) return { text: decodeValid(bytes), firstInvalid: null };
  return { text: new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes), firstInvalid: firstInvalidUtf8Offset(bytes) };
}

/** The offset of the first byte that is not part of valid UTF-8 (the length when all are). */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return i;
}

/** 1-based line and column of a byte offset, for diagnostics about raw bytes. */
export function lineColumnOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Python's universal-newline line iteration: `\n`, `\r\n` and a lone `\r` end
 * a line. Returned lines carry no terminator.
 */
export function splitUniversalLines(text: string): string[] {
  const lines = text.includes("\r") ? text.split(/\r\n|\r|\n/) : text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Whether a UTF-16 code unit is one Python's `str.isspace()` accepts (what `str.strip()` removes). */
function pySpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    (c >= 0x1c && c <= 0x20) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

export function pyLstrip(s: string): string {
  let i = 0;
  while (i < s.length && pySpace(s.charCodeAt(i))) i++;
  return i === 0 ? s : s.slice(i);
}
export function pyRstrip(s: string): string {
  let j = s.length;
  while (j > 0 && pySpace(s.charCodeAt(j - 1))) j--;
  return j === s.length ? s : s.slice(0, j);
}
export function pyStrip(s: string): string {
  return pyRstrip(pyLstrip(s));
}

/** Levenshtein distance: the fewest insertions, deletions and substitutions from a to b. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * The candidate nearest to a mistyped word, when one is near enough to be what was meant:
 * one edit for a word of up to three letters, else two or a third of its length.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let distance = (word.length <= 3 ? 1 : Math.max(2, Math.floor(word.length / 3))) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < distance) {
      best = candidate;
      distance = d;
    }
  }
  return best;
}

/** The index of the last of `sorted` (ascending) that is at most `value`; 0 when none is. */
export function lastAtMost(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((sorted[middle] as number) <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The offset each line of a text starts at. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf("\n"); index >= 0; index = text.indexOf("\n", index + 1)) starts.push(index + 1);
  return starts;
}
