/**
 * Environment files as systemd's `EnvironmentFile=` reads them
 * (`/etc/sysconfig/libvirtd`, `/etc/default/libvirtd`): `KEY=VALUE` lines,
 * `#`/`;` comment lines, single quotes literal, double quotes with `\"`, `\\`,
 * `` \` `` and `\$` escapes, backslash-newline continuing a line, trailing
 * blanks of an unquoted value dropped. The last assignment of a key wins.
 * A unit's `ExecStart=... $VAR` splits the value into words at whitespace.
 */
import type { Location } from "../../model/location.js";

export interface EnvAssignment {
  key: string;
  value: string;
  location: Location;
}

export interface EnvFile {
  file: string;
  assignments: EnvAssignment[];
}

const WHITESPACE = " \t\n\r";
const NEWLINE = "\n\r";
const VALID_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

type State = "pre_key" | "key" | "pre_value" | "value" | "value_escape" | "single" | "double" | "double_escape" | "comment" | "comment_escape";

export function parseEnvFile(text: string, file: string): EnvFile {
  const assignments: EnvAssignment[] = [];
  let state: State = "pre_key";
  // Characters gathered in arrays, joined once: a key or value of 1 MB built by += was superlinear.
  let key: string[] = [];
  let value: string[] = [];
  let trailingBlanks = 0;
  let line = 1;
  let column = 0;
  let keyLine = 1;
  let keyColumn = 1;

  const assign = (): void => {
    const k = key.join("").trimEnd();
    if (VALID_KEY.test(k)) {
      assignments.push({
        key: k,
        value: value.join(""),
        location: { file, line: keyLine, column: keyColumn, end_line: keyLine, end_column: keyColumn + k.length },
      });
    }
    key = [];
    value = [];
  };

  for (const c of text) {
    column++;
    switch (state) {
      case "pre_key":
        if (c === "#" || c === ";") state = "comment";
        else if (!WHITESPACE.includes(c)) {
          state = "key";
          key = [c];
          keyLine = line;
          keyColumn = column;
        }
        break;
      case "key":
        if (NEWLINE.includes(c)) {
          state = "pre_key";
          key = [];
        } else if (c === "=") {
          state = "pre_value";
          trailingBlanks = 0;
        } else key.push(c);
        break;
      case "pre_value":
        if (NEWLINE.includes(c)) {
          state = "pre_key";
          assign();
        } else if (c === "'") state = "single";
        else if (c === '"') state = "double";
        else if (c === "\\") state = "value_escape";
        else if (!WHITESPACE.includes(c)) {
          state = "value";
          value.push(c);
          trailingBlanks = 0;
        }
        break;
      case "value":
        if (NEWLINE.includes(c)) {
          value.length -= trailingBlanks;
          state = "pre_key";
          assign();
        } else if (c === "\\") {
          state = "value_escape";
          trailingBlanks = 0;
        } else {
          value.push(c);
          trailingBlanks = WHITESPACE.includes(c) ? trailingBlanks + 1 : 0;
        }
        break;
      case "value_escape":
        state = "value";
        if (!NEWLINE.includes(c)) value.push(c);
        break;
      case "single":
        if (c === "'") state = "pre_value";
        else value.push(c);
        break;
      case "double":
        if (c === '"') state = "pre_value";
        else if (c === "\\") state = "double_escape";
        else value.push(c);
        break;
      case "double_escape":
        state = "double";
        if ('"\\`$'.includes(c)) value.push(c);
        else if (!NEWLINE.includes(c)) value.push("\\", c);
        break;
      case "comment":
        if (c === "\\") state = "comment_escape";
        else if (NEWLINE.includes(c)) state = "pre_key";
        break;
      case "comment_escape":
        state = "comment";
        break;
    }
    if (c === "\n") {
      line++;
      column = 0;
    }
  }
  if (state === "pre_value" || state === "value" || state === "value_escape" || state === "single" || state === "double" || state === "double_escape") {
    if (state === "value") value.length -= trailingBlanks;
    assign();
  }
  return { file, assignments };
}

/** How systemd expands an unquoted `$VAR` in `ExecStart=`: words split at whitespace. */
export function splitWords(value: string): string[] {
  return value.split(/[ \t\n\r]+/).filter((word) => word !== "");
}
