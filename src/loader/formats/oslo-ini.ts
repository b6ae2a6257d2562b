/**
 * oslo.config's INI dialect, as `oslo_config/iniparser.py` (BaseParser.parse)
 * and `cfg.ConfigParser` read it:
 * - lines come from Python's universal-newline iteration and are rstripped;
 * - a blank line ends a multi-line value; a line starting with space or tab
 *   continues the previous value (lstripped, joined with "\n"), and is an
 *   error when no value is open;
 * - `#` and `;` start a comment only in column 1: there are no inline comments;
 * - the key/value separator is the first `=` or `:`; one pair of matching
 *   quotes around the whole value is removed;
 * - every assignment needs a section; a repeated key appends (the last wins).
 * The first error stops the parse, as it stops the service.
 */
import type { Location } from "../../model/location.js";
import { Buffer, isAscii } from "node:buffer";
import { decodeUtf8Lines, pyLstrip, pyRstrip, pyStrip, splitUniversalLines } from "./text.js";

export interface OsloAssignment {
  section: string;
  key: string;
  value: string;
  /** The key's position; the value's own position is `value_location`. */
  location: Location;
  value_location: Location;
}

export interface OsloSectionHeader {
  name: string;
  location: Location;
}

export interface OsloParseError {
  message: string;
  location: Location;
}

/** A commented-out assignment (`#name = default`), as sample files document each option. */
export interface OsloCommented {
  section: string;
  key: string;
  location: Location;
}

export interface OsloFile {
  file: string;
  assignments: OsloAssignment[];
  headers: OsloSectionHeader[];
  commented: OsloCommented[];
  line_count: number;
  /** Set when oslo.config would refuse the file; parsing stopped there. */
  error?: OsloParseError;
}

export interface OsloParseOptions {
  /**
   * The option names whose commented-out samples are kept in `commented` (default: every
   * name). A sample nova.conf documents ~1,500 options; a reader that anchors a handful
   * passes their names, and the others' lines are never made into strings.
   */
  sampleNames?: ReadonlySet<string>;
}

export function parseOsloIni(text: string, file: string, options: OsloParseOptions = {}): OsloFile {
  return parseOsloLines(splitUniversalLines(text), file, options);
}

/** The same as parseOsloIni, from the file's lines (Python's universal newlines, no terminators). */
export function parseOsloLines(lines: readonly string[], file: string, options: OsloParseOptions = {}): OsloFile {
  const parser = new OsloParser(file, options.sampleNames);
  for (let index = 0; index < lines.length && parser.line(lines[index] as string, index + 1); index++);
  return parser.finish(lines.length);
}

/** Python's str.isspace() for an ASCII byte: what rstrip removes. */
const isPySpaceByte = (b: number): boolean => (b >= 0x09 && b <= 0x0d) || (b >= 0x1c && b <= 0x20);
/** JavaScript's \s for an ASCII byte inside a line: tab, vertical tab, form feed, space. */
const isRegexSpaceByte = (b: number): boolean => b === 0x09 || b === 0x0b || b === 0x0c || b === 0x20;
const isIdentStart = (b: number): boolean => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f;
const isIdentByte = (b: number): boolean => isIdentStart(b) || (b >= 0x30 && b <= 0x39);

/**
 * The same as parseOsloIni of the bytes decoded, for a file that is UTF-8: an ASCII file with
 * no carriage return (nearly every nova.conf) is read line by line from the bytes, and its
 * comment lines, 95% of a sample nova.conf, are never made into strings; any other file goes
 * through the decoded lines. Null when the bytes are not UTF-8.
 */
