/**
 * YAML as Ansible reads it (PyYAML's YAML 1.1 resolver, Ansible's constructor), into a tree
 * where every key and value keeps its place. What differs from the `yaml` package's own 1.1
 * schema: PyYAML takes only yes/no, true/false and on/off (any of three casings) as booleans,
 * never y/n; a repeated key keeps its last value (Ansible warns, PyYAML does not fail); merge
 * keys (`<<`) give the merged map's entries to keys not written beside them; `!vault` is an
 * encrypted value and `!unsafe` a string Ansible never templates. A file that is one
 * `$ANSIBLE_VAULT` blob is encrypted as a whole. Pure; never throws on input.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, Scalar, type ScalarTag } from "yaml";
import type { Location } from "../../model/location.js";

export type YamlScalar = string | number | boolean | null;

export type YamlNode =
  | { kind: "scalar"; value: YamlScalar; location: Location; unsafe?: true }
  | { kind: "vault"; location: Location }
  | { kind: "map"; entries: Map<string, YamlEntry>; location: Location }
  | { kind: "seq"; items: YamlNode[]; location: Location };

export interface YamlEntry {
  key: Location;
  value: YamlNode;
}

export type YamlFile =
  | { kind: "document"; root: YamlNode | null; problems: YamlProblem[] }
  /** The whole file is `ansible-vault encrypt`ed: nothing in it can be read. */
  | { kind: "vault"; problems: [] };

export interface YamlProblem {
  message: string;
  location: Location;
}

const VAULT_HEADER = /^\$ANSIBLE_VAULT;\d+\.\d+;/;
/** Aliases expanded at the most: a document of aliases of aliases would otherwise grow without bound. */
const MAX_NODES = 200_000;
const MAX_DEPTH = 64;

const bool = (value: boolean, test: RegExp): ScalarTag => ({
  tag: "tag:yaml.org,2002:bool",
  default: true,
  test,
  resolve: () => new Scalar(value),
});
/** PyYAML's bool resolver (resolver.py): no y/Y/n/N. */
const PYYAML_TRUE = bool(true, /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/);
const PYYAML_FALSE = bool(false, /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/);
/** Ansible's own tags: kept as written, so the builder can tell them apart. */
const passThrough = (tag: string): ScalarTag => ({ tag, resolve: (text: string) => text });

export function parseAnsibleYaml(text: string, file: string): YamlFile {
  if (VAULT_HEADER.test(text.trimStart())) return { kind: "vault", problems: [] };
  const lines = new LineCounter();
  const at = (offset: number): Location => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  const document = parseDocument(text, {
    version: "1.1",
    lineCounter: lines,
    uniqueKeys: false,
    prettyErrors: false,
    merge: false,
    customTags: (tags) => [
      ...tags.filter((tag) => (tag as ScalarTag).tag !== "tag:yaml.org,2002:bool"),
      PYYAML_TRUE,
      PYYAML_FALSE,
      passThrough("!vault"),
      passThrough("!unsafe"),
    ],
  });
  const problems: YamlProblem[] = document.errors.map((error) => ({ message: error.message.split("\n")[0] ?? error.message, location: at(error.pos[0]) }));
  if (problems.length > 0) return { kind: "document", root: null, problems };
  let budget = MAX_NODES;
  let tooDeep: number | null = null;
  const converted = new Map<Node, YamlNode>();
  const convert = (node: unknown, depth: number): YamlNode | null => {
    if (--budget < 0) return null;
    if (depth > MAX_DEPTH) {
      tooDeep ??= (node as Node | null)?.range?.[0] ?? 0;
      return null;
    }
    if (isAlias(node)) return convert(node.resolve(document), depth + 1);
    if (node === null || typeof node !== "object") return null;
    const known = converted.get(node as Node);
    if (known !== undefined) return known;
    const start = at((node as Node).range?.[0] ?? 0);
    let out: YamlNode | null = null;
    if (isScalar(node)) {
      if (node.tag === "!vault") out = { kind: "vault", location: start };
      else {
        const raw = node.value;
        const value: YamlScalar = typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean" || raw === null ? raw : String(raw);
        out = { kind: "scalar", value, location: start, ...(node.tag === "!unsafe" ? { unsafe: true as const } : {}) };
      }
    } else if (isSeq(node)) {
      const items: YamlNode[] = [];
      for (const item of node.items) {
        const value = convert(item, depth + 1);
        if (value !== null) items.push(value);
      }
      out = { kind: "seq", items, location: start };
    } else if (isMap(node)) {
      const entries = new Map<string, YamlEntry>();
      const merged = new Map<string, YamlEntry>();
      for (const pair of node.items) {
        const keyNode = pair.key;
        // The 1.1 schema resolves a plain `<<` key to the yaml package's merge symbol.
        const isMerge = isScalar(keyNode) && keyNode.type === "PLAIN" && (typeof keyNode.value === "symbol" || keyNode.value === "<<");
        const keyText = isScalar(keyNode) ? keyString(keyNode.value) : null;
        if (isMerge) {
          // A merge key: a map, or a list of maps where the earlier ones win.
          const value = convert(pair.value, depth + 1);
          const sources = value?.kind === "seq" ? value.items : value === null ? [] : [value];
          for (const source of sources) {
            if (source.kind !== "map") continue;
            for (const [key, entry] of source.entries) if (!merged.has(key)) merged.set(key, entry);
          }
          continue;
        }
        if (keyText === null) continue;
        const value = convert(pair.value, depth + 1) ?? {
          kind: "scalar",
          value: null,
          location: at(keyNode && isScalar(keyNode) ? (keyNode.range?.[1] ?? 0) : 0),
        };
        entries.delete(keyText);
        entries.set(keyText, { key: at(isScalar(keyNode) ? (keyNode.range?.[0] ?? 0) : 0), value });
      }
      for (const [key, entry] of merged) if (!entries.has(key)) entries.set(key, entry);
      out = { kind: "map", entries, location: start };
    }
    if (out !== null) converted.set(node as Node, out);
    return out;
  };
  const root = document.contents === null ? null : convert(document.contents, 0);
  // Aliases share nodes here, but whoever reads the values expands them: the expanded size is what is bounded.
  if (root !== null && budget >= 0 && expandedSize(root, new Map()) > MAX_NODES) budget = -1;
  if (budget < 0) problems.push({ message: `more than ${MAX_NODES} values once aliases are expanded: the file is not read`, location: at(0) });
  if (tooDeep !== null) problems.push({ message: `values nested more than ${MAX_DEPTH} deep: the file is not read`, location: at(tooDeep) });
  return { kind: "document", root: problems.length > 0 ? null : root, problems };
}

/** How many values a node holds once its aliases are expanded, counted up to just past MAX_NODES. */
function expandedSize(node: YamlNode, sizes: Map<YamlNode, number>): number {
  const known = sizes.get(node);
  if (known !== undefined) return known;
  let size = 1;
  if (node.kind === "seq") for (const item of node.items) size = Math.min(MAX_NODES + 1, size + expandedSize(item, sizes));
  else if (node.kind === "map") for (const entry of node.entries.values()) size = Math.min(MAX_NODES + 1, size + expandedSize(entry.value, sizes));
  sizes.set(node, size);
  return size;
}

/** A key as Ansible's dict holds it: Python's str() of the scalar. */
function keyString(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return String(value);
  if (value === null) return "None";
  return null;
}
