/**
 * One host's variables as Ansible resolves them for a kolla-ansible run, lowest precedence
 * first (Ansible's "variable precedence" list): role defaults, the inventory file's group
 * variables, the inventory's group_vars/all, kolla-ansible's own group_vars/all, the
 * inventory's group_vars/<group>, the inventory file's host variables, host_vars/<host>, and
 * last the extra-vars kolla-ansible passes (globals.yml, passwords.yml, globals.d/*.yml),
 * which beat everything. Values are templated when read, as Ansible does; every lookup is
 * remembered with the line that set it, so a rendered setting can name the line that
 * decided it.
 */
import type { YamlNode } from "../../loader/formats/ansible-yaml.js";
import type { Location } from "../../model/location.js";
import { renderTemplate, type Scope, Unknown, type Value } from "./expression.js";

/** Where a variable's value comes from: a line of the repository, or a fact of the release. */
export type Origin = { kind: "repository"; location: Location } | { kind: "release"; source: string };

export interface Definition {
  /** `unknown`: a value the repository does not show (written by a tool's pass migpolicy cannot follow), with the reason. */
  value: YamlNode | { kind: "template"; text: string } | { kind: "unknown"; reason: string };
  origin: Origin;
}

/** One layer of definitions, in precedence order (a later layer wins). */
export type Layer = Map<string, Definition>;

const MAX_DEPTH = 40;

/** A YAML node's value for Jinja; strings stay templates until they are read. */
function plain(node: YamlNode, scope: Scope): Value {
  switch (node.kind) {
    case "scalar":
      return typeof node.value === "string" && node.unsafe !== true ? renderTemplate(node.value, scope) : node.value;
    case "vault":
      return new Unknown("a vault-encrypted value (not decrypted)");
    case "seq":
      return node.items.map((item) => plain(item, scope));
    case "map": {
      const out: { [key: string]: Value } = {};
      for (const [key, entry] of node.entries) out[key] = plain(entry.value, scope);
      return out;
    }
  }
}

/** Repository lines kept per variable at the most: enough to name what decided it, bounded whatever the nesting. */
const MAX_ORIGINS = 16;

const originKey = (origin: Origin) =>
  origin.kind === "release" ? origin.source : `${origin.location.file}\u0000${origin.location.line}\u0000${origin.location.column}`;

export class HostVariables implements Scope {
  /** The lookups of the evaluation in progress, outermost first. */
  private trail: Origin[] = [];
  private readonly evaluating = new Set<string>();
  /** Each variable's value once evaluated, with the origins it read: a variable is templated once a host. */
  private readonly evaluated = new Map<string, { value: Value; origins: Origin[] }>();
  private depth = 0;

  constructor(
    private readonly layers: Layer[],
    /** Magic variables and facts, which no layer may shadow (inventory_hostname...). */
    private readonly fixed: Map<string, Value>,
    /** The deployment tool's own filters. */
    private readonly filters: (variables: HostVariables, name: string, target: Value, args: Value[]) => Value | undefined = () => undefined,
    /** Whether a variable holds a secret: what cannot be evaluated in it is said without its text. */
    private readonly isSecret: (name: string, definition: Definition) => boolean = () => false,
  ) {}

  filter(name: string, target: Value, args: Value[]): Value | undefined {
    return this.filters(this, name, target, args);
  }

  definition(name: string): Definition | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const found = this.layers[i]?.get(name);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  lookup(name: string): Value | undefined {
    const fixed = this.fixed.get(name);
    if (fixed !== undefined) return fixed;
    const known = this.evaluated.get(name);
    if (known !== undefined) {
      this.trail.push(...known.origins);
      return known.value;
    }
    const found = this.definition(name);
    if (found === undefined) return undefined;
    if (this.evaluating.has(name) || this.depth >= MAX_DEPTH) {
      this.trail.push(found.origin);
      return new Unknown(
        this.depth >= MAX_DEPTH ? `variables refer to variables more than ${MAX_DEPTH} deep (at ${name})` : `the variable ${name} refers to itself`,
      );
    }
    const outer = this.trail;
    this.trail = [found.origin];
    this.evaluating.add(name);
    this.depth++;
    let value: Value;
    try {
      value =
        found.value.kind === "template"
          ? renderTemplate(found.value.text, this)
          : found.value.kind === "unknown"
            ? new Unknown(found.value.reason)
            : plain(found.value, this);
    } finally {
      this.depth--;
      this.evaluating.delete(name);
    }
    if (value instanceof Unknown && value.placeholder === null && this.isSecret(name, found)) {
      value = new Unknown(`the value of ${name} (a secret, not shown) is not evaluated`);
    }
    const seen = new Set<string>();
    const origins = this.trail.filter((origin) => !seen.has(originKey(origin)) && seen.add(originKey(origin)) !== undefined).slice(0, MAX_ORIGINS);
    this.trail = outer;
    this.trail.push(...origins);
    this.evaluated.set(name, { value, origins });
    return value;
  }

  /** Evaluates `run` and returns its value with the origins of every variable it read, outermost first. */
  traced<T>(run: () => T): { value: T; origins: Origin[] } {
    const outer = this.trail;
    this.trail = [];
    try {
      const value = run();
      return { value, origins: this.trail };
    } finally {
      this.trail = outer;
    }
  }
}
