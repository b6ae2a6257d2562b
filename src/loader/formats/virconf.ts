/**
 * libvirt's virConf syntax (`src/util/virconf.c`), used by libvirtd.conf,
 * virtproxyd.conf, virtqemud.conf and qemu.conf:
 * - statements `name = value` separated by end of line or `;`, optional
 *   trailing `# comment`; full-line comments; blanks are space and tab only;
 * - a name starts with an ASCII letter and goes on with letters, digits, `_`;
 * - values: `"..."` or `'...'` on one line with no escapes, `"""..."""` across
 *   lines (only when at least seven bytes remain, as libvirt checks), integers
 *   `[+-]digits` (signed only with `-`), and lists `[ v, v, ]` across lines
 *   where a `#` is an error;
 * - the first error stops the parse: the daemon refuses to start;
 * - duplicates are kept in file order and lookups take the first.
 */
import type { Location } from "../../model/location.js";
import { lastAtMost, lineStarts } from "./text.js";

export type VirValue =
  | { type: "string"; value: string }
  | { type: "unsigned"; value: number }
  | { type: "signed"; value: number }
  | { type: "list"; value: VirValue[] };

export interface VirEntry {
  name: string;
  value: VirValue;
  location: Location;
  value_location: Location;
}

export interface VirConfFile {
  file: string;
  entries: VirEntry[];
  /** Commented-out sample lines (`#name = value`), the first of each name. */
  commented: Record<string, Location>;
  line_count: number;
  error?: { message: string; location: Location };
}

class VirConfSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const isBlank = (c: string | undefined): boolean => c === " " || c === "\t";
const isEol = (c: string | undefined): boolean => c === "\n" || c === "\r";
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";
const isAlpha = (c: string | undefined): boolean => c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z"));

/** libvirt copies a string with g_strndup, which stops at a NUL: the value is what comes before it. */
function cString(value: string): string {
  const nul = value.indexOf("\0");
  return nul < 0 ? value : value.slice(0, nul);
}

/** Lists inside lists read at the most; no option of the daemons takes more than one level. */
const MAX_LIST_DEPTH = 64;

