/**
 * Ansible inventories, INI (ansible/plugins/inventory/ini.py) or YAML (yaml.py): groups, the
 * hosts and child groups of each, and the variables set in the file, each with its place.
 * INI semantics kept: `[group]`, `[group:vars]`, `[group:children]`; `#` and `;` comment
 * lines; host ranges (`compute[01:03]`, `node-[a:c]`, a stride `[1:9:2]`); a host line's
 * `key=value` values read as Python literals (True, 3, 'quoted') and otherwise as strings,
 * on a host line and in a `:vars` section alike (_parse_value). Pure; never throws on input.
 */
import type { Location } from "../../model/location.js";
import { parseAnsibleYaml, type YamlNode, type YamlProblem } from "./ansible-yaml.js";

export interface InventoryGroup {
  /** Hosts listed in the group itself, each with the variables its line sets. */
  hosts: Map<string, { location: Location; vars: Map<string, YamlNode> }>;
  children: Set<string>;
  vars: Map<string, YamlNode>;
  location: Location;
}

export interface Inventory {
  groups: Map<string, InventoryGroup>;
  problems: YamlProblem[];
}

const MAX_RANGE_HOSTS = 10_000;
const SECTION = /^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:[#;].*)?$/;

function group(inventory: Inventory, name: string, location: Location): InventoryGroup {
  let found = inventory.groups.get(name);
  if (found === undefined) {
    found = { hosts: new Map(), children: new Set(), vars: new Map(), location };
    inventory.groups.set(name, found);
  }
  return found;
}

/** Whether a file's text reads as an INI inventory (rather than YAML). */
export function looksLikeIniInventory(text: string): boolean {
  for (const raw of text.split(/\r?\n/, 200)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";") || line === "---") continue;
    // A section header, or a host line (a name, an optional :port, key=value pairs); YAML starts with a key and a colon.
    return SECTION.test(line) || /^[^\s:]+(:\d+)?(\s+\w+=|\s*$)/.test(line);
  }
  return false;
}

export function parseInventory(text: string, file: string): Inventory {
  if (/^\s*\$ANSIBLE_VAULT;/.test(text)) {
    return { groups: new Map(), problems: [{ message: "the inventory is vault-encrypted: its hosts are not known", location: { file, line: 1, column: 1 } }] };
  }
  return looksLikeIniInventory(text) ? parseIniInventory(text, file) : parseYamlInventory(text, file);
}

export function parseIniInventory(text: string, file: string): Inventory {
  const inventory: Inventory = { groups: new Map(), problems: [] };
  let current = "ungrouped";
  let state: "hosts" | "vars" | "children" = "hosts";
  const lines = text.split(/\r?\n|\r/);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] as string;
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    // The line's leading blanks, measured once: a search per place would be quadratic on a long line.
    const lead = raw.length - raw.trimStart().length;
    const at = (offset: number): Location => ({ file, line: index + 1, column: lead + offset + 1 });
    const section = SECTION.exec(line);
    if (section !== null) {
      current = section[1] as string;
      const kind = section[2] ?? "hosts";
      if (kind !== "hosts" && kind !== "vars" && kind !== "children") {
        inventory.problems.push({ message: `section [${current}:${kind}] is not hosts, vars or children: Ansible refuses the inventory`, location: at(0) });
        state = "vars";
        continue;
      }
      state = kind;
      group(inventory, current, at(0));
      continue;
    }
    if (line.startsWith("[")) {
      inventory.problems.push({ message: "a section header Ansible cannot read", location: at(0) });
      continue;
    }
    const target = group(inventory, current, at(0));
    if (state === "children") {
      target.children.add(line.split(/\s/)[0] as string);
      group(inventory, line.split(/\s/)[0] as string, at(0));
    } else if (state === "vars") {
      const equals = line.indexOf("=");
      if (equals <= 0) {
        inventory.problems.push({ message: "a variable line without key=value", location: at(0) });
        continue;
      }
      const key = line.slice(0, equals).trim();
      const valueText = line.slice(equals + 1).trim();
      const valueColumn = line.indexOf(valueText, equals + 1);
      target.vars.set(key, { kind: "scalar", value: pythonLiteral(valueText), location: at(valueColumn) });
    } else {
      const tokens = shellTokens(line);
      const first = tokens[0];
      if (first === undefined) continue;
      const vars = new Map<string, YamlNode>();
      for (const token of tokens.slice(1)) {
        const equals = token.text.indexOf("=");
        if (equals <= 0) {
          inventory.problems.push({ message: `"${token.text}" is not key=value`, location: at(token.offset) });
          continue;
        }
        vars.set(token.text.slice(0, equals), { kind: "scalar", value: pythonLiteral(token.text.slice(equals + 1)), location: at(token.offset + equals + 1) });
      }
      const names = expandHostPattern(first.text.replace(/:\d+$/, ""));
      if (names === null) {
        inventory.problems.push({
          message: `host range ${first.text} expands to more than ${MAX_RANGE_HOSTS} hosts or is not a range Ansible reads`,
          location: at(0),
        });
        continue;
      }
      for (const name of names) target.hosts.set(name, { location: at(first.offset), vars });
    }
  }
  return inventory;
}

