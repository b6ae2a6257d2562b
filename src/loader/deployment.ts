/**
 * Deployment repositories: a folder holding a Kolla-Ansible configuration (globals.yml, with
 * its globals.d, passwords.yml, config/ and an inventory) is not a host but describes many.
 * Each compute host of its inventories (the `compute` group and its children: kolla-ansible's
 * nova_cell_compute_group) becomes a host source that the document stage renders as
 * kolla-ansible would.
 */
import { hostsOf, type Inventory, mergeInventories, parseInventory } from "./formats/ansible-inventory.js";
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
  /** The host's inventory_hostname. */
  host: string;
  /** A kolla-ansible release (a version, or the OpenStack release) given for the scan, beating the repository's. */
  release?: string;
}

/** Where a Kolla configuration's globals.yml is kept in the repositories operators commit. */
const CONFIG_DIRS = [".", "etc/kolla", "kolla", "etc"];
/** Names an inventory file has in Kolla repositories (kolla-ansible ships multinode and all-in-one). */
const INVENTORY_NAMES = /^(multinode|all-in-one|inventory|hosts|.*\.ini|.*\.ya?ml)$/;
const INVENTORY_DIRS = ["inventory", "inventories", "ansible/inventory"];
const MAX_INVENTORY_BYTES = 4 << 20;
const COMPUTE_GROUP = "compute";

/** A Kayobe configuration (etc/kayobe, or the folder itself): its kolla.yml beside an inventory or kolla folder. */
export function kayobeConfigDir(tree: Tree, dir: string): string | null {
  for (const candidate of ["etc/kayobe", "."]) {
    const folder = joinRelative(dir, candidate);
    const kolla = tree.stat(joinRelative(folder, "kolla.yml"));
    if (kolla?.isFile() && (tree.isDirectory(joinRelative(folder, "inventory")) || tree.isDirectory(joinRelative(folder, "kolla")))) return folder;
  }
  return null;
}

/** Every inventory file of a folder (Ansible reads a folder as one inventory), its vars folders aside. */
export function readInventoryFolder(tree: Tree, folder: string): Inventory {
  const parts: Inventory[] = [];
  for (const name of [...tree.list(folder)].sort()) {
    const path = joinRelative(folder, name);
    if (name.startsWith(".") || name.endsWith("~") || tree.isDirectory(path)) continue;
    const read = tree.read(path, MAX_INVENTORY_BYTES);
    if (read.kind === "file") parts.push(parseInventory(Buffer.from(read.bytes).toString("utf8"), path));
  }
  return mergeInventories(parts);
}

/** The compute hosts of a Kayobe configuration: its inventory folder's compute group (Kayobe maps it to Kolla's compute group). */
export function kayobeHosts(tree: Tree, kayobeDir: string): string[] {
  return hostsOf(readInventoryFolder(tree, joinRelative(kayobeDir, "inventory")), COMPUTE_GROUP);
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

/** Candidate inventory files: beside globals.yml, at the repository's top, and in its inventory folders. */
function inventoryCandidates(tree: Tree, dir: string, configDir: string): string[] {
  const out = new Set<string>();
  const scanFolder = (folder: string, depth: number) => {
    for (const name of [...tree.list(folder)].sort()) {
      if (name.startsWith(".") || name === "group_vars" || name === "host_vars") continue;
      const path = joinRelative(folder, name);
      if (tree.isDirectory(path)) {
        if (depth > 0) scanFolder(path, depth - 1);
      } else if (INVENTORY_NAMES.test(name) && name !== "globals.yml" && name !== "passwords.yml") out.add(path);
    }
  };
  for (const folder of new Set([configDir, dir])) {
    for (const name of [...tree.list(folder)].sort()) {
      const path = joinRelative(folder, name);
      if (/^(multinode|all-in-one|inventory|hosts|.*\.ini)$/.test(name) && !tree.isDirectory(path)) out.add(path);
    }
  }
  for (const base of new Set([dir, configDir]))
    for (const folder of INVENTORY_DIRS) if (tree.isDirectory(joinRelative(base, folder))) scanFolder(joinRelative(base, folder), 2);
  return [...out];
}

/** The compute hosts of the Kolla configuration at `configDir`, from each inventory that has a compute group. */
export function kollaHosts(tree: Tree, dir: string, configDir: string): { inventory: string | null; host: string }[] {
  const hosts: { inventory: string | null; host: string }[] = [];
  for (const path of inventoryCandidates(tree, dir, configDir)) {
    const read = tree.read(path, MAX_INVENTORY_BYTES);
    if (read.kind !== "file") continue;
    const text = Buffer.from(read.bytes).toString("utf8");
    const inventory = parseInventory(text, path);
    if (!inventory.groups.has(COMPUTE_GROUP)) continue;
    for (const host of hostsOf(inventory, COMPUTE_GROUP)) hosts.push({ inventory: path, host });
  }
  return hosts;
}
