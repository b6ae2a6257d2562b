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
import { pyLstrip, pyRstrip, pyStrip, splitUniversalLines } from "./text.js";

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

export function parseOsloIni(text: string, file: string): OsloFile {
  return parseOsloLines(splitUniversalLines(text), file);
}

/** The same as parseOsloIni, from the file's lines (Python's universal newlines, no terminators). */
export function parseOsloLines(lines: readonly string[], file: string): OsloFile {
  const result: OsloFile = { file, assignments: [], headers: [], commented: [], line_count: lines.length };
  let section: string | null = null;
  let open: { key: string; pieces: string[]; location: Location; value_location: Location } | null = null;

  const flush = (flushLine: number): boolean => {
    if (open === null) return true;
    if (section === null) {
      // cfg.ConfigParser.assignment raises when the value is flushed.
      result.error = {
        message: "Section must be started before assignment",
        location: { file, line: flushLine, column: 1 },
      };
      return false;
    }
    result.assignments.push({
      section,
      key: open.key,
      value: open.pieces.join("\n"),
      location: open.location,
      value_location: open.value_location,
    });
    open = null;
    return true;
  };

  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const line = pyRstrip(lines[index] as string);
    if (line === "") {
      if (!flush(lineNo)) return result;
      continue;
    }
    if (line.startsWith(" ") || line.startsWith("\t")) {
      if (open === null) {
        result.error = { message: "Unexpected continuation line", location: { file, line: lineNo, column: 1 } };
        return result;
      }
      open.pieces.push(pyLstrip(line));
      open.value_location.end_line = lineNo;
      open.value_location.end_column = line.length + 1;
      continue;
    }
    if (!flush(lineNo)) return result;

    if (line.startsWith("[")) {
      if (!line.endsWith("]")) {
        result.error = { message: "Invalid section (must end with ])", location: { file, line: lineNo, column: 1 } };
        return result;
      }
      if (line.length <= 2) {
        result.error = { message: "Empty section name", location: { file, line: lineNo, column: 1 } };
        return result;
      }
      section = line.slice(1, -1);
      result.headers.push({
        name: section,
        location: { file, line: lineNo, column: 1, end_line: lineNo, end_column: line.length + 1 },
      });
      continue;
    }
    if (line.startsWith("#") || line.startsWith(";")) {
      const sample = /^#\s?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
      if (sample && section !== null) {
        result.commented.push({
          section,
          key: sample[1] as string,
          location: { file, line: lineNo, column: 1, end_line: lineNo, end_column: line.length + 1 },
        });
      }
      continue;
    }

    const colon = line.indexOf(":");
    const equal = line.indexOf("=");
    if (colon < 0 && equal < 0) {
      result.error = { message: "No ':' or '=' found in assignment", location: { file, line: lineNo, column: 1 } };
      return result;
    }
    const sep = colon < 0 || (equal >= 0 && equal < colon) ? equal : colon;
    const rawKey = line.slice(0, sep);
    const key = pyStrip(rawKey);
    if (key === "") {
      result.error = { message: "Key cannot be empty", location: { file, line: lineNo, column: 1 } };
      return result;
    }
    const afterSep = line.slice(sep + 1);
    let value = pyStrip(afterSep);
    let valueColumn = sep + 2 + (afterSep.length - pyLstrip(afterSep).length);
    if (value.length > 0 && value[0] === value[value.length - 1] && (value[0] === '"' || value[0] === "'")) {
      value = value.slice(1, -1);
      valueColumn += 1;
    }
    const keyColumn = rawKey.length - pyLstrip(rawKey).length + 1;
    open = {
      key,
      pieces: [value],
      location: { file, line: lineNo, column: keyColumn, end_line: lineNo, end_column: keyColumn + key.length },
      value_location: { file, line: lineNo, column: valueColumn, end_line: lineNo, end_column: valueColumn + value.length },
    };
  }
  flush(lines.length);
  return result;
}
