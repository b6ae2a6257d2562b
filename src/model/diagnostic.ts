import type { Location } from "./location.js";

/**
 * Problems found while loading a host: values, never strings, so every output
 * format can place them. Codes are stable; messages are rendered by the
 * report stage from `code` and `args`.
 */
export type DiagnosticSeverity = "error" | "warning" | "note";

export type DiagnosticCode =
  | "oslo-parse-error"
  | "oslo-invalid-value"
  | "virconf-parse-error"
  | "virconf-type-error"
  | "envfile-parse-error"
  | "file-unreadable"
  | "file-too-large"
  | "file-not-text"
  | "path-escapes-root"
  | "no-hosts-found"
  | "schema-violation";

export interface Diagnostic {
  code: DiagnosticCode;
  severity: DiagnosticSeverity;
  message: string;
  location: Location;
}

export function diagnostic(
  code: DiagnosticCode,
  severity: DiagnosticSeverity,
  message: string,
  location: Location,
): Diagnostic {
  return { code, severity, message, location };
}
