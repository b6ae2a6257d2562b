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
