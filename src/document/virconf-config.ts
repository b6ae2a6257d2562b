/**
 * A libvirt daemon's effective configuration from its virConf file: the first
 * occurrence of a name wins (virConfGetValue walks from the head), values are
 * checked against the type the daemon looks them up with, and every option
 * migpolicy knows gets its default when the file does not set it.
 */
import { diagnostic, type Diagnostic } from "../model/diagnostic.js";
import type { VirConfConfig, VirConfOption, VirConfValue } from "../model/host.js";
import type { VirConfFile, VirValue } from "../loader/formats/virconf.js";
import type { VirOptionSpec } from "./options/libvirt.js";
import { inputRecord, own } from "./records.js";
import { redactUrlCredentials } from "./secrets.js";

/** URL credentials in a string (or a list's strings) replaced, and the option marked secret if there were any. */
function redactStrings(option: VirConfOption): void {
  const redact = (value: string | number): string | number => {
    if (typeof value !== "string") return value;
    const { text, redacted } = redactUrlCredentials(value);
    if (redacted) option.secret = true;
    return text;
  };
  const value = option.value;
  if (typeof value === "string") option.value = redact(value);
  else if (Array.isArray(value)) option.value = value.map(redact);
}

function plain(value: VirValue): VirConfValue {
  if (value.type === "list") {
    return value.value.flatMap((item) => (item.type === "list" ? [] : [item.value]));
  }
  return value.value;
}

/** The daemon's lookup error for this value, as libvirt words it. */
function typeError(spec: VirOptionSpec, value: VirValue): string | undefined {
  switch (spec.type) {
    case "bool":
      if (value.type !== "unsigned") return "expected a bool";
      return value.value > 1 ? "must be 0 or 1" : undefined;
    case "uint":
      return value.type === "unsigned" ? undefined : "expected an unsigned integer";
    case "string":
      return value.type === "string" ? undefined : "expected a string";
    case "string-list":
      return value.type === "list" && value.value.every((item) => item.type === "string") ? undefined : "expected a string list";
  }
}

/**
 * `expectedPath` is where the layout keeps the file: a missing file's settings belong
 * there, so it anchors them.
 */
export function buildVirConfConfig(
  parsed: VirConfFile | null,
  specs: Record<string, VirOptionSpec>,
  daemon: string,
  expectedPath: string | null = parsed?.file ?? null,
): { config: VirConfConfig; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const options = inputRecord<VirConfOption>();
  const config: VirConfConfig = { file: parsed?.file ?? null, present: parsed !== null, options };
  const anchorFile = parsed?.file ?? expectedPath;
  if (anchorFile !== null) config.anchor = { file: anchorFile, line: 1, column: 1 };
  if (parsed) {
    if (parsed.error) {
      config.error = parsed.error;
      diagnostics.push(diagnostic("virconf-parse-error", { reason: parsed.error.message, daemon }, parsed.error.location));
    }
    for (const entry of parsed.entries) {
      const existing = own(options, entry.name);
      if (existing) {
        existing.shadowed ??= [];
        existing.shadowed.push(entry.location);
        continue;
      }
      const spec = own(specs, entry.name);
      const option: VirConfOption = { value: plain(entry.value), source: "file", location: entry.location };
      if (spec?.secret) {
        option.value = null;
        option.secret = true;
      } else redactStrings(option);
      const invalid = spec ? typeError(spec, entry.value) : undefined;
      if (invalid !== undefined) {
        option.invalid = invalid;
        diagnostics.push(diagnostic("virconf-type-error", { option: entry.name, problem: invalid, daemon }, entry.location));
      }
      options[entry.name] = option;
    }
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (own(options, name)) continue;
    const option: VirConfOption = { value: spec.default, source: "default" };
    const sample = parsed === null ? undefined : own(parsed.commented, name);
    if (sample) option.anchor = sample;
    options[name] = option;
  }
  return { config, diagnostics };
}
