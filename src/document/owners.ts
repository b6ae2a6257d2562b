/**
 * Modes and owners of files, with user and group names from the tree's own
 * /etc/passwd and /etc/group (the host's names, not the scanning machine's).
 */
import type { HostFiles } from "../model/files.js";
import type { FileFacts } from "../model/host.js";
import type { LayoutPaths } from "../loader/discover.js";
import { parseIdNames } from "../loader/formats/passwd.js";

export class Owners {
  private readonly users: Map<number, string>;
  private readonly groups: Map<number, string>;

  constructor(
    private readonly files: HostFiles,
    paths: LayoutPaths,
    /** false when the tree's modes and owners are not the host's (a git checkout). */
    readonly meaningful: boolean,
  ) {
    const users = paths.passwd === null ? null : files.text(paths.passwd);
    const groups = paths.group === null ? null : files.text(paths.group);
    this.users = users === null ? new Map() : parseIdNames(users);
    this.groups = groups === null ? new Map() : parseIdNames(groups);
  }

  /** Mode and owner of a file, or null when it is not a regular file in the tree. Never reads its content. */
  facts(path: string, hostPath: string): FileFacts | null {
    const stats = this.files.stat(path);
    if (stats === null || !stats.isFile()) return null;
    if (!this.meaningful) return { path, host_path: hostPath, mode: null, owner: null, group: null };
    return {
      path,
      host_path: hostPath,
      mode: stats.mode & 0o7777,
      owner: this.users.get(stats.uid) ?? null,
      group: this.groups.get(stats.gid) ?? null,
    };
  }
}
