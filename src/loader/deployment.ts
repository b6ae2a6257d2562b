/**
 * Deployment repositories: a folder holding a Kolla-Ansible configuration (globals.yml, with
 * its globals.d, passwords.yml, config/ and an inventory) is not a host but describes many.
 * Each compute host of its inventories (the `compute` group and its children: kolla-ansible's
 * nova_cell_compute_group) becomes a host source that the document stage renders as
 * kolla-ansible would.
 */
import { hostsOf, type Inventory, mergeInventories, parseInventory } from "./formats/ansible-inventory.js";
import { parseAnsibleYaml } from "./formats/ansible-yaml.js";
import type { Tree } from "./fs.js";
import { joinRelative } from "./paths.js";

/** One compute host of a Kolla configuration (paths relative to the scanned root). */
export interface DeploymentHost {
  /** kolla-ansible run by the operator, or by Kayobe (which generates kolla-ansible's globals.yml from its own variables). */
  tool: "kolla-ansible" | "kayobe";
  /** The folder found to be the repository (the scanned path, or a folder of it: one environment of several). */
  repository: string;
  /** The folder holding the operator's globals.yml and config/ (kolla-ansible's /etc/kolla; Kayobe's etc/kayobe/kolla). */
  configDir: string;
  /** The inventory the host comes from (a file; for Kayobe its inventory folder); null when the repository has none. */
  inventory: string | null;
  /** Kayobe's configuration folder (etc/kayobe), whose *.yml files are its variables. */
  kayobeDir?: string;
  /** Kayobe: the environment evaluated (etc/kayobe/environments/<name>), after the ones it depends on; each layered over the base. */
  environments?: string[];
  /** Kayobe: environments among those whose order Kayobe does not fix (no dependency between them), each group by name. */
  environmentsUnordered?: string[][];
  /** The host's inventory_hostname. */
  host: string;
  /** A kolla-ansible release (a version, or the OpenStack release) given for the scan, beating the repository's. */
  release?: string;
}

/** Where a Kolla configuration's globals.yml is kept in the repositories operators commit. */
const CONFIG_DIRS = [".", "etc/kolla", "kolla", "etc"];
const INVENTORY_DIRS = ["inventory", "inventories", "ansible/inventory"];
const MAX_INVENTORY_BYTES = 4 << 20;
const COMPUTE_GROUP = "compute";

/** Files only a Kayobe configuration folder has beside its kolla.yml. */
const KAYOBE_FILES = ["compute.yml", "overcloud.yml", "networks.yml", "globals.yml", "inventory/groups"];

/**
 * A Kayobe configuration: etc/kayobe with its kolla.yml beside inventory/ or kolla/; the folder
 * itself only when its kolla.yml is a map of variables beside another of Kayobe's files (a
 * Kolla repository may have a kolla.yml playbook at its top).
 */
