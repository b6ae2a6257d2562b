/**
 * Renders what kolla-ansible writes on one compute host (its /etc/kolla/nova-compute and
 * /etc/kolla/nova-libvirt) from a Kolla configuration in a repository, with every rendered
 * line's origin: the repository line that decided it (a globals.yml value, an override
 * file's line), or, when only a default decides, the file where the operator would set it.
 * The release's template lines are data (releases.ts); the operator's override files are
 * Jinja-rendered line by line for the subset expression.ts evaluates. What cannot be
 * rendered is said, with its place: the host is then not evaluated, never guessed.
 */
import { type Inventory, groupsOfHost, hostsOf, mergeInventories, parseInventory } from "../../loader/formats/ansible-inventory.js";
import { parseAnsibleYaml, type YamlNode } from "../../loader/formats/ansible-yaml.js";
import { readPem } from "../../loader/formats/pem.js";
import { type DeploymentHost, IGNORED } from "../../loader/deployment.js";
import { joinRelative } from "../../loader/paths.js";
import type { HostFiles } from "../../model/files.js";
import type { Location } from "../../model/location.js";
import { parseExpression, pythonString, renderTemplate, type Scope, toBool, Unknown, type Value, evaluate } from "./expression.js";
import type { RenderedLine } from "./lines.js";
import { KAYOBE_DEFAULTS, KAYOBE_GLOBALS, KAYOBE_HOST_VARS, KAYOBE_RUN, KAYOBE_TLS_SOURCE } from "./kayobe.js";
import { kayobeConfigPass, type KayobeLines } from "./kayobe-config.js";
import { kayobeYamlLayer } from "./kayobe-layer.js";
import { UNKNOWN_MARK } from "./kayobe-template.js";
import { mergeConfigs } from "./merge.js";
import { isSecretNovaOption, NOVA_OPTIONS } from "../options/nova.js";
import { beforeFacts, extraVarsOf, type KollaSeries, NEWEST_SERIES, seriesOf, type TemplateLine } from "./releases.js";
import { HostVariables, type Layer, type Origin } from "./variables.js";

export interface RenderedFile {
  /** Relative to the rendered host's /etc/kolla. */
  path: string;
  lines: RenderedLine[] | null;
  /** A file copied as it is (certificates): its repository path and bytes. */
  copy?: { from: string; bytes: Uint8Array };
  /** The repository file the rendered file as a whole is reported at. */
  reportedAt: string;
}

export interface KollaRender {
  files: RenderedFile[];
  series: KollaSeries;
  /** How the release was chosen: from the repository's line, the command line, or assumed. */
  release: {
    value: string;
    how: "repository" | "command line" | "assumed";
    at: Location | null;
    named?: string;
    /** Older than every series migpolicy has facts for: the host is not evaluated. */
    before?: true;
  };
  /** The place a default is reported at: globals.yml's first line (or the repository file discovery found). */
  anchor: Location;
  /** Why the host cannot be rendered (an expression not evaluated, an override not read), with the place. */
  unrendered: { reason: string; at: Location }[];
  /** Why the PKI files cannot be shown (vault-encrypted in the repository), and the file. */
  pkiNotShown: { reason: string; at: Location } | null;
  /** Private keys the repository holds in clear for this host (its TLS files) or for its CA. */
  keysInClear: { location: Location; ca: boolean }[];
  /** Whether a volume gives the nova_libvirt container the host's /etc/pki/qemu (which the repository does not show). */
  qemuPkiFromHost: boolean;
  /** Notes the report should carry (facts assumed). */
  notes: { message: string; at: Location }[];
}

const TLS_FILES = ["cacert.pem", "servercert.pem", "serverkey.pem", "clientcert.pem", "clientkey.pem"];
const COMPUTE_TLS_FILES = new Set(["cacert.pem", "clientcert.pem", "clientkey.pem"]);
const VAULT_HEADER = "$ANSIBLE_VAULT;";

/** A YAML file's variables, each at its line. */
function yamlLayer(files: HostFiles, path: string, problems: { reason: string; at: Location }[]): Layer {
  const layer: Layer = new Map();
  const text = files.text(path);
  if (text === null) return layer;
  const parsed = parseAnsibleYaml(text, path);
  if (parsed.kind === "vault") return layer;
  for (const problem of parsed.problems) problems.push({ reason: `YAML: ${problem.message}`, at: problem.location });
  if (parsed.root?.kind !== "map") return layer;
  for (const [name, entry] of parsed.root.entries) layer.set(name, { value: entry.value, origin: { kind: "repository", location: entry.value.location } });
  return layer;
}

function inventoryLayer(vars: Map<string, YamlNode>): Layer {
  const layer: Layer = new Map();
  for (const [name, value] of vars) layer.set(name, { value, origin: { kind: "repository", location: value.location } });
  return layer;
}

function releaseLayer(defaults: Readonly<Record<string, { value: string; at: string }>>): Layer {
  const layer: Layer = new Map();
  for (const [name, fact] of Object.entries(defaults))
    layer.set(name, { value: { kind: "template", text: fact.value }, origin: { kind: "release", source: fact.at } });
  return layer;
}

const VARS_EXTENSIONS = ["", ".yml", ".yaml", ".json"];
const MAX_VARS_DEPTH = 8;

/**
 * group_vars/<name> and host_vars/<name> as Ansible finds them (DataLoader.find_vars_files): the
 * first of <name>, <name>.yml, <name>.yaml, <name>.json that exists; a folder is read whole,
 * sorted, its folders without an extension recursively, hidden files and backups (~) skipped.
 */
function varsFiles(files: HostFiles, dir: string, name: string): string[] {
  for (const extension of VARS_EXTENSIONS) {
    const path = joinRelative(dir, `${name}${extension}`);
    if (!files.exists(path)) continue;
    return files.isDirectory(path) ? dirVarsFiles(files, path, 0) : [path];
  }
  return [];
}

