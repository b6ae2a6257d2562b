/**
 * Several scanned paths as one tree: each folder or archive is mounted at its label (its
 * path relative to the folder the paths share), and the folders on the way to the labels
 * exist and list only what leads to a label. Nothing else of the shared folder can be
 * reached, so a link inside one path cannot read a file that no given path holds.
 */
import type { EntryStats } from "../model/files.js";
import type { Backend } from "./fs.js";

export interface Mount {
  /** Where the path appears in the tree: components, none empty, no mount inside another. */
  label: string[];
  backend: Backend;
}

/** A folder on the way to a mount (it exists only to lead there). */
const WAY: EntryStats = { mode: 0o40755, uid: 0, gid: 0, size: 0, isFile: () => false, isDirectory: () => true, isSymbolicLink: () => false };

export class MountBackend implements Backend {
  /** Each mount by its label joined with "/". */
  private readonly mounts = new Map<string, Backend>();
  /** Each folder on the way to a mount ("" the root), with the names it lists. */
  private readonly ways = new Map<string, Set<string>>([["", new Set()]]);

  constructor(mounts: Mount[]) {
    for (const { label, backend } of mounts) {
      this.mounts.set(label.join("/"), backend);
      for (let i = 0; i < label.length; i++) {
        const way = label.slice(0, i).join("/");
        let names = this.ways.get(way);
        if (names === undefined) {
          names = new Set();
          this.ways.set(way, names);
        }
        names.add(label[i] as string);
      }
    }
  }

  /** The mount that holds `parts` and the path inside it, or null for a folder on the way (or nothing). */
  private mounted(parts: string[]): { backend: Backend; inside: string[] } | null {
    let key = "";
    for (let i = 0; i < parts.length; i++) {
      key = i === 0 ? (parts[0] as string) : `${key}/${parts[i]}`;
      const backend = this.mounts.get(key);
      if (backend !== undefined) return { backend, inside: parts.slice(i + 1) };
      if (!this.ways.has(key)) return null;
    }
    return null;
  }

  lstat(parts: string[]): EntryStats | null {
    const at = this.mounted(parts);
    if (at !== null) return at.backend.lstat(at.inside);
    return this.ways.has(parts.join("/")) ? WAY : null;
  }
  readlink(parts: string[]): string {
    const at = this.mounted(parts);
    if (at === null) throw new Error("not a symbolic link");
    return at.backend.readlink(at.inside);
  }
  readFile(parts: string[], checked: EntryStats): Uint8Array {
    const at = this.mounted(parts);
    if (at === null) throw new Error("not a regular file");
    return at.backend.readFile(at.inside, checked);
  }
  readdir(parts: string[]): string[] {
    const at = this.mounted(parts);
    if (at !== null) return at.backend.readdir(at.inside);
    return [...(this.ways.get(parts.join("/")) ?? [])];
  }
  releaseCache(): void {
    for (const backend of this.mounts.values()) backend.releaseCache?.();
  }
}
