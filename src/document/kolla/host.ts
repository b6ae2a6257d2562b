/**
 * A compute host of a Kolla-Ansible repository: its /etc/kolla rendered (render.ts), built
 * into a host document by the same builders as any Kolla host, then every place in the
 * document moved from the rendered files to the repository lines that decided them. So the
 * rules, the verdict and every output see an ordinary host whose findings point into the
 * repository.
 */
import type { DeploymentHost } from "../../loader/deployment.js";
import type { HostSource } from "../../loader/discover.js";
import { joinRelative } from "../../loader/paths.js";
import { diagnostic, type Diagnostic } from "../../model/diagnostic.js";
import type { EntryStats, HostFiles, ReadResult } from "../../model/files.js";
import type { HostDocument } from "../../model/host.js";
import type { Location } from "../../model/location.js";
import { type BuildOptions, buildHostDocument } from "../host.js";
import { novaMajorOf } from "./releases.js";
import type { RenderedLine } from "./lines.js";
import { type RenderedFile, renderKollaHost } from "./render.js";

/** kolla-ansible's modes on the host: rendered files 0660, the TLS files 0600, folders 0770, owned by root (config.yml, config-libvirt-tls.yml). */
const FILE_MODE = 0o100660;
const KEY_MODE = 0o100600;
const DIR_MODE = 0o40770;

function stats(mode: number, size: number): EntryStats {
  const isDirectory = (mode & 0o170000) === 0o040000;
  return { mode, uid: 0, gid: 0, size, isFile: () => !isDirectory, isDirectory: () => isDirectory, isSymbolicLink: () => false };
}

/** The rendered /etc/kolla of one host, served as HostFiles: nothing else exists in it. */
class RenderedFiles implements HostFiles {
  private readonly files = new Map<string, { bytes: Uint8Array; stats: EntryStats }>();
  private readonly folders = new Map<string, Set<string>>();

  constructor(root: string, rendered: RenderedFile[]) {
    for (const file of rendered) {
      const bytes = file.copy?.bytes ?? Buffer.from((file.lines ?? []).map((line) => `${line.text}\n`).join(""), "utf8");
      const path = joinRelative(root, file.path);
      this.files.set(path, { bytes, stats: stats(file.copy === undefined ? FILE_MODE : KEY_MODE, bytes.length) });
      const parts = path.split("/");
      for (let i = 1; i < parts.length; i++) {
        const folder = parts.slice(0, i).join("/");
        let names = this.folders.get(folder);
        if (names === undefined) {
          names = new Set();
          this.folders.set(folder, names);
        }
        names.add(parts[i] as string);
      }
    }
  }
  text(path: string): string | null {
    const file = this.files.get(path);
    return file === undefined ? null : Buffer.from(file.bytes).toString("utf8");
  }
  raw(path: string): Uint8Array | null {
    return this.files.get(path)?.bytes ?? null;
  }
  read(path: string, maxBytes: number): ReadResult {
    const file = this.files.get(path);
    if (file === undefined) return { kind: "missing", path };
    if (file.bytes.length > maxBytes) return { kind: "refused", path, reason: "too-large", detail: `${path} is larger than ${maxBytes} bytes` };
    return { kind: "file", path, bytes: file.bytes, stats: file.stats };
  }
  confDir(): string[] {
    return [];
  }
  list(dir: string): string[] {
    return [...(this.folders.get(dir) ?? [])].sort();
  }
  truncated(): boolean {
    return false;
  }
  lists(dir: string, name: string): boolean {
    return this.folders.get(dir)?.has(name) ?? false;
  }
  isDirectory(path: string): boolean {
    return this.folders.has(path);
  }
  exists(path: string): boolean {
    return this.files.has(path) || this.folders.has(path);
  }
  stat(path: string): EntryStats | null {
    if (this.folders.has(path)) return stats(DIR_MODE, 0);
    return this.files.get(path)?.stats ?? null;
  }
  linkTarget(): string | null {
    return null;
  }
}

/** Moves places in rendered files to the repository: a copied line keeps its columns, a rendered one takes its deciding line. */
class Relocation {
  private readonly byPath = new Map<string, RenderedFile>();
  /** The other repository lines behind each place a rendered line moved to. */
  private readonly behind = new Map<string, Location[]>();
  /** The repository lines copied as they are into a rendered file (file and line): an edit of them is an edit of the repository. */
  private readonly copiedLines = new Set<string>();
  /** The rendered folders that stand for a repository folder (where the TLS files come from). */
  private readonly folders = new Map<string, string>();
  constructor(
    root: string,
    rendered: RenderedFile[],
    private readonly anchor: Location,
  ) {
    for (const file of rendered) {
      this.byPath.set(joinRelative(root, file.path), file);
      const folder = joinRelative(root, file.path.slice(0, file.path.lastIndexOf("/")));
      if (file.copy !== undefined && !this.folders.has(folder)) this.folders.set(folder, file.copy.from.slice(0, file.copy.from.lastIndexOf("/")));
    }
  }
  isRendered(path: string): boolean {
    return this.byPath.has(path);
  }
  path(path: string): string {
    const file = this.byPath.get(path);
    if (file !== undefined) return file.copy?.from ?? file.reportedAt;
    // A folder of the rendering: the repository folder its files come from; one only the rendering has
    // (the container's /etc/pki/qemu, which does not exist) keeps its rendered path, so the checks see it missing.
    return this.folders.get(path) ?? path;
  }
  location(location: Location): Location {
    const file = this.byPath.get(location.file);
    if (file === undefined) return location;
    if (file.copy !== undefined) return { ...location, file: file.copy.from };
    const line: RenderedLine | undefined = file.lines?.[location.line - 1];
    if (line === undefined) {
      // Past the rendered lines (where a missing option would go): the file the operator edits.
      return file.reportedAt === this.anchor.file ? this.anchor : { file: file.reportedAt, line: 1, column: 1 };
    }
    if (!line.copied) {
      if (line.related.length > 0) this.behind.set(placeKey(line.at), line.related);
      return line.at;
    }
    this.copiedLines.add(`${line.at.file}\u0000${line.at.line}`);
    const moved: Location = { file: line.at.file, line: line.at.line, column: location.column };
    if (location.end_column !== undefined && (location.end_line ?? location.line) === location.line) {
      moved.end_line = line.at.line;
      moved.end_column = location.end_column;
    }
    return moved;
  }
  /** Whether a place of the relocated document is a repository line copied as it is. */
  copied(location: Location): boolean {
    return this.copiedLines.has(`${location.file}\u0000${location.line}`);
  }
  /** The other repository lines behind a place in the relocated document. */
  related(location: Location): Location[] {
    return this.behind.get(placeKey(location)) ?? [];
  }
}

