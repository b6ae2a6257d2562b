/**
 * A YAML file Kayobe templates before reading it (kolla/globals.yml, through merge_yaml) as a
 * layer of variables: written by the Kayobe pass (kayobe-template.ts), read as YAML, every place
 * moved back to the source line. A variable whose value the pass cannot write (an expression
 * not evaluated, set only in a block whose condition is not) is defined as not known, with the
 * reason; output that may hold any variables (an expression standing alone at the file's top
 * level) is said in a note, as what the evaluation takes it to hold.
 */
import { parseAnsibleYaml, type YamlEntry, type YamlNode } from "../../loader/formats/ansible-yaml.js";
import { lastAtMost, lineStarts } from "../../loader/formats/text.js";
import type { Location } from "../../model/location.js";
import type { Scope } from "./expression.js";
import { kayobeTemplate, UNKNOWN_MARK, type UnknownRange } from "./kayobe-template.js";
import type { Layer } from "./variables.js";

export interface TemplatedLayer {
  layer: Layer;
  problems: { reason: string; at: Location }[];
  notes: { message: string; at: Location }[];
}

function offsetOf(starts: number[], line: number, column: number): number {
  return (starts[Math.max(0, line - 1)] ?? 0) + Math.max(0, column - 1);
}

function locationOf(starts: number[], offset: number, file: string): Location {
  const line = lastAtMost(starts, offset);
  return { file, line: line + 1, column: offset - (starts[line] as number) + 1 };
}

export function kayobeYamlLayer(source: string, file: string, scope: Scope): TemplatedLayer {
  const layer: Layer = new Map();
  const problems: TemplatedLayer["problems"] = [];
  const notes: TemplatedLayer["notes"] = [];
  const pass = kayobeTemplate(source, scope);
  const sourceStarts = lineStarts(source);
  const at = (offset: number) => locationOf(sourceStarts, offset, file);
  if (pass.failure !== null) {
    problems.push({
      reason: `Kayobe templates this file before reading it (merge_yaml), with ${pass.failure.reason}, which migpolicy does not evaluate`,
      at: at(pass.failure.source),
    });
    return { layer, problems, notes };
  }
  const outputStarts = lineStarts(pass.text);
  const back = (location: Location): Location => at(pass.sourceOf(offsetOf(outputStarts, location.line, location.column)));
  const parsed = parseAnsibleYaml(pass.text, file);
  if (parsed.kind === "vault") return { layer, problems, notes };
  for (const problem of parsed.problems) problems.push({ reason: `YAML (as Kayobe writes the file): ${problem.message}`, at: back(problem.location) });
  if (parsed.root?.kind !== "map") return { layer, problems, notes };

  const moved = new Map<YamlNode, YamlNode>();
  const relocate = (node: YamlNode): YamlNode => {
    const known = moved.get(node);
    if (known !== undefined) return known;
    let out: YamlNode;
    if (node.kind === "map") {
      const entries = new Map<string, YamlEntry>();
      out = { kind: "map", entries, location: back(node.location) };
      moved.set(node, out);
      for (const [key, entry] of node.entries) entries.set(key, { key: back(entry.key), value: relocate(entry.value) });
      return out;
    }
    if (node.kind === "seq") {
      const items: YamlNode[] = [];
      out = { kind: "seq", items, location: back(node.location) };
      moved.set(node, out);
      for (const item of node.items) items.push(relocate(item));
      return out;
    }
    out = { ...node, location: back(node.location) };
    moved.set(node, out);
    return out;
  };

  const entries = [...parsed.root.entries].map(([name, entry]) => ({ name, entry, offset: offsetOf(outputStarts, entry.key.line, entry.key.column) }));
  // A key Kayobe writes from an expression not known may be any variable, the ones that decide migration too.
  const unnamed = entries.find((e) => e.name.includes(UNKNOWN_MARK));
  if (unnamed !== undefined) {
    const range = pass.unknown.find((u) => u.start <= unnamed.offset + unnamed.name.indexOf(UNKNOWN_MARK) && unnamed.offset < u.end);
    problems.push({
      reason: `Kayobe writes a variable's name here from what migpolicy cannot evaluate (${range?.reason ?? "an expression"}): it may be any variable`,
      at: back(unnamed.entry.key),
    });
    return { layer: new Map(), problems, notes };
  }
  const sorted = [...entries].sort((a, b) => a.offset - b.offset);
  const offsets = sorted.map((e) => e.offset);
  // The index of the first entry whose key is at `offset` or after it.
  const firstFrom = (offset: number) => {
    let low = 0;
    let high = offsets.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((offsets[middle] as number) < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const reasons = new Map<string, string>();
  const mark = (name: string, range: UnknownRange) => {
    if (!reasons.has(name)) reasons.set(name, `as Kayobe writes ${file}:${at(range.source).line}, ${range.reason}`);
  };
  for (const range of pass.unknown) {
    if (range.lines === "top") {
      notes.push({
        message: `Kayobe writes the output of an expression here that migpolicy cannot know (${range.reason}); the evaluation takes it to set none of the variables that decide migration`,
        at: at(range.source),
      });
      continue;
    }
    const first = firstFrom(range.start);
    const last = firstFrom(range.end);
    // Keys written inside a block not decided are set only maybe; else the range lies in the value of the key before it.
    if (range.lines === "no" && last > first) for (const e of sorted.slice(first, last)) mark(e.name, range);
    else if (first > 0) mark((sorted[first - 1] as (typeof sorted)[number]).name, range);
  }
  for (const { name, entry } of entries) {
    const value = relocate(entry.value);
    const reason = reasons.get(name);
    layer.set(name, {
      value: reason === undefined ? value : { kind: "unknown", reason },
      origin: { kind: "repository", location: value.location },
    });
  }
  return { layer, problems, notes };
}