export function kayobeConfigDir(tree: Tree, dir: string): string | null {
  const holds = (folder: string) =>
    tree.stat(joinRelative(folder, "kolla.yml"))?.isFile() === true &&
    (tree.isDirectory(joinRelative(folder, "inventory")) || tree.isDirectory(joinRelative(folder, "kolla")));
  if (holds(joinRelative(dir, "etc/kayobe"))) return joinRelative(dir, "etc/kayobe");
  if (!holds(dir) || kollaConfigDir(tree, dir) !== null || !KAYOBE_FILES.some((name) => tree.exists(joinRelative(dir, name)))) return null;
  const read = tree.read(joinRelative(dir, "kolla.yml"), MAX_INVENTORY_BYTES);
  const text = read.kind === "file" ? Buffer.from(read.bytes).toString("utf8") : "";
  // A playbook is a list; Kayobe's kolla.yml is a map of variables (or only comments).
  return /^\s*-\s/m.test(text.replace(/^\s*(#.*)?$/gm, "").replace(/^---\s*$/m, "")) ? null : dir;
}

/** What Ansible skips in an inventory folder (INVENTORY_IGNORE_EXTS: REJECT_EXTS, .orig, .cfg, .retry). */
export const IGNORED = /(~|\.(pyc|pyo|swp|bak|rpm|md|txt|rst|orig|cfg|retry))$/;

/** Every inventory file of a folder (Ansible reads a folder as one inventory), its vars folders aside. */
export function readInventoryFolder(tree: Tree, folder: string): Inventory {
  const parts: Inventory[] = [];
  for (const name of [...tree.list(folder)].sort()) {
    const path = joinRelative(folder, name);
    if (name.startsWith(".") || IGNORED.test(name) || tree.isDirectory(path)) continue;
    const read = tree.read(path, MAX_INVENTORY_BYTES);
    if (read.kind === "file") parts.push(parseInventory(Buffer.from(read.bytes).toString("utf8"), path));
  }
  return mergeInventories(parts);
}

/**
 * The compute hosts of a Kayobe configuration: the compute group of its inventory folder and of
 * each environment's layered over it (Kayobe passes them all; it maps the group to Kolla's).
 */
export function kayobeHosts(tree: Tree, kayobeDir: string, environments: readonly string[] = []): string[] {
  const folders = [kayobeDir, ...environments].map((dir) => joinRelative(dir, "inventory")).filter((dir) => tree.isDirectory(dir));
  return hostsOf(mergeInventories(folders.map((folder) => readInventoryFolder(tree, folder))), COMPUTE_GROUP);
}

const MAX_ENVIRONMENTS = 64;

/**
 * Kayobe's environments (etc/kayobe/environments/<name>), each with the environments it depends
 * on before it, as kayobe/utils.py's EnvironmentFinder orders them: graphlib's static_order over
 * the `dependencies` of each .kayobe-environment, batch by batch (those depending on nothing
 * left first), the environment itself last. Within a batch Kayobe's order is a Python set's,
 * not fixed: taken here by name, and `unordered` names such batches.
 */
export function kayobeEnvironments(tree: Tree, kayobeDir: string): { name: string; chain: string[]; unordered: string[][] }[] {
  const base = joinRelative(kayobeDir, "environments");
  const names = tree
    .list(base)
    .filter((name) => !name.startsWith(".") && tree.isDirectory(joinRelative(base, name)))
    .sort()
    .slice(0, MAX_ENVIRONMENTS);
  const dependencies = new Map<string, string[]>();
  const dependenciesOf = (name: string): string[] => {
    const known = dependencies.get(name);
    if (known !== undefined) return known;
    const read = tree.read(joinRelative(base, name, ".kayobe-environment"), MAX_INVENTORY_BYTES);
    let found: string[] = [];
    if (read.kind === "file") {
      const parsed = parseAnsibleYaml(Buffer.from(read.bytes).toString("utf8"), joinRelative(base, name, ".kayobe-environment"));
      const list = parsed.kind === "document" && parsed.root?.kind === "map" ? parsed.root.entries.get("dependencies")?.value : undefined;
      if (list?.kind === "seq") {
        found = list.items.flatMap((item) => (item.kind === "scalar" && typeof item.value === "string" && names.includes(item.value) ? [item.value] : []));
      }
    }
    dependencies.set(name, found);
    return found;
  };
  return names.map((name) => {
    // The environments this one needs, itself included.
    const needed = new Set<string>();
    const pending = [name];
    while (pending.length > 0) {
      const current = pending.pop() as string;
      if (needed.has(current)) continue;
      needed.add(current);
      pending.push(...dependenciesOf(current));
    }
    const chain: string[] = [];
    const unordered: string[][] = [];
    const done = new Set<string>();
    while (done.size < needed.size) {
      let batch = [...needed].filter((env) => !done.has(env) && dependenciesOf(env).every((dependency) => done.has(dependency))).sort();
      // A cycle (Kayobe refuses it): what is left, by name.
      if (batch.length === 0) batch = [...needed].filter((env) => !done.has(env)).sort();
      if (batch.length > 1) unordered.push(batch);
      for (const env of batch) done.add(env);
      chain.push(...batch);
    }
    return { name, chain: chain.map((entry) => joinRelative(base, entry)), unordered };
  });
}

/** The Kolla configuration folder at `dir` (or in its usual places below it), or null. */
export function kollaConfigDir(tree: Tree, dir: string): string | null {
  for (const candidate of CONFIG_DIRS) {
    const folder = joinRelative(dir, candidate);
    const globals = tree.stat(joinRelative(folder, "globals.yml"));
    if (globals?.isFile()) return folder;
  }
  return null;
}

/**
 * Candidate inventories: files beside globals.yml and at the repository's top (multinode,
 * all-in-one, hosts, *.ini), and inventory folders (inventory/, inventories/<name>/,
 * ansible/inventory/), each read whole as Ansible reads a folder.
 */
function inventoryCandidates(tree: Tree, dir: string, configDir: string): { path: string; folder: boolean }[] {
  const out = new Map<string, boolean>();
  for (const folder of new Set([configDir, dir])) {
    for (const name of [...tree.list(folder)].sort()) {
      const path = joinRelative(folder, name);
      if (/^(multinode|all-in-one|inventory|hosts|.*\.ini)$/.test(name) && !tree.isDirectory(path)) out.set(path, false);
    }
  }
  const holdsFiles = (folder: string) =>
    tree.list(folder).some((name) => !name.startsWith(".") && !IGNORED.test(name) && !tree.isDirectory(joinRelative(folder, name)));
  for (const base of new Set([dir, configDir])) {
    for (const name of INVENTORY_DIRS) {
      const folder = joinRelative(base, name);
      if (!tree.isDirectory(folder)) continue;
      if (holdsFiles(folder)) out.set(folder, true);
      for (const sub of [...tree.list(folder)].sort()) {
        const path = joinRelative(folder, sub);
        if (sub !== "group_vars" && sub !== "host_vars" && !sub.startsWith(".") && tree.isDirectory(path) && holdsFiles(path)) out.set(path, true);
      }
    }
  }
  return [...out].map(([path, folder]) => ({ path, folder }));
}

/**
 * The compute hosts of the Kolla configuration at `configDir`, from each inventory that has a
 * compute group; `unreadable`, an inventory that cannot be read (vault-encrypted, broken), when
 * none names a compute host: its hosts are not known.
 */
export function kollaHosts(tree: Tree, dir: string, configDir: string): { hosts: { inventory: string; host: string }[]; unreadable: string | null } {
  const hosts: { inventory: string; host: string }[] = [];
  let unreadable: string | null = null;
  for (const { path, folder } of inventoryCandidates(tree, dir, configDir)) {
    let inventory: Inventory;
    if (folder) inventory = readInventoryFolder(tree, path);
    else {
      const read = tree.read(path, MAX_INVENTORY_BYTES);
      if (read.kind !== "file") continue;
      inventory = parseInventory(Buffer.from(read.bytes).toString("utf8"), path);
    }
    if (!inventory.groups.has(COMPUTE_GROUP)) {
      if (inventory.problems.length > 0 && /(multinode|all-in-one|inventory|hosts)/.test(path)) unreadable ??= path;
      continue;
    }
    for (const host of hostsOf(inventory, COMPUTE_GROUP)) hosts.push({ inventory: path, host });
  }
  return { hosts, unreadable };
}
