/**
 * nova's effective configuration from its files in parse order, with
 * oslo.config's precedence: the last file and, inside a file, the last
 * occurrence wins; section names other than DEFAULT are case-insensitive.
 */
import { diagnostic, type Diagnostic } from "../model/diagnostic.js";
import type { NovaConfig, NovaOption, NovaSection } from "../model/host.js";
import type { Location } from "../model/location.js";
import type { OsloFile } from "../loader/formats/oslo-ini.js";
import { editDistance } from "../loader/formats/text.js";
import { interpolator, MAX_EXPANSION } from "./interpolation.js";
import { isSecretNovaOption, NOVA_OPTIONS, type NovaOptionSpec } from "./options/nova.js";
import type { EnvOverride } from "./nova-service.js";
import { redactUrlCredentials } from "./secrets.js";
import { inputRecord, own } from "./records.js";

/** oslo.config's `_normalize_group_name`: DEFAULT as written, every other name lower-cased. */
function normalizeGroup(name: string): string {
  return name === "DEFAULT" ? name : name.toLowerCase();
}

const TRUE_WORDS = new Set(["true", "1", "on", "yes"]);
const FALSE_WORDS = new Set(["false", "0", "off", "no"]);

function typed(spec: NovaOptionSpec | undefined, raw: string): { value: string | boolean | number; invalid?: string } {
  if (spec?.type === "boolean") {
    const word = raw.toLowerCase();
    if (TRUE_WORDS.has(word)) return { value: true };
    if (FALSE_WORDS.has(word)) return { value: false };
    return { value: raw, invalid: "not a boolean: oslo.config accepts true/false, 1/0, on/off, yes/no" };
  }
  if (spec?.type === "integer") {
    if (/^\s*[+-]?\d+\s*$/.test(raw)) return { value: Number(raw) };
    return { value: raw, invalid: "not an integer" };
  }
  if (spec?.choices !== undefined && !spec.choices.includes(raw)) return { value: raw, invalid: `not one of ${spec.choices.join(", ")}` };
  return { value: raw };
}

/**
 * The option nova would read that an unknown key most likely meant: the same name in
 * another section (`[DEFAULT] live_migration_scheme`), or a near spelling in the same one.
 * oslo.config ignores unknown keys, so the default silently applies.
 */
function nearMiss(section: string, key: string): { section: string; option: string } | undefined {
  if (own(own(NOVA_OPTIONS, section), key) !== undefined) return undefined;
  // Only the migration options have names no other section uses.
  if (section !== "libvirt" && key.startsWith("live_migration") && own(NOVA_OPTIONS.libvirt, key) !== undefined) {
    return { section: "libvirt", option: key };
  }
  let best: { option: string; distance: number } | undefined;
  for (const name of migrationOptionsOf(section)) {
    // Names whose lengths differ by more than two are more than two edits apart.
    if (Math.abs(name.length - key.length) > 2) continue;
    const distance = editDistance(key, name);
    if (distance > 0 && distance <= 2 && (best === undefined || distance < best.distance)) best = { option: name, distance };
  }
  return best ? { section, option: best.option } : undefined;
}

const migrationOptions = new Map<string, string[]>();
/** A registered section's live_migration* options, listed once a process (nearMiss asks for every unknown key). */
function migrationOptionsOf(section: string): string[] {
  const specs = own(NOVA_OPTIONS, section);
  if (specs === undefined) return [];
  let names = migrationOptions.get(section);
  if (names === undefined) {
    names = Object.keys(specs).filter((name) => name.startsWith("live_migration"));
    migrationOptions.set(section, names);
  }
  return names;
}

/** oslo.config's environment source: OS_<GROUP>__<OPTION>, the group and option upper-cased. */
function environmentOption(name: string): { section: string; key: string } | null {
  const match = /^OS_(.+?)__(.+)$/.exec(name);
  if (!match) return null;
  const section = match[1] === "DEFAULT" ? "DEFAULT" : (match[1] as string).toLowerCase();
  const key = (match[2] as string).toLowerCase();
  // Only registered options are looked up, each under exactly its upper-cased name.
  if (section === "default" || own(own(NOVA_OPTIONS, section), key) === undefined) return null;
  return `OS_${section.toUpperCase()}__${key.toUpperCase()}` === name ? { section, key } : null;
}