interface Token {
  text: string;
  offset: number;
}

/** shlex.split as ini.py calls it (posix): whitespace outside quotes splits; quotes are removed; `#` starts a comment. */
function shellTokens(line: string): Token[] {
  const tokens: Token[] = [];
  // A token's text is built from slices of the line (quotes left out), never a character at a time.
  let parts: string[] = [];
  let start = -1;
  let from = 0;
  let quote: string | null = null;
  const end = () => {
    if (start >= 0) tokens.push({ text: parts.join(""), offset: start });
    parts = [];
    start = -1;
  };
  let i = 0;
  for (; i < line.length; i++) {
    const c = line[i] as string;
    if (quote !== null) {
      if (c === quote) {
        parts.push(line.slice(from, i));
        from = i + 1;
        quote = null;
      }
      continue;
    }
    if (c === "'" || c === '"') {
      if (start < 0) start = i;
      else parts.push(line.slice(from, i));
      from = i + 1;
      quote = c;
    } else if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\v" || c === "\f" || /\s/.test(c)) {
      if (start >= 0) parts.push(line.slice(from, i));
      end();
    } else if (c === "#" && start < 0) {
      return tokens;
    } else if (start < 0) {
      start = i;
      from = i;
    }
  }
  if (start >= 0) parts.push(line.slice(from, i));
  end();
  return tokens;
}

/**
 * ini.py's _parse_value, for host-line and :vars values alike: ast.literal_eval where it
 * succeeds for these simple forms (True, 3, 1.5, None, a quoted string), else the text.
 */
