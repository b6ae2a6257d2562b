/**
 * Loads one host: reads its files through the sandboxed tree at the places its
 * layout keeps them, parses each with the parser of its format, and builds the
 * host document.
 */
import { diagnostic, type Diagnostic } from "../model/diagnostic.js";
import { HOST_SCHEMA_VERSION, type DaemonArgs, type HostDocument, type SaslState, type UnitState, type VirConfConfig } from "../model/host.js";
import { joinRelative, type Tree } from "./fs.js";
import type { HostSource } from "./discover.js";
import { parseEnvFile, splitWords } from "./formats/env-file.js";
import { parseOsloLines, type OsloFile } from "./formats/oslo-ini.js";
import { parseSaslConf } from "./formats/sasl.js";
import { decodeUtf8, decodeUtf8Lines, lineColumnOfByte } from "./formats/text.js";
import { parseVirConf } from "./formats/virconf.js";
import { buildNovaConfig } from "./nova-config.js";
import { LIBVIRTD_OPTIONS, QEMU_OPTIONS, VIRTPROXYD_OPTIONS } from "./options/libvirt.js";
import { loadFirewall, type PortRange } from "./firewall.js";
import { Owners } from "./owners.js";
import { loadPki } from "./pki.js";
import { unitStates } from "./systemd.js";
import { loadVersions } from "./versions.js";
import { buildVirConfConfig } from "./virconf-config.js";

/** The *_ARGS the distributions' units set before reading their EnvironmentFile. */
const DEFAULT_ARGS = ["--timeout", "120"];

export interface LoadedHost {
  document: HostDocument;
  diagnostics: Diagnostic[];
}

export class HostReader {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly tree: Tree) {}

  /** The decoded text of a file, or null when it is missing or cannot be used (with a diagnostic). */
  text(path: string): string | null {
    const bytes = this.bytes(path);
    if (bytes === null) return null;
    const decoded = decodeUtf8(bytes);
    return decoded.ok ? decoded.text : this.notUtf8(path, bytes, decoded.offset);
  }

  /** A file's lines (universal newlines), without building its whole text: for large files. */
  lines(path: string): string[] | null {
    const bytes = this.bytes(path);
    if (bytes === null) return null;
    const decoded = decodeUtf8Lines(bytes);
    return decoded.ok ? decoded.lines : this.notUtf8(path, bytes, decoded.offset);
  }

  private notUtf8(path: string, bytes: Uint8Array, offset: number): null {
    const { line, column } = lineColumnOfByte(bytes, offset);
    this.diagnostics.push(diagnostic("file-not-text", "error", "not read: the file is not valid UTF-8", { file: path, line, column }));
    return null;
  }

  private bytes(path: string): Uint8Array | null {
    const result = this.tree.read(path);
    if (result.kind === "missing") return null;
    const at = { file: path, line: 1, column: 1 };
    if (result.kind === "refused") {
      const code =
        result.reason === "too-large" ? "file-too-large" : result.reason === "escapes-root" || result.reason === "link-loop" ? "path-escapes-root" : "file-unreadable";
      this.diagnostics.push(diagnostic(code, "error", `not read: ${result.detail}`, at));
      return null;
    }
    if (result.bytes.includes(0)) {
      this.diagnostics.push(diagnostic("file-not-text", "error", "not read: the file holds NUL bytes, so it is not a configuration file", at));
      return null;
    }
    return result.bytes;
  }

  /** `*.conf` files of a directory in Python's sorted() order (code points), dot-files excluded. */
  confDir(dir: string): string[] {
    return this.tree
      .list(dir)
      .filter((name) => name.endsWith(".conf") && !name.startsWith("."))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((name) => joinRelative(dir, name));
  }
}

/** nova-compute's files in oslo.config's parse order: the config files, then each config dir sorted. */
function novaFiles(reader: HostReader, source: HostSource): OsloFile[] {
  const { files, dirs } = source.paths.nova;
  const parsed: OsloFile[] = [];
  for (const path of [...files, ...dirs.flatMap((dir) => reader.confDir(dir))]) {
    const lines = reader.lines(path);
    if (lines !== null) parsed.push(parseOsloLines(lines, path));
  }
  return parsed;
}

/** The arguments of a running daemon in `ps auxwww` output, after its program's path. */
function processArgs(reader: HostReader, path: string | null, program: string): DaemonArgs | null {
  const text = path === null ? null : reader.text(path);
  if (text === null) return null;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const words = (lines[index] as string).trim().split(/\s+/);
    const at = words.findIndex((word) => word === program || word.endsWith(`/${program}`));
    if (at >= 0 && at >= 10) return { words: words.slice(at + 1), source: "process", location: { file: path as string, line: index + 1, column: 1 } };
  }
  return null;
}