/**
 * The options whose commented-out sample lines buildNovaConfig anchors defaults at (every
 * option it models): the files need be parsed for no other sample (parseOsloBytes' sampleNames).
 */
export const NOVA_SAMPLE_NAMES: ReadonlySet<string> = new Set(Object.values(NOVA_OPTIONS).flatMap((specs) => Object.keys(specs)));

export function buildNovaConfig(
  files: OsloFile[],
  primaryFile: string,
  env: readonly EnvOverride[] = [],
): { config: Omit<NovaConfig, "service">; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const sections = inputRecord<NovaSection>();
  const headerOf = new Map<string, Location>();
  const settings = new Map<string, Setting & { section: string; key: string; shadowed: Location[] }>();
  let error: NovaConfig["error"];

  for (const file of files) {
    if (file.error) {
      error ??= file.error;
      diagnostics.push(diagnostic("oslo-parse-error", { reason: file.error.message }, file.error.location));
    }
    for (const header of file.headers) {
      const name = normalizeGroup(header.name);
      if (!headerOf.has(name)) headerOf.set(name, header.location);
    }
    for (const a of file.assignments) {
      const section = normalizeGroup(a.section);
      const id = `${section}\u0000${a.key}`;
      const previous = settings.get(id);
      // One list per option, grown in place: a key repeated n times costs n, not n².
      const shadowed = previous?.shadowed ?? [];
      if (previous) shadowed.push(previous.location);
      settings.set(id, { section, key: a.key, raw: a.value, location: a.location, shadowed, source: "file" });
    }
  }
  // The environment beats every file, whatever their order.
  for (const e of env) {
    const target = environmentOption(e.name);
    if (target === null) continue;
    const id = `${target.section}\u0000${target.key}`;
    const previous = settings.get(id);
    const shadowed = previous?.shadowed ?? [];
    if (previous) shadowed.push(previous.location);
    settings.set(id, { ...target, raw: e.value, location: e.location, shadowed, source: "environment" });
  }

  // Options that are set nowhere belong in the primary file: its sample lines, else its end.
  const primary = files.find((f) => f.file === primaryFile);
  const fallbackAnchor: Location = { file: primaryFile, line: Math.max(1, primary?.line_count ?? 1), column: 1 };
  const section = (name: string): NovaSection => {
    let s = own(sections, name);
    if (s === undefined) {
      const header = headerOf.get(name);
      s = { present: header !== undefined, anchor: header ?? fallbackAnchor, options: inputRecord() };
      sections[name] = s;
    }
    return s;
  };
  for (const name of headerOf.keys()) section(name);

  // Interpolation resolves options migpolicy knows (as nova registers them), from files or defaults.
  const interpolate = interpolator((group, name) => {
    const spec = own(own(NOVA_OPTIONS, group), name);
    if (spec === undefined) return undefined;
    const secret = isSecretNovaOption(name);
    const set = settings.get(`${group}\u0000${name}`);
    if (set) return { raw: set.raw, secret };
    if (spec.computed) return undefined;
    return { raw: spec.default === null ? null : String(spec.default), secret };
  });

  for (const { section: name, key, raw, location, shadowed, source } of settings.values()) {
    const spec = own(own(NOVA_OPTIONS, name), key);
    const option: NovaOption = { value: null, source, location };
    const expanded = spec === undefined ? { text: raw, secret: false, tooLarge: false } : interpolate(raw, name);
    if (isSecretNovaOption(key) || expanded.secret) {
      // A secret, or a value that interpolates one: nothing of it is kept.
      option.secret = true;
    } else {
      if (expanded.tooLarge) diagnostics.push(diagnostic("interpolation-too-large", { section: name, option: key, limit: MAX_EXPANSION }, location));
      // URL credentials (scheme://user:password@host, https://TOKEN@host) never leave the loader.
      const { text, redacted } = redactUrlCredentials(expanded.tooLarge ? raw : expanded.text);
      if (redacted) option.secret = true;
      const { value, invalid } = typed(spec, text);
      option.value = value;
      if (invalid !== undefined) {
        option.invalid = invalid;
        diagnostics.push(diagnostic("oslo-invalid-value", { section: name, option: key, problem: invalid }, location));
      }
    }
    if (shadowed.length > 0) option.shadowed = shadowed;
    const near = nearMiss(name, key);
    if (near) option.near = near;
    section(name).options[key] = option;
  }

  // A default option is anchored where its sample line stands, commented out, in the primary file.
  const samples = new Map<string, Location>();
  for (const c of primary?.commented ?? []) {
    const id = `${normalizeGroup(c.section)}\u0000${c.key}`;
    if (!samples.has(id)) samples.set(id, c.location);
  }
  for (const [name, specs] of Object.entries(NOVA_OPTIONS)) {
    const s = section(name);
    for (const [key, spec] of Object.entries(specs)) {
      if (own(s.options, key)) continue;
      const option: NovaOption = { value: spec.default, source: "default" };
      const sample = samples.get(`${name}\u0000${key}`);
      if (sample) option.anchor = sample;
      s.options[key] = option;
    }
  }

  resolveDeprecatedNames(files, settings, sections, diagnostics);

  const config: Omit<NovaConfig, "service"> = { files: files.map((f) => f.file), sections };
  if (error) config.error = error;
  return { config, diagnostics };
}

