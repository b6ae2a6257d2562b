/**
 * A place in a scanned file. `file` is relative to the scanned root and uses
 * forward slashes; `line` and `column` are 1-based, columns count UTF-16 code
 * units of the decoded line (as SARIF's default `columnKind` does).
 * `end_line`/`end_column` are inclusive-exclusive: the end column points one
 * past the last character.
 */
export interface Location {
  file: string;
  line: number;
  column: number;
  end_line?: number;
  end_column?: number;
}

export function locationAt(file: string, line: number, column: number, length?: number): Location {
  if (length === undefined) return { file, line, column };
  return { file, line, column, end_line: line, end_column: column + length };
}