function daemonArgs(reader: HostReader, envFiles: string[], variable: string, container: string[] | null): DaemonArgs {
  if (container !== null) return { words: container, source: "container" };
  for (const path of envFiles) {
    const text = reader.text(path);
    if (text === null) continue;
    const assignment = parseEnvFile(text, path).assignments.filter((a) => a.key === variable).at(-1);
    if (assignment) return { words: splitWords(assignment.value), source: "file", location: assignment.location };
    break;
  }
  return { words: DEFAULT_ARGS, source: "default" };
}

/**
 * The port ranges whose exposure matters: the libvirt daemons' TCP and TLS ports (as
 * configured and as socket units listen), and QEMU's migration port range.
 */
function portsOfInterest(daemons: VirConfConfig[], qemu: VirConfConfig, units: Record<string, UnitState>): PortRange[] {
  const ports = new Set<number>([16509, 16514]);
  for (const daemon of daemons) {
    for (const option of ["tcp_port", "tls_port"]) {
      const value = Number(daemon.options[option]?.value);
      if (Number.isInteger(value) && value > 0) ports.add(value);
    }
  }
  for (const unit of Object.values(units)) {
    for (const stream of unit.listen ?? []) {
      const port = Number(stream.split(":").at(-1));
      if (Number.isInteger(port) && port > 0) ports.add(port);
    }
  }
  const min = Number(qemu.options.migration_port_min?.value);
  const max = Number(qemu.options.migration_port_max?.value);
  const ranges: PortRange[] = [...ports].sort((a, b) => a - b).map((port) => ({ from: port, to: port }));
  if (Number.isInteger(min) && Number.isInteger(max) && min <= max) ranges.push({ from: min, to: max });
  return ranges;
}

function sasl(reader: HostReader, path: string | null): SaslState {
  const text = path === null ? null : reader.text(path);
  if (text === null) return { file: null, mechanisms: null };
  const parsed = parseSaslConf(text);
  const state: SaslState = { file: path, mechanisms: parsed.mechanisms };
  if (parsed.line !== null) state.location = { file: path as string, line: parsed.line, column: 1 };
  return state;
}

export interface LoadOptions {
  /** Seconds since the epoch; the document carries it for validity checks. */
  scanTime: number;
  /** false when the tree's file modes and owners are not the host's. */
  modesMeaningful: boolean;
}

export function loadHost(tree: Tree, source: HostSource, options: LoadOptions = { scanTime: Math.floor(Date.now() / 1000), modesMeaningful: true }): LoadedHost {
  const reader = new HostReader(tree);
  const { paths } = source;

  const owners = new Owners(reader, paths, options.modesMeaningful);
  const nova = buildNovaConfig(novaFiles(reader, source), paths.nova.files[0] ?? "nova.conf");
  nova.config.file_modes = nova.config.files.flatMap((file) => owners.facts(tree, file, file) ?? []);
  const virconf = (path: string | null) => {
    const text = path === null ? null : reader.text(path);
    return text === null || path === null ? null : parseVirConf(text, path);
  };
  const libvirtd = buildVirConfConfig(virconf(paths.libvirtd), LIBVIRTD_OPTIONS, "libvirtd", paths.libvirtd);
  const virtproxyd = buildVirConfConfig(virconf(paths.virtproxyd), VIRTPROXYD_OPTIONS, "virtproxyd", paths.virtproxyd);
  if (!virtproxyd.config.present && paths.notCollected.virtproxyd) virtproxyd.config.not_collected = paths.notCollected.virtproxyd;
  const qemu = buildVirConfConfig(virconf(paths.qemu), QEMU_OPTIONS, "the QEMU driver", paths.qemu);

  const units = unitStates(tree, paths, reader);
  let name: string | undefined;
  for (const file of paths.hostnameFiles) {
    name = reader.text(file)?.split(/\r?\n/)[0]?.trim();
    if (name) break;
  }
  const document: HostDocument = {
    schema_version: HOST_SCHEMA_VERSION,
    host: { name: name || source.folderName, root: source.root, layout: source.layout, name_source: name ? "tree" : "folder" },
    nova: nova.config,
    libvirtd: libvirtd.config,
    virtproxyd: virtproxyd.config,
    qemu: qemu.config,
    sasl: sasl(reader, paths.sasl),
    daemon: {
      libvirtd_args: processArgs(reader, paths.processList, "libvirtd") ?? daemonArgs(reader, paths.envFiles.libvirtd, "LIBVIRTD_ARGS", paths.containerArgs),
      virtproxyd_args: daemonArgs(reader, paths.envFiles.virtproxyd, "VIRTPROXYD_ARGS", null),
      systemd: paths.systemd !== null,
      units,
    },
    pki: loadPki(tree, paths, { qemu: qemu.config, libvirtd: libvirtd.config, virtproxyd: virtproxyd.config }, owners),
    versions: loadVersions(reader, paths),
    firewall: loadFirewall(reader, paths, units, portsOfInterest([libvirtd.config, virtproxyd.config], qemu.config, units)),
    scan_time: options.scanTime,
  };
  return {
    document,
    diagnostics: [...reader.diagnostics, ...nova.diagnostics, ...libvirtd.diagnostics, ...virtproxyd.diagnostics, ...qemu.diagnostics],
  };
}