export function parseOsloBytes(bytes: Uint8Array, file: string, options: OsloParseOptions = {}): OsloFile | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isAscii(buffer) || buffer.indexOf(0x0d) >= 0) {
    const decoded = decodeUtf8Lines(bytes);
    return decoded.ok ? parseOsloLines(decoded.lines, file, options) : null;
  }
  const parser = new OsloParser(file, options.sampleNames);
  const names = options.sampleNames === undefined ? null : sampleNamesFor(options.sampleNames);
  // The next "=" at or after a comment line's start, found once for all the lines before it
  // (linear: each byte is searched once), so that prose lines, most of a sample file, are
  // passed over without looking at their bytes.
  let nextEqual = -1;
  let lineNo = 0;
  let start = 0;
  while (start < buffer.length) {
    const newline = buffer.indexOf(0x0a, start);
    const end = newline < 0 ? buffer.length : newline;
    lineNo++;
    const first = start < end ? (buffer[start] as number) : -1;
    let going: boolean;
    if (first === 0x23 || first === 0x3b) {
      let last = end;
      while (last > start && isPySpaceByte(buffer[last - 1] as number)) last--;
      if (first === 0x23 && nextEqual < start) {
        nextEqual = buffer.indexOf(0x3d, start);
        if (nextEqual < 0) nextEqual = buffer.length;
      }
      going = parser.comment(lineNo, first === 0x23 && nextEqual < last ? sampleKey(buffer, start, last, names) : null, last - start);
    } else going = parser.line(first < 0 ? "" : buffer.toString("latin1", start, end), lineNo);
    if (!going) {
      // Refused here; the file's line count is still all of its lines.
      let lines = lineNo;
      for (let at = newline < 0 ? -1 : buffer.indexOf(0x0a, newline + 1); at >= 0; at = buffer.indexOf(0x0a, at + 1)) lines++;
      if (newline >= 0 && buffer[buffer.length - 1] !== 0x0a) lines++;
      return parser.finish(lines);
    }
    start = end + 1;
  }
  return parser.finish(lineNo);
}

/**
 * Names by their length, each with its bytes, and the bytes they start with: a sample's name is
 * matched without making it a string, and most lines are passed over at their first letter.
 */
interface SampleNames {
  byLength: Map<number, { name: string; bytes: Buffer }[]>;
  firstBytes: Uint8Array;
}

const sampleNamesOf = new WeakMap<ReadonlySet<string>, SampleNames>();

function sampleNamesFor(names: ReadonlySet<string>): SampleNames {
  let known = sampleNamesOf.get(names);
  if (known === undefined) {
    known = { byLength: new Map(), firstBytes: new Uint8Array(256) };
    for (const name of names) {
      const bytes = Buffer.from(name, "latin1");
      // A name that is not latin1, or empty, is no ASCII line's sample.
      if (bytes.length === 0 || bytes.toString("latin1") !== name) continue;
      known.firstBytes[bytes[0] as number] = 1;
      const same = known.byLength.get(bytes.length);
      if (same === undefined) known.byLength.set(bytes.length, [{ name, bytes }]);
      else same.push({ name, bytes });
    }
    sampleNamesOf.set(names, known);
  }
  return known;
}

/**
 * `/^#\s?([A-Za-z_][A-Za-z0-9_]*)\s*=/` on an ASCII line's bytes: the sample's option name, or
 * null; with `names`, null too for a name not among them.
 */
function sampleKey(buffer: Buffer, start: number, end: number, names: SampleNames | null): string | null {
  let at = start + 1;
  if (at < end && isRegexSpaceByte(buffer[at] as number) && at + 1 < end && isIdentStart(buffer[at + 1] as number)) at++;
  if (at >= end || !isIdentStart(buffer[at] as number)) return null;
  if (names !== null && names.firstBytes[buffer[at] as number] === 0) return null;
  const keyStart = at;
  while (at < end && isIdentByte(buffer[at] as number)) at++;
  const keyEnd = at;
  while (at < end && isRegexSpaceByte(buffer[at] as number)) at++;
  if (at >= end || buffer[at] !== 0x3d) return null;
  if (names === null) return buffer.toString("latin1", keyStart, keyEnd);
  for (const { name, bytes } of names.byLength.get(keyEnd - keyStart) ?? []) {
    if (buffer.compare(bytes, 0, bytes.length, keyStart, keyEnd) === 0) return name;
  }
  return null;
}

/** oslo.config's parse, a line at a time; `line` and `comment` say false once the file is refused. */
class OsloParser {
  private readonly result: OsloFile;
  private section: string | null = null;
  private open: { key: string; pieces: string[]; location: Location; value_location: Location } | null = null;