export function parseVirConf(text: string, file: string): VirConfFile {
  const starts = lineStarts(text);
  const lineCount = text.endsWith("\n") ? starts.length - 1 : starts.length;
  const position = (offset: number): { line: number; column: number } => {
    const line = lastAtMost(starts, offset);
    return { line: line + 1, column: offset - (starts[line] as number) + 1 };
  };
  const span = (start: number, end: number): Location => {
    const a = position(start);
    const b = position(end);
    return { file, line: a.line, column: a.column, end_line: b.line, end_column: b.column };
  };

  const result: VirConfFile = { file, entries: [], commented: Object.create(null), line_count: lineCount };
  const end = text.length;
  let cur = 0;
  const ch = (): string | undefined => (cur < end ? text[cur] : undefined);
  const skipBlanks = (): void => {
    while (cur < end && isBlank(text[cur])) cur++;
  };
  const skipBlanksAndEol = (): void => {
    while (cur < end && (isBlank(text[cur]) || isEol(text[cur]))) cur++;
  };
  const fail = (message: string): never => {
    throw new VirConfSyntaxError(message, cur);
  };

  const parseString = (): string => {
    const quote = ch();
    if (quote === "'" || (quote === '"' && !(cur + 6 < end && text.startsWith('"""', cur)))) {
      cur++;
      const base = cur;
      while (cur < end && text[cur] !== quote && !isEol(text[cur])) cur++;
      if (ch() !== quote) fail("unterminated string");
      const value = text.slice(base, cur);
      cur++;
      return cString(value);
    }
    cur += 3;
    const base = cur;
    while (cur + 2 < end && !text.startsWith('"""', cur)) cur++;
    if (!text.startsWith('"""', cur)) fail("unterminated string");
    const value = cString(text.slice(base, cur));
    cur += 3;
    return value;
  };

  let depth = 0;
  const parseValue = (): VirValue => {
    skipBlanks();
    if (cur >= end) fail("expecting a value");
    const c = ch();
    if (c === '"' || c === "'") return { type: "string", value: parseString() };
    if (c === "[") {
      // libvirt recurses into lists on the C stack; migpolicy stops far before its own would end.
      if (++depth > MAX_LIST_DEPTH) fail(`lists nested more than ${MAX_LIST_DEPTH} deep, which migpolicy does not read`);
      cur++;
      skipBlanksAndEol();
      const items: VirValue[] = [];
      if (cur < end && ch() !== "]") {
        items.push(parseValue());
        skipBlanksAndEol();
      }
      while (cur < end && ch() !== "]") {
        if (ch() !== ",") fail("expecting a separator in list");
        cur++;
        skipBlanksAndEol();
        if (ch() === "]") break;
        items.push(parseValue());
        skipBlanksAndEol();
      }
      if (ch() !== "]") fail("list is not closed with ]");
      cur++;
      depth--;
      return { type: "list", value: items };
    }
    if (isDigit(c) || c === "-" || c === "+") {
      const negative = c === "-";
      if (c === "-" || c === "+") cur++;
      if (cur >= end || !isDigit(ch())) fail("unterminated number");
      const base = cur;
      while (cur < end && isDigit(text[cur])) cur++;
      const magnitude = Number(text.slice(base, cur));
      return negative ? { type: "signed", value: -magnitude } : { type: "unsigned", value: magnitude };
    }
    return fail("expecting a value");
  };

  const parseStatement = (): void => {
    skipBlanksAndEol();
    if (ch() === "#") {
      const start = cur;
      while (cur < end && !isEol(text[cur])) cur++;
      const sample = /^#\s?([A-Za-z][A-Za-z0-9_]*)\s*=/.exec(text.slice(start, cur));
      if (sample && !Object.hasOwn(result.commented, sample[1] as string)) result.commented[sample[1] as string] = span(start, cur);
      return;
    }
    skipBlanks();
    const nameStart = cur;
    if (!isAlpha(ch())) fail("expecting a name");
    while (cur < end && (isAlpha(text[cur]) || isDigit(text[cur]) || text[cur] === "_")) cur++;
    const name = text.slice(nameStart, cur);
    const nameEnd = cur;
    skipBlanks();
    if (ch() !== "=") fail("expecting an assignment");
    cur++;
    skipBlanks();
    const valueStart = cur;
    const value = parseValue();
    const valueEnd = cur;
    skipBlanks();
    if (ch() === "#") while (cur < end && !isEol(text[cur])) cur++;
    result.entries.push({ name, value, location: span(nameStart, nameEnd), value_location: span(valueStart, valueEnd) });
  };

  const parseSeparator = (): void => {
    skipBlanks();
    if (cur >= end) return;
    if (isEol(ch())) skipBlanksAndEol();
    else if (ch() === ";") {
      cur++;
      skipBlanksAndEol();
    } else fail("expecting a separator");
  };

  try {
    while (cur < end) {
      parseStatement();
      parseSeparator();
    }
  } catch (error) {
    if (!(error instanceof VirConfSyntaxError)) throw error;
    const at = position(Math.min(error.offset, end));
    result.error = { message: error.message, location: { file, line: at.line, column: at.column } };
  }
  return result;
}

/**
 * Fleets hold the same libvirtd.conf and qemu.conf on every host: each distinct text is
 * parsed once and its result, frozen, copied into the file it was read from. Only texts up
 * to MAX_SHARED_TEXT characters are kept, MAX_SHARED of them (then the cache starts over).
 */
const shared = new Map<string, Readonly<VirConfFile>>();
const MAX_SHARED = 64;
const MAX_SHARED_TEXT = 1 << 18;

/** parseVirConf, the same result, parsing a text the process has parsed before only once. */
export function parseVirConfShared(text: string, file: string): VirConfFile {
  if (text.length > MAX_SHARED_TEXT) return parseVirConf(text, file);
  let parsed = shared.get(text);
  if (parsed === undefined) {
    if (shared.size >= MAX_SHARED) shared.clear();
    parsed = deepFreeze(parseVirConf(text, ""));
    shared.set(text, parsed);
  }
  return inFile(parsed, file);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/** A parse made for another file, its locations in `file`: fresh containers, the values shared (frozen). */
function inFile(parsed: Readonly<VirConfFile>, file: string): VirConfFile {
  const at = (location: Location): Location => ({ ...location, file });
  const commented: Record<string, Location> = Object.create(null);
  for (const name of Object.keys(parsed.commented)) commented[name] = at(parsed.commented[name] as Location);
  const result: VirConfFile = {
    file,
    entries: parsed.entries.map((entry) => ({ name: entry.name, value: entry.value, location: at(entry.location), value_location: at(entry.value_location) })),
    commented,
    line_count: parsed.line_count,
  };
  if (parsed.error !== undefined) result.error = { message: parsed.error.message, location: at(parsed.error.location) };
  return result;
}
