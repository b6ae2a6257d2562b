/**
 * kolla-ansible's merge_configs (ansible/action_plugins/merge_configs.py): the rendered role
 * template and the operator's override files read as oslo.config INI, then merged. Inside
 * one file a repeated key accumulates its lines (a multi-valued option); a later file's lines
 * for a (section, key) replace the earlier files' whole; sections and keys are written in the
 * order they first appear. Every output line keeps the place it came from. Keys before any
 * section header have no section to go to: they are returned apart, for a diagnostic.
 */
import type { RenderedLine } from "./lines.js";

interface Entry {
  /** The key's lines in the file that set it last (its continuation lines included). */
  lines: RenderedLine[];
}

interface Section {
  header: RenderedLine;
  keys: Map<string, Entry>;
}

const HEADER = /^\[([^\]]+)\]\s*$/;

export function mergeConfigs(files: readonly RenderedLine[][]): { lines: RenderedLine[]; orphans: RenderedLine[] } {
  const sections = new Map<string, Section>();
  const orphans: RenderedLine[] = [];
  for (const file of files) {
    /** This file's lines per section and key, to replace the earlier files' at the file's end. */
    const own = new Map<string, Map<string, RenderedLine[]>>();
    let section: string | null = null;
    let last: RenderedLine[] | null = null;
    for (const line of file) {
      const text = line.text;
      const trimmed = text.trim();
      if (trimmed === "" || trimmed.startsWith("#") || trimmed.startsWith(";")) {
        last = null;
        continue;
      }
      // oslo's iniparser: an indented line continues the value before it.
      if (/^\s/.test(text) && last !== null) {
        last.push(line);
        continue;
      }
      const header = HEADER.exec(trimmed);
      if (header !== null) {
        section = header[1] as string;
        if (!sections.has(section)) sections.set(section, { header: line, keys: new Map() });
        if (!own.has(section)) own.set(section, new Map());
        last = null;
        continue;
      }
      if (section === null) {
        orphans.push(line);
        continue;
      }
      const split = trimmed.search(/[=:]/);
      const key = (split < 0 ? trimmed : trimmed.slice(0, split)).trim();
      const keys = own.get(section) as Map<string, RenderedLine[]>;
      let lines = keys.get(key);
      if (lines === undefined) {
        lines = [];
        keys.set(key, lines);
      }
      lines.push(line);
      last = lines;
    }
    for (const [name, keys] of own) {
      const target = sections.get(name) as Section;
      for (const [key, lines] of keys) {
        const entry = target.keys.get(key);
        if (entry === undefined) target.keys.set(key, { lines });
        else entry.lines = lines;
      }
    }
  }
  const lines: RenderedLine[] = [];
  for (const section of sections.values()) {
    lines.push(section.header);
    for (const entry of section.keys.values()) lines.push(...entry.lines);
  }
  return { lines, orphans };
}