interface Setting {
  raw: string;
  location: Location;
  source: "file" | "environment";
}

/**
 * Older names oslo.config still reads for an option (DeprecatedOpt): it takes the value from
 * the last file holding the option under any of its names and, in that file, the current
 * name first, then the older ones in nova's order (_Namespace._get_file_value). Where an
 * older name wins, the option says so (`deprecated`): nova honours it only in the releases
 * that still register the name, which the policies decide from the versions.
 */
function resolveDeprecatedNames(files: OsloFile[], settings: Map<string, Setting>, sections: Record<string, NovaSection>, diagnostics: Diagnostic[]): void {
  const fileIndex = new Map(files.map((f, index) => [f.file, index]));
  for (const [name, specs] of Object.entries(NOVA_OPTIONS)) {
    for (const [key, spec] of Object.entries(specs)) {
      if (spec.deprecated_names === undefined) continue;
      const current = settings.get(`${name}\u0000${key}`);
      if (current?.source === "environment") continue;
      let best: { index: number; setting: Setting; alias: (typeof spec.deprecated_names)[number] | null } | undefined;
      const consider = (setting: Setting | undefined, alias: (typeof spec.deprecated_names)[number] | null): void => {
        if (setting === undefined || setting.source !== "file") return;
        const index = fileIndex.get(setting.location.file) ?? -1;
        // Candidates come current name first, then in nova's order: a later one wins only from a later file.
        if (best === undefined || index > best.index) best = { index, setting, alias };
      };
      consider(current, null);
      for (const alias of spec.deprecated_names) consider(settings.get(`${normalizeGroup(alias.section)}\u0000${alias.option}`), alias);
      const option = own(own(sections, name)?.options, key);
      if (best?.alias == null || option === undefined) continue;
      const { value, invalid } = typed(spec, best.setting.raw);
      // oslo.config converts the value it takes, under whichever name: a bad one is refused alike.
      if (invalid !== undefined) {
        option.invalid = invalid;
        diagnostics.push(diagnostic("oslo-invalid-value", { section: best.alias.section, option: best.alias.option, problem: invalid }, best.setting.location));
      }
      option.deprecated = {
        name: `[${best.alias.section}] ${best.alias.option}`,
        value,
        location: best.setting.location,
        removed_in: best.alias.removed_in ?? null,
      };
    }
  }
}
