import type { Location } from "./location.js";

/**
 * Problems met while loading: values, never rendered strings. A diagnostic is its code,
 * the typed arguments of that code and where it was met; its severity and message come
 * from DIAGNOSTICS, and the report stage renders them. Codes are stable.
 */
export type DiagnosticSeverity = "error" | "warning" | "note";

/** The arguments of each code. */
export interface DiagnosticArgs {
  "oslo-parse-error": { reason: string };
  "oslo-invalid-value": { section: string; option: string; problem: string };
  "interpolation-too-large": { section: string; option: string; limit: number };
  "virconf-parse-error": { reason: string; daemon: string };
  "virconf-type-error": { option: string; problem: string; daemon: string };
  "virconf-not-utf8": Record<never, never>;
  "virconf-nul": Record<never, never>;
  "file-unreadable": { detail: string };
  "file-too-large": { detail: string };
  "not-a-regular-file": { detail: string };
  "file-not-text": { reason: string };
  "path-escapes-root": { detail: string };
  "link-loop": { detail: string };
  "dangling-link": { target: string };
  "pki-file-unusable": { problem: string };
  "folder-truncated": { limit: number };
  "archive-entry-refused": { entry: string; reason: string };
  "archive-truncated": { reason: string };
  "no-hosts-found": Record<never, never>;
  "no-compute-service": Record<never, never>;
  "folder-without-hosts": Record<never, never>;
  "path-without-hosts": Record<never, never>;
  "schema-violation": { document: "host" | "fleet"; problems: string };
  "bundle-rule-invalid": { bundle: string; entrypoint: string; lacks: string };
  "bundle-evaluation-failed": { bundle: string; entrypoint: string; reason: string };
  "bundle-finding-invalid": { bundle: string; entrypoint: string };
  "ignore-without-reason": { rules: string };
  "ignore-expired": { rule: string; expired: string };
  "kolla-note": { message: string };
  "kolla-not-rendered": { host: string; reason: string };
}

export type DiagnosticCode = keyof DiagnosticArgs;

export type Diagnostic = { [C in DiagnosticCode]: { code: C; args: DiagnosticArgs[C]; location: Location } }[DiagnosticCode];

export interface DiagnosticKind {
  severity: DiagnosticSeverity;
  /**
   * The scan did not evaluate all it was asked to (a host skipped, a user's check not run, an
   * archive read only in part): the command line exits 2 even when no finding would fail it.
   */
  incomplete?: true;
  /** The message, with `{name}` replaced by the argument of that name. */
  template: string;
}

type DiagnosticCatalogue = { readonly [C in DiagnosticCode]: DiagnosticKind };

/** The `{name}` placeholders of a template. */
type Placeholders<T extends string> = T extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** The catalogue as written, checked when it compiles: a template names only its code's arguments. */
function checked<const T extends DiagnosticCatalogue>(
  catalogue: T & { [C in DiagnosticCode]: { template: Placeholders<T[C]["template"]> extends keyof DiagnosticArgs[C] ? T[C]["template"] : never } },
): DiagnosticCatalogue {
  return catalogue;
}

/** The catalogue: every code's severity and message template, written once. */
export const DIAGNOSTICS: DiagnosticCatalogue = checked({
  "oslo-parse-error": { severity: "error", template: "oslo.config cannot parse this file ({reason}): nova refuses to start" },
  "oslo-invalid-value": { severity: "error", template: "[{section}] {option}: {problem}; nova refuses to start" },
  "interpolation-too-large": {
    severity: "warning",
    template: "[{section}] {option}: its $references expand to more than {limit} characters; migpolicy keeps the value as written",
  },
  "virconf-parse-error": { severity: "error", template: "{reason}: {daemon} refuses to start with this file" },
  "virconf-type-error": { severity: "error", template: "{option}: {problem}; {daemon} refuses to start" },
  "virconf-nul": {
    severity: "warning",
    template: "a NUL byte: libvirt reads on past it, but a string holding one ends there (the rest of the string is not its value)",
  },
  "virconf-not-utf8": {
    severity: "note",
    template:
      "bytes here are not UTF-8; libvirt reads the file byte by byte, so it is read all the same (such bytes matter only inside strings, shown as U+FFFD)",
  },
  "file-unreadable": { severity: "error", template: "not read: {detail}" },
  "file-too-large": { severity: "error", template: "not read: {detail}" },
  "not-a-regular-file": { severity: "error", template: "not read: {detail}" },
  "file-not-text": { severity: "error", template: "not read: {reason}" },
  "path-escapes-root": { severity: "error", template: "not read: {detail}" },
  "link-loop": { severity: "error", template: "not read: {detail}" },
  "pki-file-unusable": {
    severity: "warning",
    template: "a certificate or key file that QEMU and libvirt cannot use: {problem}",
  },
  "dangling-link": {
    severity: "warning",
    template: "a link to {target}, which does not exist: nothing is read here (a service that needs this file does not start)",
  },
  "folder-truncated": {
    severity: "warning",
    incomplete: true,
    template: "only the first {limit} entries of this folder were read: the files past them (a later drop-in, which wins) may change the answer",
  },
  "archive-entry-refused": { severity: "error", template: "archive entry {entry} not read: {reason}" },
  "archive-truncated": { severity: "error", incomplete: true, template: "the archive is read only up to a damaged part: {reason}" },
  "no-hosts-found": { severity: "error", template: "no host found: expected etc/nova or etc/libvirt, nova/ or libvirt/, or subfolders holding them" },
  "no-compute-service": {
    severity: "error",
    template:
      "this is a machine's root without nova's or libvirt's configuration (no etc/nova/nova.conf, etc/libvirt/libvirtd.conf or qemu.conf): no compute service to scan",
  },
  "folder-without-hosts": { severity: "note", template: "no host found in this folder or below it: it is not scanned" },
  "path-without-hosts": {
    severity: "error",
    incomplete: true,
    template: "no host found in this path given to the scan: expected etc/nova or etc/libvirt, nova/ or libvirt/, or subfolders holding them",
  },
  "schema-violation": {
    severity: "error",
    incomplete: true,
    template: "not evaluated: migpolicy built a {document} document that schemas/{document}.json rejects (a migpolicy bug; please report it): {problems}",
  },
  "bundle-rule-invalid": { severity: "error", incomplete: true, template: "{bundle}: entrypoint {entrypoint} is not run: its METADATA lacks {lacks}" },
  "bundle-evaluation-failed": { severity: "error", incomplete: true, template: "{bundle}: entrypoint {entrypoint} failed on this host: {reason}" },
  "bundle-finding-invalid": {
    severity: "error",
    incomplete: true,
    template: "{bundle}: entrypoint {entrypoint} returned a finding without a message or a location; it is left out",
  },
  "ignore-without-reason": {
    severity: "warning",
    template: 'this ignore comment for {rules} gives no reason after "--", so it is not honoured: # migpolicy: ignore RULE -- why',
  },
  "ignore-expired": { severity: "note", template: "the ignore entry for {rule} expired on {expired}: its findings are reported again" },
  "kolla-note": { severity: "note", template: "{message}" },
  "kolla-not-rendered": {
    severity: "error",
    incomplete: true,
    template: "{host} not evaluated: what kolla-ansible writes on it cannot be rendered from the repository: {reason}",
  },
});

/** A diagnostic of `code` at `location`: the arguments are checked against the code's. */
export function diagnostic<C extends DiagnosticCode>(code: C, args: DiagnosticArgs[C], location: Location): Diagnostic {
  return { code, args, location } as Diagnostic;
}