function dirVarsFiles(files: HostFiles, folder: string, depth: number): string[] {
  const out: string[] = [];
  if (depth > MAX_VARS_DEPTH) return out;
  for (const entry of [...files.list(folder)].sort()) {
    if (entry.startsWith(".") || entry.endsWith("~")) continue;
    const path = joinRelative(folder, entry);
    const dot = entry.lastIndexOf(".");
    const extension = dot > 0 ? entry.slice(dot) : "";
    if (files.isDirectory(path)) {
      if (extension === "") out.push(...dirVarsFiles(files, path, depth + 1));
    } else if (VARS_EXTENSIONS.includes(extension)) out.push(path);
  }
  return out;
}

function dirname(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "." : path.slice(0, slash);
}

/** Inventory layers of one host: the inventory file's group variables, group_vars/ and host_vars/ beside it. */
function inventoryLayers(files: HostFiles, inventory: Inventory, here: string, host: string, problems: { reason: string; at: Location }[]) {
  const groups = groupsOfHost(inventory, host);
  const fileGroups = groups.map(({ name }) => inventoryLayer(inventory.groups.get(name)?.vars ?? new Map()));
  const groupVarsAll = varsFiles(files, joinRelative(here, "group_vars"), "all").map((path) => yamlLayer(files, path, problems));
  const groupVars = groups
    .filter(({ name }) => name !== "all")
    .flatMap(({ name }) => varsFiles(files, joinRelative(here, "group_vars"), name).map((path) => yamlLayer(files, path, problems)));
  const hostLevel: Layer[] = [];
  for (const found of inventory.groups.values()) {
    const entry = found.hosts.get(host);
    if (entry !== undefined) hostLevel.push(inventoryLayer(entry.vars));
  }
  for (const path of varsFiles(files, joinRelative(here, "host_vars"), host)) hostLevel.push(yamlLayer(files, path, problems));
  return { fileGroups, groupVarsAll, groupVars, hostLevel };
}

function readInventory(files: HostFiles, path: string | null, folder: boolean): Inventory {
  if (path === null) return { groups: new Map(), problems: [] };
  if (!folder) {
    const text = files.text(path);
    return text === null ? { groups: new Map(), problems: [] } : parseInventory(text, path);
  }
  const parts: Inventory[] = [];
  for (const name of [...files.list(path)].sort()) {
    const file = joinRelative(path, name);
    // As the loader reads an inventory folder (INVENTORY_IGNORE_EXTS).
    if (name.startsWith(".") || IGNORED.test(name) || files.isDirectory(file)) continue;
    const text = files.text(file);
    if (text !== null) parts.push(parseInventory(text, file));
  }
  return mergeInventories(parts);
}

/** The folders Kolla's configuration is generated from: kolla/ of the configuration, then of each Kayobe environment. */
function kollaDirsOf(host: DeploymentHost): string[] {
  return [host.configDir, ...(host.environments ?? []).map((dir) => joinRelative(dir, "kolla"))];
}

/** merge_yaml's update_nested_conf: a later file's value replaces, except that maps merge key by key. */
function mergeYamlLayers(lower: Layer, upper: Layer): Layer {
  const merged: Layer = new Map(lower);
  const mergeNodes = (a: YamlNode, b: YamlNode): YamlNode => {
    if (a.kind !== "map" || b.kind !== "map") return b;
    const entries = new Map(a.entries);
    for (const [key, entry] of b.entries) {
      const before = entries.get(key);
      entries.set(key, before === undefined ? entry : { key: entry.key, value: mergeNodes(before.value, entry.value) });
    }
    return { ...b, entries };
  };
  for (const [name, definition] of upper) {
    const before = merged.get(name);
    const both = before !== undefined && before.value.kind === "map" && definition.value.kind === "map";
    merged.set(name, both ? { ...definition, value: mergeNodes(before.value as YamlNode, definition.value as YamlNode) } : definition);
  }
  return merged;
}

/**
 * The layers of one host, lowest precedence first, and the inventory's groups. kolla-ansible:
 * role defaults, the inventory's group variables, group_vars/all, kolla-ansible's group_vars,
 * the inventory's other group_vars and host variables, then its extra-vars (globals.yml,
 * passwords.yml, globals.d sorted: kolla_ansible/ansible.py, 19.0.0 on). Kayobe: the same run,
 * whose extra-vars are the globals.yml Kayobe generates from its variables (kayobe.ts) with the
 * operator's kolla/globals.yml merged over it, and whose extra inventory is kolla/inventory/.
 */