function pythonLiteral(text: string): string | number | boolean | null {
  if (text === "True") return true;
  if (text === "False") return false;
  if (text === "None") return null;
  if (/^[+-]?\d+$/.test(text)) return Number(text);
  if (/^[+-]?(\d+\.\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number(text);
  const quoted = /^(['"])((?:\\.|(?!\1)[^\\])*)\1$/.exec(text);
  if (quoted !== null) return (quoted[2] as string).replace(/\\(.)/g, (_m, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c));
  return text;
}

/** `name[01:03]` and `name[a:c]` as Ansible expands them (ansible/inventory/helpers? expand_hostname_range). */
export function expandHostPattern(pattern: string): string[] | null {
  const range = /^(.*?)\[([0-9a-zA-Z]+):([0-9a-zA-Z]+)(?::(\d+))?\](.*)$/.exec(pattern);
  if (range === null) return [pattern];
  const [, head, from, to, strideText, tail] = range as unknown as [string, string, string, string, string | undefined, string];
  const stride = strideText === undefined ? 1 : Number(strideText);
  if (stride < 1) return null;
  const rest = expandHostPattern(tail);
  if (rest === null) return null;
  const out: string[] = [];
  const push = (middle: string) => {
    for (const end of rest) {
      if (out.length >= MAX_RANGE_HOSTS) return false;
      out.push(`${head}${middle}${end}`);
    }
    return true;
  };
  if (/^\d+$/.test(from) && /^\d+$/.test(to)) {
    const width = from.length;
    // Ansible pads to the start's width only when it has a leading zero.
    const pad = from.startsWith("0") && from.length > 1;
    for (let n = Number(from); n <= Number(to); n += stride) if (!push(pad ? String(n).padStart(width, "0") : String(n))) return null;
    return out;
  }
  if (/^[a-zA-Z]$/.test(from) && /^[a-zA-Z]$/.test(to)) {
    for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c += stride) if (!push(String.fromCharCode(c))) return null;
    return out;
  }
  return null;
}

export function parseYamlInventory(text: string, file: string): Inventory {
  const inventory: Inventory = { groups: new Map(), problems: [] };
  const parsed = parseAnsibleYaml(text, file);
  if (parsed.kind === "vault") {
    inventory.problems.push({ message: "the inventory is vault-encrypted: its hosts are not known", location: { file, line: 1, column: 1 } });
    return inventory;
  }
  inventory.problems.push(...parsed.problems);
  if (parsed.root?.kind !== "map") return inventory;
  const seen = new Set<string>();
  const walk = (name: string, node: YamlNode, location: Location) => {
    const target = group(inventory, name, location);
    if (seen.has(name) || node.kind !== "map") return;
    seen.add(name);
    const hosts = node.entries.get("hosts")?.value;
    if (hosts?.kind === "map") {
      for (const [host, entry] of hosts.entries) {
        const names = expandHostPattern(host) ?? [];
        const vars = entry.value.kind === "map" ? new Map([...entry.value.entries].map(([k, v]) => [k, v.value])) : new Map<string, YamlNode>();
        for (const one of names) target.hosts.set(one, { location: entry.key, vars });
      }
    }
    const vars = node.entries.get("vars")?.value;
    if (vars?.kind === "map") for (const [key, entry] of vars.entries) target.vars.set(key, entry.value);
    const children = node.entries.get("children")?.value;
    if (children?.kind === "map") {
      for (const [child, entry] of children.entries) {
        target.children.add(child);
        walk(child, entry.value, entry.key);
      }
    }
  };
  for (const [name, entry] of parsed.root.entries) walk(name, entry.value, entry.key);
  return inventory;
}

/** Several inventory files read as one (an inventory folder, as Ansible reads it): their groups' hosts, children and variables together. */
export function mergeInventories(inventories: readonly Inventory[]): Inventory {
  const out: Inventory = { groups: new Map(), problems: [] };
  for (const inventory of inventories) {
    out.problems.push(...inventory.problems);
    for (const [name, found] of inventory.groups) {
      const target = group(out, name, found.location);
      for (const [host, entry] of found.hosts) target.hosts.set(host, entry);
      for (const child of found.children) target.children.add(child);
      for (const [key, value] of found.vars) target.vars.set(key, value);
    }
  }
  return out;
}

/** Every host of a group and of its child groups, in the order they are listed. */
export function hostsOf(inventory: Inventory, name: string): string[] {
  const out = new Set<string>();
  const visited = new Set<string>();
  const visit = (groupName: string) => {
    if (visited.has(groupName)) return;
    visited.add(groupName);
    const found = inventory.groups.get(groupName);
    if (found === undefined) return;
    for (const host of found.hosts.keys()) out.add(host);
    for (const child of found.children) visit(child);
  };
  visit(name);
  return [...out];
}

/**
 * The groups a host is in, with each group's depth below `all` (Ansible applies group
 * variables by depth, then by name: a child group's value beats its parent's).
 */
export function groupsOfHost(inventory: Inventory, host: string): { name: string; depth: number }[] {
  const depth = new Map<string, number>();
  const parents = new Map<string, string[]>();
  for (const [name, found] of inventory.groups) for (const child of found.children) parents.set(child, [...(parents.get(child) ?? []), name]);
  const depthOf = (name: string, trail: Set<string>): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    if (trail.has(name)) return 1;
    trail.add(name);
    const above = parents.get(name) ?? [];
    const value = name === "all" ? 0 : above.length === 0 ? 1 : 1 + Math.max(...above.map((p) => depthOf(p, trail)));
    depth.set(name, value);
    return value;
  };
  const member = new Set<string>();
  for (const [name, found] of inventory.groups) if (found.hosts.has(host)) member.add(name);
  const pending = [...member];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    for (const parent of parents.get(name) ?? []) {
      if (!member.has(parent)) {
        member.add(parent);
        pending.push(parent);
      }
    }
  }
  member.add("all");
  return [...member]
    .map((name) => ({ name, depth: depthOf(name, new Set()) }))
    .sort((a, b) => a.depth - b.depth || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
