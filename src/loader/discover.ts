/**
 * Decides what a scanned path is and yields one host source per host. Layout
 * knowledge lives here: where each logical file sits in each layout.
 *   host-root: a tree with etc/nova or etc/libvirt (a host's /, or a copy of it)
 *   etc:       a bare etc folder (nova/ or libvirt/ directly inside)
 *   fleet:     a folder whose subfolders are such trees, one host each
 */
import type { Layout } from "../model/host.js";
import { joinRelative, type Tree } from "./fs.js";

export interface HostSource {
  /** The host's tree, relative to the scanned root ("." for the root itself). */
  root: string;
  layout: Layout;
  /** The host's etc folder, relative to the scanned root. */
  etc: string;
  /** The folder's own name, used when the tree does not name the host. */
  folderName: string;
}

function layoutOf(tree: Tree, dir: string): Layout | null {
  if (tree.isDirectory(joinRelative(dir, "etc/nova")) || tree.isDirectory(joinRelative(dir, "etc/libvirt"))) return "host-root";
  if (tree.isDirectory(joinRelative(dir, "nova")) || tree.isDirectory(joinRelative(dir, "libvirt"))) return "etc";
  return null;
}

function source(dir: string, layout: Layout, folderName: string): HostSource {
  return { root: dir, layout, etc: layout === "host-root" ? joinRelative(dir, "etc") : dir, folderName };
}

/** The hosts in the scanned tree; `rootName` names a host found at the root itself. */
export function discoverHosts(tree: Tree, rootName: string): HostSource[] {
  const own = layoutOf(tree, ".");
  if (own) return [source(".", own, rootName)];
  const hosts: HostSource[] = [];
  for (const name of tree.list(".").sort()) {
    if (name.startsWith(".")) continue;
    const layout = layoutOf(tree, name);
    if (layout) hosts.push(source(name, layout, name));
  }
  return hosts;
}