  constructor(
    private readonly file: string,
    private readonly sampleNames: ReadonlySet<string> | undefined,
  ) {
    this.result = { file, assignments: [], headers: [], commented: [], line_count: 0 };
  }

  private fail(message: string, line: number): false {
    this.result.error = { message, location: { file: this.file, line, column: 1 } };
    return false;
  }

  private flush(flushLine: number): boolean {
    const open = this.open;
    if (open === null) return true;
    // cfg.ConfigParser.assignment raises when the value is flushed.
    if (this.section === null) return this.fail("Section must be started before assignment", flushLine);
    this.result.assignments.push({
      section: this.section,
      key: open.key,
      value: open.pieces.join("\n"),
      location: open.location,
      value_location: open.value_location,
    });
    this.open = null;
    return true;
  }

  /** A comment line (`#` or `;` in column 1), `length` its length rstripped, `sample` the option a `#name =` line documents. */
  comment(lineNo: number, sample: string | null, length: number): boolean {
    if (!this.flush(lineNo)) return false;
    if (sample !== null && this.section !== null && (this.sampleNames === undefined || this.sampleNames.has(sample))) {
      this.result.commented.push({
        section: this.section,
        key: sample,
        location: { file: this.file, line: lineNo, column: 1, end_line: lineNo, end_column: length + 1 },
      });
    }
    return true;
  }

  line(raw: string, lineNo: number): boolean {
    const file = this.file;
    const line = pyRstrip(raw);
    if (line === "") return this.flush(lineNo);
    if (line.startsWith(" ") || line.startsWith("\t")) {
      const open = this.open;
      if (open === null) return this.fail("Unexpected continuation line", lineNo);
      open.pieces.push(pyLstrip(line));
      open.value_location.end_line = lineNo;
      open.value_location.end_column = line.length + 1;
      return true;
    }
    if (line.startsWith("#") || line.startsWith(";")) {
      const sample = line.startsWith("#") ? /^#\s?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line) : null;
      return this.comment(lineNo, sample === null ? null : (sample[1] as string), line.length);
    }
    if (!this.flush(lineNo)) return false;

    if (line.startsWith("[")) {
      if (!line.endsWith("]")) return this.fail("Invalid section (must end with ])", lineNo);
      if (line.length <= 2) return this.fail("Empty section name", lineNo);
      this.section = line.slice(1, -1);
      this.result.headers.push({
        name: this.section,
        location: { file, line: lineNo, column: 1, end_line: lineNo, end_column: line.length + 1 },
      });
      return true;
    }

    const colon = line.indexOf(":");
    const equal = line.indexOf("=");
    if (colon < 0 && equal < 0) return this.fail("No ':' or '=' found in assignment", lineNo);
    const sep = colon < 0 || (equal >= 0 && equal < colon) ? equal : colon;
    const rawKey = line.slice(0, sep);
    const key = pyStrip(rawKey);
    if (key === "") return this.fail("Key cannot be empty", lineNo);
    const afterSep = line.slice(sep + 1);
    let value = pyStrip(afterSep);
    let valueColumn = sep + 2 + (afterSep.length - pyLstrip(afterSep).length);
    if (value.length > 0 && value[0] === value[value.length - 1] && (value[0] === '"' || value[0] === "'")) {
      value = value.slice(1, -1);
      valueColumn += 1;
    }
    const keyColumn = rawKey.length - pyLstrip(rawKey).length + 1;
    this.open = {
      key,
      pieces: [value],
      location: { file, line: lineNo, column: keyColumn, end_line: lineNo, end_column: keyColumn + key.length },
      value_location: { file, line: lineNo, column: valueColumn, end_line: lineNo, end_column: valueColumn + value.length },
    };
    return true;
  }

  /** The parse, after `lineCount` lines (or where the file was refused). */
  finish(lineCount: number): OsloFile {
    this.result.line_count = lineCount;
    if (this.result.error === undefined) this.flush(lineCount);
    return this.result;
  }
}
