/**
 * A host's files as the document stage reads them (model/files.ts), served from the
 * sandboxed tree. Every file that cannot be used becomes a diagnostic here, once.
 */
import { diagnostic, type Diagnostic } from "../model/diagnostic.js";
import type { EntryStats, HostFiles, ReadResult } from "../model/files.js";
import { byCodePoint } from "../model/result.js";
import { decodeUtf8, lineColumnOfByte } from "./formats/text.js";
import type { Tree } from "./fs.js";
import { joinRelative } from "./paths.js";

export class TreeFiles implements HostFiles {
  readonly diagnostics: Diagnostic[] = [];
  /**
   * Each file read as text or raw (its bytes and stats), by path, until the host is done: a
   * read of the same file is answered from it (the PKI folders' candidates include a Kolla
   * config folder's files, all read already), and ignore comments are looked for only in the
   * files findings are in (searching every file for one cost 0.2 ms a full host).
   */
  readonly contents = new Map<string, Extract<ReadResult, { kind: "file" }>>();
  private readonly dangling = new Set<string>();
  constructor(private readonly tree: Tree) {}

  text(path: string): string | null {
    const bytes = this.bytes(path);
    if (bytes === null) return null;
    const decoded = decodeUtf8(bytes);
    return decoded.ok ? decoded.text : this.notUtf8(path, bytes, decoded.offset);
  }

  raw(path: string): Uint8Array | null {
    return this.readable(path);
  }

  read(path: string, maxBytes: number): ReadResult {
    const read = this.contents.get(path);
    return read !== undefined && read.stats.size <= maxBytes ? read : this.tree.read(path, maxBytes);
  }

  confDir(dir: string): string[] {
    return this.tree
      .list(dir)
      .filter((name) => name.endsWith(".conf") && !name.startsWith("."))
      .sort(byCodePoint)
      .map((name) => joinRelative(dir, name));
  }

  list(dir: string): string[] {
    return this.tree.list(dir);
  }
  truncated(dir: string): boolean {
    return this.tree.truncated.has(dir);
  }
  lists(dir: string, name: string): boolean {
    return this.tree.lists(dir, name);
  }
  isDirectory(path: string): boolean {
    return this.tree.isDirectory(path);
  }
  exists(path: string): boolean {
    return this.tree.exists(path);
  }
  stat(path: string): EntryStats | null {
    return this.tree.stat(path);
  }
  linkTarget(path: string): string | null {
    return this.tree.linkTarget(path);
  }

  private notUtf8(path: string, bytes: Uint8Array, offset: number): null {
    const { line, column } = lineColumnOfByte(bytes, offset);
    this.diagnostics.push(diagnostic("file-not-text", { reason: "the file is not valid UTF-8" }, { file: path, line, column }));
    return null;
  }

  private bytes(path: string): Uint8Array | null {
    const bytes = this.readable(path);
    // Buffer's indexOf (memchr), not Uint8Array's includes, which looks at a byte at a time.
    if (bytes !== null && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(0) >= 0) {
      this.diagnostics.push(
        diagnostic("file-not-text", { reason: "the file holds NUL bytes, so it is not a configuration file" }, { file: path, line: 1, column: 1 }),
      );
      return null;
    }
    return bytes;
  }

  /** A file's bytes, or null (with a diagnostic unless it is missing). */
  private readable(path: string): Uint8Array | null {
    const result = this.tree.read(path);
    if (result.kind === "missing") {
      // A link whose target is not there: the service reads nothing, and says so when it needs the file.
      const target = this.tree.linkTarget(path);
      if (target !== null && !this.dangling.has(path)) {
        this.dangling.add(path);
        this.diagnostics.push(diagnostic("dangling-link", { target }, { file: path, line: 1, column: 1 }));
      }
      return null;
    }
    const at = { file: path, line: 1, column: 1 };
    if (result.kind === "refused") {
      const detail = { detail: result.detail };
      const refusal: Record<typeof result.reason, Diagnostic> = {
        "too-large": diagnostic("file-too-large", detail, at),
        "escapes-root": diagnostic("path-escapes-root", detail, at),
        "link-loop": diagnostic("link-loop", detail, at),
        "not-a-file": diagnostic("not-a-regular-file", detail, at),
        unreadable: diagnostic("file-unreadable", detail, at),
      };
      this.diagnostics.push(refusal[result.reason]);
      return null;
    }
    this.contents.set(path, result);
    return result.bytes;
  }
}