const placeKey = (location: Location) => `${location.file}\u0000${location.line}\u0000${location.column}`;

const isLocation = (value: Record<string, unknown>): value is Record<string, unknown> & Location =>
  typeof value.file === "string" && typeof value.line === "number" && typeof value.column === "number";

/** Every place and path of the document, moved in place (the document is plain JSON data). */
function relocateDocument(value: unknown, relocation: Relocation, depth = 0): void {
  if (depth > 64 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === "string" && relocation.isRendered(item)) value[i] = relocation.path(item);
      else relocateDocument(item, relocation, depth + 1);
    }
    return;
  }
  const record = value as Record<string, unknown>;
  if (isLocation(record)) {
    const moved = relocation.location(record);
    delete record.end_line;
    delete record.end_column;
    Object.assign(record, moved);
    return;
  }
  for (const [key, item] of Object.entries(record)) {
    if ((key === "file" || key === "path") && typeof item === "string") record[key] = relocation.path(item);
    else relocateDocument(item, relocation, depth + 1);
  }
}

export interface KollaBuilt {
  /** null when the host cannot be rendered: the diagnostics say why. */
  document: HostDocument | null;
  diagnostics: Diagnostic[];
  /** The other repository lines behind a place of the document (a variable the deciding line refers to). */
  relatedOf: (location: Location) => Location[];
  /** Whether an edit at a place of the document edits the repository line itself (not a line rendered from others). */
  editable: (location: Location) => boolean;
}

export function buildKollaHost(files: HostFiles, source: HostSource & { deployment: DeploymentHost }, options: BuildOptions): KollaBuilt {
  const render = renderKollaHost(files, source.deployment);
  const diagnostics: Diagnostic[] = render.notes.map((note) => diagnostic("kolla-note", { message: note.message }, note.at));
  for (const problem of render.unrendered)
    diagnostics.push(diagnostic("kolla-not-rendered", { host: source.deployment.host, reason: problem.reason }, problem.at));
  const root = source.paths.mounts[0]?.tree ?? source.root;
  const relocation = new Relocation(root, render.files, render.anchor);
  if (render.unrendered.length > 0) return { document: null, diagnostics, relatedOf: () => [], editable: () => false };
  const rendered = new RenderedFiles(root, render.files);
  // kolla-ansible copies no QEMU certificate: without a volume from the host, the nova_libvirt container has no /etc/pki/qemu.
  const qemuPki = render.qemuPkiFromHost ? [] : [{ host: "/etc/pki/qemu", tree: joinRelative(root, "container/etc/pki/qemu") }];
  const paths = { ...source.paths, mounts: [...source.paths.mounts, ...qemuPki] };
  // The modes are kolla-ansible's, as it writes them on the host, whatever the checkout keeps.
  const built = buildHostDocument(rendered, { ...source, paths }, { scanTime: options.scanTime, modesMeaningful: true });
  relocateDocument(built.document, relocation);
  built.document.host.root = source.root;
  built.document.deployment = {
    tool: source.deployment.tool,
    release: render.release.value,
    release_source: render.release.how,
    keys_in_clear: render.keysInClear,
  };
  // The whole set is withheld when one file of it is vaulted (render.ts), whatever other files the folders hold.
  if (render.pkiNotShown !== null) built.document.pki.not_collected = render.pkiNotShown.reason;
  const major = novaMajorOf(render.release.value);
  if (major !== null) {
    // kolla-ansible's images of a release carry that release's nova; the distribution's libvirt and QEMU are not named.
    built.document.versions = {
      source: "deployment-release",
      reason: `nova from the kolla-ansible release (${render.release.value}, ${render.release.how}); libvirt and QEMU come from the images' distribution, which the repository does not pin`,
      nova: { package: "nova", version: `${major} (OpenStack ${render.release.value})`, numbers: [major, 0, 0], location: render.release.at ?? render.anchor },
      libvirt: null,
      qemu: null,
    };
  }
  for (const d of built.diagnostics) d.location = relocation.location(d.location);
  diagnostics.push(...built.diagnostics);
  return { document: built.document, diagnostics, relatedOf: (location) => relocation.related(location), editable: (location) => relocation.copied(location) };
}