function hostLayers(
  files: HostFiles,
  host: DeploymentHost,
  series: KollaSeries,
  release: string,
  problems: { reason: string; at: Location }[],
  notes: { message: string; at: Location }[],
) {
  const kayobe = host.tool === "kayobe" ? (host.kayobeDir ?? ".") : null;
  // Kayobe: its configuration folder, then each environment's, later ones winning (kayobe/ansible.py).
  const kayobeDirs = kayobe === null ? [] : [kayobe, ...(host.environments ?? [])];
  const inventoryIsFolder = host.inventory !== null && files.isDirectory(host.inventory);
  const inventory =
    kayobe === null
      ? readInventory(files, host.inventory, inventoryIsFolder)
      : mergeInventories(
          kayobeDirs
            .map((dir) => joinRelative(dir, "inventory"))
            .filter((dir) => files.isDirectory(dir))
            .map((dir) => readInventory(files, dir, true)),
        );
  for (const problem of inventory.problems) problems.push({ reason: `inventory: ${problem.message}`, at: problem.location });
  // Kolla's inventory: the repository's own, or the extra inventories Kayobe passes on (its own inventory's variables are Kayobe's).
  const ownDir = host.inventory === null ? null : inventoryIsFolder ? host.inventory : dirname(host.inventory);
  const kollaInventoryDirs = kayobe === null ? (ownDir === null ? [] : [ownDir]) : kollaDirsOf(host).map((dir) => joinRelative(dir, "inventory"));
  // Kayobe's hosts are in its inventory, Kolla's variables for them in the extra inventories it passes on.
  const kollaInventory =
    kayobe === null
      ? inventory
      : mergeInventories([inventory, ...kollaInventoryDirs.filter((dir) => files.isDirectory(dir)).map((dir) => readInventory(files, dir, true))]);
  const levels = { fileGroups: [] as Layer[], groupVarsAll: [] as Layer[], groupVars: [] as Layer[], hostLevel: [] as Layer[] };
  for (const dir of kollaInventoryDirs) {
    const found = inventoryLayers(files, kollaInventory, dir, host.host, problems);
    if (levels.fileGroups.length === 0) levels.fileGroups.push(...found.fileGroups);
    levels.groupVarsAll.push(...found.groupVarsAll);
    levels.groupVars.push(...found.groupVars);
    levels.hostLevel.push(...found.hostLevel);
  }
  const layers: Layer[] = [
    releaseLayer(series.roleDefaults),
    ...(kayobe === null ? levels.fileGroups : []),
    ...levels.groupVarsAll,
    releaseLayer(series.groupVars),
    ...levels.groupVars,
    ...(kayobe === null ? [] : [releaseLayer(KAYOBE_HOST_VARS)]),
    ...levels.hostLevel,
  ];
  if (kayobe !== null) {
    // Kayobe's variables are extra-vars of its own run (every etc/kayobe/*.yml), which writes kolla-ansible's globals.yml.
    const kayobeLayers: Layer[] = [releaseLayer(KAYOBE_DEFAULTS)];
    // Kayobe's inventories' group_vars/all reach its play on localhost (below its extra-vars).
    for (const dir of kayobeDirs) {
      for (const path of varsFiles(files, joinRelative(dir, "inventory/group_vars"), "all")) kayobeLayers.push(yamlLayer(files, path, problems));
    }
    for (const dir of kayobeDirs) {
      for (const entry of [...files.list(dir)].sort()) {
        const path = joinRelative(dir, entry);
        if (/\.(ya?ml|json)$/.test(entry) && !files.isDirectory(path)) kayobeLayers.push(yamlLayer(files, path, problems));
      }
    }
    layers.push(...kayobeLayers, releaseLayer(KAYOBE_GLOBALS));
    // merge_yaml templates each kolla/globals.yml (the base's, then each environment's) with localhost's variables
    // (Kayobe's play runs there) before reading it, and merges them, maps key by key (kayobe/plugins/action/merge_yaml.py).
    const localhost = new HostVariables(kayobeLayers, localhostFacts(inventory), undefined, isSecretVariable);
    let globals: Layer = new Map();
    for (const dir of kollaDirsOf(host)) {
      const globalsPath = joinRelative(dir, "globals.yml");
      const text = files.text(globalsPath);
      if (text === null) continue;
      let layer: Layer;
      if (/\{[{%#]/.test(text)) {
        const templated = kayobeYamlLayer(text, globalsPath, localhost);
        problems.push(...templated.problems);
        notes.push(...templated.notes);
        layer = templated.layer;
      } else layer = yamlLayer(files, globalsPath, problems);
      globals = mergeYamlLayers(globals, layer);
    }
    layers.push(globals);
    return { layers, inventory, localhost };
  }
  layers.push(yamlLayer(files, joinRelative(host.configDir, "globals.yml"), problems));
  const passwords = yamlLayer(files, joinRelative(host.configDir, "passwords.yml"), problems);
  const { globalsD } = extraVarsOf(release);
  const folder = joinRelative(host.configDir, "globals.d");
  const globalsFiles =
    globalsD === null
      ? []
      : [...files.list(folder)]
          .sort()
          .filter((entry) => globalsD.extensions.some((extension) => entry.endsWith(extension)) && !files.isDirectory(joinRelative(folder, entry)))
          .map((entry) => yamlLayer(files, joinRelative(folder, entry), problems));
  if (globalsD?.beforePasswords === true) layers.push(...globalsFiles, passwords);
  else layers.push(passwords, ...globalsFiles);
  return { layers, inventory, localhost: null };
}

/**
 * The release: the command line's, else openstack_release as the host's variables give it (a
 * repository line), else a kolla-ansible pin in requirements.txt, else the newest, assumed.
 */
function chooseSeries(
  host: DeploymentHost,
  release: (series: KollaSeries) => { value: Value; origins: Origin[] },
  hint: () => { series: KollaSeries; value: string; at: Location } | null,
): { series: KollaSeries; release: KollaRender["release"] } {
  if (host.release !== undefined) {
    const series = seriesOf(host.release);
    if (series !== null) return { series, release: { value: host.release, how: "command line", at: null } };
  }
  const found = release(NEWEST_SERIES);
  const line = found.origins.find((o) => o.kind === "repository");
  const newest = NEWEST_SERIES.openstackReleases.at(-1) as string;
  if (line?.kind === "repository" && (typeof found.value === "string" || typeof found.value === "number")) {
    const value = String(found.value);
    const series = seriesOf(value);
    if (series !== null) return { series, release: { value, how: "repository", at: line.location } };
    if (beforeFacts(value)) return { series: NEWEST_SERIES, release: { value, how: "repository", at: line.location, before: true } };
    // A release migpolicy has no facts for (master, a future one): the newest, assumed, at the line that names it.
    return { series: NEWEST_SERIES, release: { value: newest, how: "assumed", at: line.location, named: value } };
  }
  const pinned = hint();
  if (pinned !== null) return { series: pinned.series, release: { value: pinned.value, how: "repository", at: pinned.at } };
  return { series: NEWEST_SERIES, release: { value: newest, how: "assumed", at: null } };
}

/** A pin of kolla-ansible (or Kayobe's stable branch) in pip's requirements beside the configuration or above it. */
const PINS = [
  /^\s*kolla-ansible\s*===?\s*(\d+\.\d+\.\d+)\b/,
  /kolla-ansible(?:\.git)?@(?:stable\/|unmaintained\/|stackhpc\/)?([\w.]+?)(?:-eo[lm])?(?:#|\s|$)/,
  /kayobe(?:\.git)?@(?:stable|unmaintained|stackhpc)\/([\w.]+)/,
  /^\s*kolla-ansible\s*[>~]=\s*(\d+)\.\d+(?:\.\d+)?\s*,\s*<\s*\d+/,
];

function releasePin(files: HostFiles, configDir: string): { series: KollaSeries; value: string; at: Location } | null {
  const folders: string[] = [];
  for (let dir = configDir; ; dir = dirname(dir)) {
    folders.push(dir);
    if (dir === "." || folders.length > 4) break;
  }
  for (const folder of folders) {
    for (const name of ["requirements.txt", "requirements-kolla.txt"]) {
      const path = joinRelative(folder, name);
      const text = files.text(path);
      if (text === null) continue;
      const lines = text.split(/\r?\n/, 2000);
      for (let index = 0; index < lines.length; index++) {
        for (const pin of PINS) {
          const match = pin.exec(lines[index] as string);
          const value = match?.[1];
          const series = value === undefined ? null : seriesOf(value);
          if (value !== undefined && series !== null) return { series, value, at: { file: path, line: index + 1, column: (match?.index ?? 0) + 1 } };
        }
      }
    }
  }
  return null;
}

/** A variable of passwords.yml, or named as secrets are (password, secret, token, key...). */
function isSecretVariable(name: string, definition: { origin: Origin }): boolean {
  return isSecretNovaOption(name) || (definition.origin.kind === "repository" && /(^|\/)passwords\.ya?ml$/.test(definition.origin.location.file));
}

/** Kolla's filters (ansible/filter_plugins): what a repository cannot show is Unknown, said as such. */
function kollaFilter(host: string) {
  return (variables: HostVariables, name: string, target: Value): Value | undefined => {
    if (name === "kolla_address") {
      // address.py: the address of <network>_interface, from the host's facts.
      const network = typeof target === "string" ? target : "the";
      const iface = variables.lookup(`${network}_interface`);
      const label = typeof iface === "string" ? iface : `${network}_interface`;
      return new Unknown(`the address of ${label} on ${host} (an Ansible fact)`, `${label}-address-of-${host}`);
    }
    if (name === "put_address_in_context") {
      // An IPv6 address in a URL is bracketed; names and IPv4 addresses are unchanged.
      if (typeof target === "string" && target.includes(":") && !target.startsWith("[")) return `[${target}]`;
      return target;
    }
    return undefined;
  };
}

function facts(host: string): Map<string, Value> {
  const nodename = new Unknown(`the node name of ${host} (an Ansible fact)`, host);
  return new Map<string, Value>([
    ["inventory_hostname", host],
    ["inventory_hostname_short", host.split(".")[0] as string],
    [
      "ansible_facts",
      {
        nodename,
        hostname: new Unknown(`the host name of ${host}`, host.split(".")[0] as string),
        architecture: new Unknown("the host's architecture (an Ansible fact)"),
      },
    ],
    ["ansible_nodename", nodename],
    ["ansible_hostname", new Unknown(`the host name of ${host}`, host.split(".")[0] as string)],
    ["service_name", "nova-compute"],
  ]);
}

/** What Kayobe's own play on localhost knows besides its variables: the host's name and the inventory's groups. */
function localhostFacts(inventory: Inventory): Map<string, Value> {
  const groups: { [name: string]: Value } = {};
  for (const name of inventory.groups.keys()) groups[name] = hostsOf(inventory, name);
  return new Map<string, Value>([
    ["inventory_hostname", "localhost"],
    ["groups", groups],
    ["ansible_facts", { hostname: new Unknown("the Ansible control host's name") }],
  ]);
}

export function renderKollaHost(files: HostFiles, host: DeploymentHost): KollaRender {
  const unrendered: { reason: string; at: Location }[] = [];
  const notes: { message: string; at: Location }[] = [];
  const globalsPath = joinRelative(host.configDir, "globals.yml");
  // Where the operator would set what only a default decides: globals.yml (Kayobe: its kolla.yml when it keeps no kolla/globals.yml).
  const fallback = host.kayobeDir === undefined ? (host.inventory ?? globalsPath) : joinRelative(host.kayobeDir, "kolla.yml");
  const anchor: Location = { file: files.exists(globalsPath) ? globalsPath : fallback, line: 1, column: 1 };
  const fixed = facts(host.host);
  // The layers depend on the series (its defaults) and the CLI (globals.d): built once for each pair asked for,
  // so the release probe's are the host's when the probe guessed right (the newest release, the common case).
  const built = new Map<
    string,
    {
      variables: HostVariables;
      inventory: Inventory;
      problems: { reason: string; at: Location }[];
      notes: { message: string; at: Location }[];
      localhost: HostVariables | null;
    }
  >();
  const variablesOf = (series: KollaSeries, release: string) => {
    const key = `${series.id}\u0000${extraVarsOf(release).at}`;
    let found = built.get(key);
    if (found === undefined) {
      const problems: { reason: string; at: Location }[] = [];
      const layerNotes: { message: string; at: Location }[] = [];
      const { layers, inventory, localhost } = hostLayers(files, host, series, release, problems, layerNotes);
      found = { variables: new HostVariables(layers, fixed, kollaFilter(host.host), isSecretVariable), inventory, problems, notes: layerNotes, localhost };
      built.set(key, found);
    }
    return found;
  };
  const { series, release } = chooseSeries(
    host,
    (probe) => {
      const { variables } = variablesOf(probe, host.release ?? (probe.openstackReleases.at(-1) as string));
      return variables.traced(() => variables.lookup("openstack_release") ?? null);
    },
    () => releasePin(files, host.configDir),
  );
  if (release.before === true) {
    unrendered.push({
      reason: `the release ${release.value} is older than kolla-ansible 9.0.0 (Train), the first migpolicy has kolla-ansible's template lines for`,
      at: release.at ?? anchor,
    });
  }
  const { variables, inventory, problems, notes: layerNotes, localhost } = variablesOf(series, release.value);
  unrendered.push(...problems);
  notes.push(...layerNotes);
  const groups: { [name: string]: Value } = {};
  for (const name of inventory.groups.keys()) groups[name] = hostsOf(inventory, name);
  fixed.set("groups", groups);
  fixed.set(
    "group_names",
    groupsOfHost(inventory, host.host)
      .map((g) => g.name)
      .filter((n) => n !== "all"),
  );
  const scope: Scope = variables;

  const located = (origins: Origin[]): { at: Location; related: Location[] } => {
    const repository = origins.flatMap((o) => (o.kind === "repository" ? [o.location] : []));
    const unique = repository.filter((l, i) => repository.findIndex((m) => m.file === l.file && m.line === l.line && m.column === l.column) === i);
    const [first, ...rest] = unique;
    return first === undefined ? { at: anchor, related: [] } : { at: first, related: rest };
  };

  const renderLines = (template: readonly TemplateLine[], file: string): RenderedLine[] | null => {
    const out: RenderedLine[] = [];
    for (const line of template) {
      const conditions = variables.traced(() => (line.when ?? []).map((expression) => condition(expression, scope)));
      const failed = conditions.value.find((c) => c instanceof Unknown);
      if (failed instanceof Unknown) {
        unrendered.push({ reason: `${file}: ${failed.reason} (in ${line.at})`, at: located(conditions.origins).at });
        return null;
      }
      if (!conditions.value.every((c) => c === true)) continue;
      const written = variables.traced(() => text(line.text, scope));
      if (written.value instanceof Unknown) {
        unrendered.push({ reason: `${file}: ${written.value.reason} (in ${line.at})`, at: located(written.origins).at });
        return null;
      }
      // A section header stands where a missing option would go: where the operator sets things, not the condition that opened it.
      const place = /^\[[^\]]+\]$/.test(written.value) ? { at: anchor, related: [] } : located([...written.origins, ...conditions.origins]);
      out.push({ text: written.value, at: place.at, copied: false, related: place.related });
    }
    return out;
  };

  const configDir = joinRelative(host.configDir, "config");
  const customConfig = variables.definition("node_custom_config");
  if (customConfig?.origin.kind === "repository") {
    notes.push({
      message: `node_custom_config is set here; migpolicy reads the override files from ${configDir} (kolla-ansible's default place beside globals.yml)`,
      at: customConfig.origin.location,
    });
  }
  // The files Kolla's config/<path> is generated from: the repository's own, or with Kayobe each of its folders' (base, then environments).
  const overrideSources = (pattern: string, file = "") =>
    kollaDirsOf(host)
      .map((dir) => joinRelative(dir, "config", pattern.replaceAll("{host}", host.host).replaceAll("{file}", file)))
      .filter((path) => files.exists(path) && !files.isDirectory(path));
  const renderSources = (paths: string[], nova = false): RenderedLine[] | null => {
    const unread = nova ? { notes } : null;
    if (localhost !== null) {
      const pass = kayobeConfigPass(files, paths, localhost, unrendered, notes);
      return pass === null ? null : renderOverride(pass.text, paths.at(-1) as string, scope, variables, unrendered, pass.lines, unread);
    }
    const content = files.text(paths[0] as string);
    return content === null ? null : renderOverride(content, paths[0] as string, scope, variables, unrendered, null, unread);
  };

  const rendered: RenderedFile[] = [];
  const template = renderLines(series.novaConf, "nova.conf");
  let nova: RenderedLine[] | null = null;
  if (template !== null) {
    const sources: RenderedLine[][] = [template];
    for (const pattern of series.novaOverrides.paths) {
      const paths = overrideSources(pattern);
      if (paths.length === 0) continue;
      const lines = renderSources(paths, true);
      if (lines !== null) sources.push(lines);
    }
    const merged = mergeConfigs(sources);
    nova = merged.lines;
    for (const orphan of merged.orphans) {
      notes.push({
        message: "a setting before any [section] header: merge_configs keeps it out of every section, so nova reads no option from it",
        at: orphan.at,
      });
    }
  }
  rendered.push({ path: "nova-compute/nova.conf", lines: nova, reportedAt: anchor.file });

  const container = variables.traced(() => condition(series.libvirtContainer.when, scope));
  const containerised = container.value;
  const containerOrigins = container.origins;
  if (containerised instanceof Unknown) unrendered.push({ reason: containerised.reason, at: anchor });
  if (containerised === true) {
    for (const [name, template, overrides] of [
      ["libvirtd.conf", series.libvirtdConf, series.virconfOverrides?.libvirtd ?? []],
      ["qemu.conf", series.qemuConf, series.virconfOverrides?.qemu ?? []],
    ] as const) {
      const replacement = overrides.map((pattern) => overrideSources(pattern)).find((paths) => paths.length > 0);
      if (replacement !== undefined) {
        rendered.push({ path: `nova-libvirt/${name}`, lines: renderSources(replacement), reportedAt: replacement.at(-1) as string });
      } else rendered.push({ path: `nova-libvirt/${name}`, lines: renderLines(template, name), reportedAt: anchor.file });
    }
    const saslRead = variables.traced(() => (series.saslConf.length > 0 ? condition("libvirt_enable_sasl | bool", scope) : false));
    const sasl = saslRead.value;
    if (sasl instanceof Unknown) unrendered.push({ reason: `sasl.conf: ${sasl.reason}`, at: located(saslRead.origins).at });
    if (sasl === true) rendered.push({ path: "nova-libvirt/sasl.conf", lines: renderLines(series.saslConf, "sasl.conf"), reportedAt: anchor.file });
  } else if (containerised === false) {
    const who = host.tool === "kayobe" ? "Kayobe configures the hosts' own libvirt (stackhpc.libvirt-host role)" : "the hosts' own libvirt is used";
    unrendered.push({
      reason: `enable_nova_libvirt_container is false: kolla-ansible writes no libvirtd.conf or qemu.conf, ${who}, and migpolicy does not render it`,
      at: located(containerOrigins).at,
    });
  }

  let pkiNotShown: { reason: string; at: Location } | null = null;
  const missing: string[] = [];
  const tls = condition("libvirt_tls | bool and libvirt_tls_manage_certs | bool", scope);
  if (tls === true && containerised !== false) {
    for (const name of TLS_FILES) {
      // Each generated file is the most specific folder's copy (a Kayobe environment's before the base's).
      const lookup = series.tlsFiles.lookup.flatMap((pattern) => overrideSources(pattern, name).reverse());
      // Kayobe copies its flat certificates/libvirt/ files (the environment's own: kayobe_env_config_path) into
      // config/nova/nova-libvirt/ first; the operator's files there win.
      const certificates = host.environments?.at(-1) ?? host.kayobeDir;
      if (certificates !== undefined) lookup.push(joinRelative(certificates, KAYOBE_TLS_SOURCE.path.replace("{file}", name)));
      const from = lookup.find((path) => files.exists(path));
      if (from === undefined) {
        missing.push(name);
        continue;
      }
      const read = files.read(from, 1 << 20);
      if (read.kind !== "file") continue;
      if (Buffer.from(read.bytes.subarray(0, 64)).toString("latin1").trimStart().startsWith(VAULT_HEADER)) {
        pkiNotShown = {
          reason: `${from} is vault-encrypted in the repository (not decrypted), so the certificates are not shown`,
          at: { file: from, line: 1, column: 1 },
        };
        continue;
      }
      rendered.push({ path: `nova-libvirt/${name}`, lines: null, copy: { from, bytes: read.bytes }, reportedAt: from });
      if (COMPUTE_TLS_FILES.has(name)) rendered.push({ path: `nova-compute/${name}`, lines: null, copy: { from, bytes: read.bytes }, reportedAt: from });
    }
  } else if (tls instanceof Unknown) unrendered.push({ reason: tls.reason, at: anchor });

  const environment = host.environments?.at(-1);
  if (environment !== undefined) {
    const after = (host.environments ?? []).slice(0, -1).map((dir) => dir.slice(dir.lastIndexOf("/") + 1));
    notes.push({
      message: `Kayobe environment ${environment.slice(environment.lastIndexOf("/") + 1)}${after.length > 0 ? ` (after ${after.join(", ")})` : ""} layered over ${host.kayobeDir}: its variables, inventory, kolla/globals.yml and kolla/config after the base's (${KAYOBE_RUN.configPaths.at})`,
      at: anchor,
    });
  }
  for (const group of host.environmentsUnordered ?? []) {
    notes.push({
      message: `Kayobe does not fix the order of the environments ${group.join(", ")} (none depends on another; graphlib gives them in a Python set's order): layered in that order, by name, so where two set one variable the later name's value is taken`,
      at: anchor,
    });
  }
  if (host.inventory === null) {
    notes.push({
      message: "no inventory with a compute group was found: the compute hosts are evaluated as one, named compute, without host or group variables",
      at: anchor,
    });
  }
  if (release.how !== "command line" && ["ussuri", "victoria", "wallaby", "xena"].includes(release.value.toLowerCase())) {
    notes.push({
      message: `openstack_release ${release.value}: rendered as the branch's last release, with SASL; its releases before SASL was backported (10.x, 11.0-11.3, 12.0-12.3, 13.0) had no authentication on TCP: give --kolla-release with the version deployed`,
      at: release.at ?? anchor,
    });
  }
  const rendered_as = `${host.tool === "kayobe" ? "Kayobe's kolla-ansible" : "kolla-ansible"} ${series.id} (the facts of kolla-ansible ${series.tag})`;
  if (release.before !== true)
    notes.push({
      message:
        release.how === "assumed"
          ? `${release.named === undefined ? "the repository names no release (openstack_release)" : `openstack_release ${release.named} is no release migpolicy has kolla-ansible's facts for`}: rendered as ${rendered_as}, the newest, assumed; give --kolla-release to choose`
          : `release ${release.value} (${release.how === "repository" ? "this line" : "--kolla-release"}): rendered as ${rendered_as}`,
      at: release.at ?? anchor,
    });
  const nodename = variables.definition("migration_hostname");
  if (tls === true && nodename?.origin.kind === "release") {
    notes.push({
      message: "migration_hostname is kolla-ansible's default, the host's node name (an Ansible fact): each host's is taken to be its inventory name",
      at: anchor,
    });
  }
  const certificateFolders = [
    ...kollaDirsOf(host).map((dir) => joinRelative(dir, "config/nova/nova-libvirt")),
    ...(host.kayobeDir === undefined ? [] : [joinRelative(host.environments?.at(-1) ?? host.kayobeDir, "certificates/libvirt")]),
  ];
  if (missing.length > 0 && pkiNotShown === null) {
    pkiNotShown = {
      reason: `${missing.join(", ")} not in ${certificateFolders.join(", ")} (nor their ${host.host}/ folders): kolla-ansible's first_found lookup fails without them, so the certificates deployed come from outside the repository and are not shown`,
      at: anchor,
    };
  }
  // Before a vaulted file withholds the set: the others are committed in clear all the same.
  const keysInClear = repositoryKeys(files, host, rendered);
  if (pkiNotShown !== null) {
    // One file unreadable makes the set's checks undecidable: none is shown, and the PKI checks say why.
    for (let i = rendered.length - 1; i >= 0; i--) if (rendered[i]?.copy !== undefined) rendered.splice(i, 1);
    notes.push({ message: pkiNotShown.reason, at: pkiNotShown.at });
  }
  const qemuPkiFromHost = mountsQemuPki(variables);
  if (qemuPkiFromHost)
    notes.push({
      message: "QEMU's certificates come from the compute hosts' /etc/pki/qemu (a volume of nova_libvirt), which the repository does not show",
      at: anchor,
    });
  // The first reason is enough: the others follow from it (one unknown variable stops every file that reads it).
  return { files: rendered, series, release, anchor, unrendered: unrendered.slice(0, 1), pkiNotShown, keysInClear, qemuPkiFromHost, notes };
}

/** Whether nova_libvirt's extra volumes (defaults/main.yml: nova_libvirt_extra_volumes, from nova_extra_volumes, from default_extra_volumes) mount /etc/pki/qemu. */
function mountsQemuPki(variables: HostVariables): boolean {
  for (const name of ["nova_libvirt_extra_volumes", "nova_extra_volumes", "default_extra_volumes"]) {
    const value = variables.lookup(name);
    if (Array.isArray(value)) return value.some((volume) => typeof volume === "string" && /:\/etc\/pki\/qemu\/?(:|$)/.test(volume));
  }
  return false;
}

const MAX_KEY_FILE_BYTES = 1 << 20;
const MAX_KEY_FOLDER_DEPTH = 4;

/** The files of a folder and its folders, a few deep, sorted. */
function filesBelow(files: HostFiles, folder: string, depth = 0): string[] {
  if (depth > MAX_KEY_FOLDER_DEPTH || !files.isDirectory(folder)) return [];
  return [...files.list(folder)].sort().flatMap((name) => {
    const path = joinRelative(folder, name);
    return files.isDirectory(path) ? filesBelow(files, path, depth + 1) : [path];
  });
}

/**
 * Private keys in clear that the repository holds for this host: the TLS files it is given (its
 * own or the shared ones), and the key of a CA whose certificate it trusts, wherever the
 * repository keeps it (kolla-ansible certificates writes certificates/private/root/; Kayobe keeps
 * etc/kayobe/certificates). Vault-encrypted and passphrase-encrypted keys are not in clear.
 */
function repositoryKeys(files: HostFiles, host: DeploymentHost, rendered: RenderedFile[]): { location: Location; ca: boolean }[] {
  const read = (path: string) => {
    const result = files.read(path, MAX_KEY_FILE_BYTES);
    if (result.kind !== "file") return null;
    const text = Buffer.from(result.bytes).toString("latin1");
    return text.trimStart().startsWith(VAULT_HEADER) ? null : readPem(text);
  };
  const given = [...new Set(rendered.flatMap((file) => (file.copy === undefined ? [] : [file.copy.from])))];
  const caKeys = new Set<string>();
  const ownKeys = new Set<string>();
  for (const path of given) {
    for (const certificate of read(path)?.certificates ?? []) (certificate.is_ca ? caKeys : ownKeys).add(certificate.public_key_sha256);
  }
  const out: { location: Location; ca: boolean }[] = [];
  const elsewhere = [joinRelative(host.configDir, "certificates"), ...(host.kayobeDir === undefined ? [] : [joinRelative(host.kayobeDir, "certificates")])];
  const others = elsewhere.flatMap((folder) => filesBelow(files, folder)).filter((path) => !given.includes(path));
  for (const path of [...given, ...others]) {
    const clear = (read(path)?.keys ?? []).filter((key) => !key.encrypted);
    const matching = (keys: Set<string>) => clear.some((key) => key.public_key_sha256 !== null && keys.has(key.public_key_sha256));
    const ca = matching(caKeys);
    // A file the host is given counts with any key in clear; one it is not given, as its CA's key or its own
    // (kolla-ansible certificates keeps certificates/private/libvirt/libvirt.key beside the copies it makes).
    if (clear.length > 0 && (ca || given.includes(path) || matching(ownKeys))) out.push({ location: { file: path, line: 1, column: 1 }, ca });
  }
  return out;
}

/** A `{% if %}` condition's truth, as Jinja tests it. */
function condition(expression: string, scope: Scope): boolean | Unknown {
  const node = parseExpression(expression);
  if (node === null) return new Unknown(`the expression ${expression} is not evaluated`);
  const value = evaluate(node, scope);
  if (value instanceof Unknown) return value;
  return typeof value === "boolean" ? value : toBool(value);
}

/** A template line's text; a fact that exists but is not known here stands as its placeholder. */
function text(template: string, scope: Scope): string | Unknown {
  const value = renderTemplate(template, scope);
  if (value instanceof Unknown) return value.placeholder === null ? value : value.placeholder;
  return pythonString(value);
}

const BLOCK = /^\s*\{%-?\s*(if|elif|else|endif)\b(.*?)-?%\}\s*$/;

/** What stands for a value not known, in an option no check reads. */
const UNKNOWN_VALUE = "<not known to migpolicy>";
/** The nova options the checks read by value, in any section (an option in the wrong section is reported by name). */
const READ_NOVA_OPTIONS = new Set(
  Object.values(NOVA_OPTIONS).flatMap((options) =>
    Object.entries(options).flatMap(([name, spec]) => [name, ...(spec.deprecated_names ?? []).map((old) => old.option)]),
  ),
);
const isReadNovaOption = (name: string) => READ_NOVA_OPTIONS.has(name.trim().toLowerCase()) || READ_NOVA_OPTIONS.has(name.trim());

/**
 * An operator's override file rendered as kolla-ansible's merge_configs renders it (Jinja with
 * the host's variables) for line-level `{% if %}` blocks and `{{ }}` expressions; lines keep
 * their own place. Anything else Jinja would do (loops, set, macros) is not evaluated.
 */
function renderOverride(
  content: string,
  file: string,
  scope: Scope,
  variables: HostVariables,
  unrendered: { reason: string; at: Location }[],
  /** Kayobe's pass wrote `content`: each line's place in the repository, whether it is that line as written, what it could not know. */
  kayobe: KayobeLines | null = null,
  /** nova.conf: an option no check reads may keep a value not known (said in `notes`), as nothing migpolicy decides depends on it. */
  unread: { notes: { message: string; at: Location }[] } | null = null,
): RenderedLine[] | null {
  const out: RenderedLine[] = [];
  const unknownOptions: string[] = [];
  let firstUnknown: Location | null = null;
  let section = "DEFAULT";
  // An option no check reads keeps a value not known, written as such; true when `raw` is one.
  const keptUnknown = (raw: string, at: Location): boolean => {
    const key = /^\s*([^=\s[#;{][^=]*?)\s*=/.exec(raw)?.[1];
    if (unread === null || key === undefined || key.includes("{") || key.includes(UNKNOWN_MARK) || isReadNovaOption(key)) return false;
    unknownOptions.push(`[${section}] ${key}`);
    firstUnknown ??= at;
    out.push({ text: `${key} = ${UNKNOWN_VALUE}`, at, copied: false, related: [] });
    return true;
  };
  /** Per open block: whether a branch was taken, and whether lines are written now. */
  const stack: { taken: boolean; active: boolean }[] = [];
  const active = () => stack.every((b) => b.active);
  const lines = content.split(/\r\n|\n|\r/);
  if (lines.at(-1) === "") lines.pop();
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] as string;
    const at: Location = kayobe?.placeOf(index) ?? { file, line: index + 1, column: 1 };
    const notKnown = kayobe?.unknown(index);
    if (notKnown !== undefined) {
      if (!active()) continue;
      if (keptUnknown(raw, at)) continue;
      unrendered.push({ reason: `${at.file}: as Kayobe writes it, ${notKnown}`, at });
      return null;
    }
    const block = BLOCK.exec(raw);
    if (block !== null) {
      const [, keyword, rest] = block as unknown as [string, string, string];
      if (keyword === "if" || keyword === "elif") {
        if (keyword === "elif" && stack.length === 0) {
          unrendered.push({ reason: `${file}: {% elif %} without {% if %}`, at });
          return null;
        }
        const outer = keyword === "if" ? active() : stack.slice(0, -1).every((b) => b.active);
        const top = keyword === "if" ? null : (stack.at(-1) as { taken: boolean; active: boolean });
        let truth: boolean | Unknown = false;
        if (outer && (top === null || !top.taken)) {
          truth = condition(rest.trim(), scope);
          if (truth instanceof Unknown) {
            unrendered.push({ reason: `${file}: ${truth.reason}`, at });
            return null;
          }
        }
        if (top === null) stack.push({ taken: truth, active: truth });
        else {
          top.active = truth && !top.taken;
          top.taken ||= truth;
        }
      } else if (keyword === "else") {
        const top = stack.at(-1);
        if (top === undefined) {
          unrendered.push({ reason: `${file}: {% else %} without {% if %}`, at });
          return null;
        }
        top.active = !top.taken;
        top.taken = true;
      } else if (stack.pop() === undefined) {
        unrendered.push({ reason: `${file}: {% endif %} without {% if %}`, at });
        return null;
      }
      continue;
    }
    if (/^\s*\{#.*#\}\s*$/.test(raw)) continue;
    if (!active()) continue;
    if (raw.includes("{%") || raw.includes("{#")) {
      // The statement's keyword only: the line may hold a secret.
      const keyword = /\{%-?\s*(\w+)/.exec(raw)?.[1];
      unrendered.push({
        reason: `${file}: a Jinja ${keyword === undefined ? "comment or statement" : `{% ${keyword} %} statement`} migpolicy does not evaluate`,
        at,
      });
      return null;
    }
    const header = /^\s*\[([^\]]+)\]/.exec(raw);
    if (header !== null) section = header[1] as string;
    if (!raw.includes("{{")) {
      out.push({ text: raw, at, copied: kayobe === null || kayobe.copied(index), related: [] });
      continue;
    }
    const value = variables.traced(() => text(raw, scope));
    if (value.value instanceof Unknown) {
      if (keptUnknown(raw, at)) continue;
      unrendered.push({ reason: `${file}: ${value.value.reason}`, at });
      return null;
    }
    const related = value.origins.flatMap((o) => (o.kind === "repository" ? [o.location] : []));
    out.push({ text: value.value, at, copied: false, related });
  }
  if (stack.length > 0) {
    unrendered.push({ reason: `${file}: {% if %} without {% endif %}`, at: { file, line: lines.length, column: 1 } });
    return null;
  }
  if (unread !== null && firstUnknown !== null) {
    unread.notes.push({
      message: `values migpolicy cannot render, of options no check reads (${unknownOptions.slice(0, 8).join(", ")}${unknownOptions.length > 8 ? ", …" : ""}): written as not known`,
      at: firstUnknown,
    });
  }
  return out;
}
