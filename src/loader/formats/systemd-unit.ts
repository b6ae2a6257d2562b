/**
 * systemd unit files (systemd.syntax(7)): `[Section]` headers, `Key=Value`
 * assignments, `#` and `;` comment lines, a trailing backslash joining the next
 * line (with a space). Repeated keys are all kept; for list settings such as
 * `ListenStream=` an empty assignment resets the list (systemd.socket(5)).
 */
import type { Location } from "../../model/location.js";

export interface UnitAssignment {
  section: string;
  key: string;
  value: string;
  location: Location;
}

export function parseUnitFile(text: string, file: string): UnitAssignment[] {
  const lines = text.split(/\r?\n/);
  const out: UnitAssignment[] = [];
  let section = "";
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    const first = (lines[i] as string).trim();
    if (first === "" || first.startsWith("#") || first.startsWith(";")) continue;
    // Continued lines are joined once, at the end: joining as they come was quadratic.
    const parts = [first];
    let last = first;
    while (last.endsWith("\\") && i + 1 < lines.length) {
      i++;
      const next = (lines[i] as string).trim();
      if (next.startsWith("#") || next.startsWith(";")) continue;
      parts[parts.length - 1] = last.slice(0, -1);
      parts.push(next);
      last = next;
    }
    const line = parts.join(" ");
    if (line.startsWith("[") && line.endsWith("]")) {
      section = line.slice(1, -1);
      continue;
    }
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    out.push({
      section,
      key,
      value: line.slice(eq + 1).trim(),
      location: { file, line: start + 1, column: 1, end_line: start + 1, end_column: key.length + 1 },
    });
  }
  return out;
}

/** The values of a list setting across a unit file and its drop-ins, in order, with resets applied. */
export function listSetting(files: UnitAssignment[][], section: string, key: string): { values: string[]; locations: Location[] } {
  let values: string[] = [];
  let locations: Location[] = [];
  for (const assignments of files) {
    for (const a of assignments) {
      if (a.section !== section || a.key !== key) continue;
      if (a.value === "") {
        values = [];
        locations = [];
      } else {
        for (const word of a.value.split(/\s+/)) values.push(word);
        locations.push(a.location);
      }
    }
  }
  return { values, locations };
}

/**
 * The words of an `ExecStart=` or `Environment=` value as systemd splits them
 * (systemd.syntax(7)): at whitespace, with "double" and 'single' quoted words whole and
 * backslash escapes inside double quotes and outside quotes. Linear in the value.
 */
export function unitWords(value: string): string[] {
  const words: string[] = [];
  // A word is built from slices of the value between quotes and escapes, not a character at a time.
  let parts: string[] = [];
  let inWord = false;
  let quote: '"' | "'" | null = null;
  let start = 0;
  const flush = (end: number) => {
    if (end > start) parts.push(value.slice(start, end));
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (quote !== null) {
      if (c === quote) {
        flush(i);
        quote = null;
        start = i + 1;
      } else if (c === "\\" && quote === '"' && i + 1 < value.length) {
        flush(i);
        start = ++i;
      }
    } else if (c === " " || c === "\t") {
      flush(i);
      if (inWord) words.push(parts.join(""));
      parts = [];
      inWord = false;
      start = i + 1;
    } else {
      inWord = true;
      if (c === '"' || c === "'") {
        flush(i);
        quote = c;
        start = i + 1;
      } else if (c === "\\" && i + 1 < value.length) {
        flush(i);
        start = ++i;
      }
    }
  }
  flush(value.length);
  if (inWord) words.push(parts.join(""));
  return words;
}

/**
 * sosreport's `systemctl list-unit-files` output: `UNIT FILE  STATE  [VENDOR PRESET]`
 * lines under a header, ending with "N unit files listed.".
 */
export function parseUnitFileList(text: string): Map<string, { state: string; line: number }> {
  const states = new Map<string, { state: string; line: number }>();
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /^(\S+\.(?:service|socket|target|timer|path|mount))\s+(\S+)/.exec(line);
    if (match) states.set(match[1] as string, { state: match[2] as string, line: index + 1 });
  });
  return states;
}
