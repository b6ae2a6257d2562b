/**
 * Builds one host's document: reads its files (through the narrow HostFiles interface) at
 * the places its layout keeps them, parses each with the parser of its format, and applies
 * the real readers' precedence rules.
 */
import { diagnostic, type Diagnostic } from "../model/diagnostic.js";
import type { HostFiles } from "../model/files.js";
import {
  HOST_SCHEMA_VERSION,
  type DaemonArgs,
  type HostDocument,
  type NovaConfig,
  type ObservedListener,
  type SaslState,
  type UnitState,
  type VirConfConfig,
} from "../model/host.js";
import { type HostSource, hostPath, type LayoutPaths } from "../loader/discover.js";
import { parseListeners } from "../loader/formats/listeners.js";
import { joinRelative } from "../loader/paths.js";
import { parseEnvFile, splitWords } from "../loader/formats/env-file.js";
import { parseHostname } from "../loader/formats/hostname.js";
import { parseOsloBytes, type OsloFile } from "../loader/formats/oslo-ini.js";
import { processArgs } from "../loader/formats/ps.js";
import { parseSaslConf } from "../loader/formats/sasl.js";
import { decodeLenient, firstInvalidUtf8Offset, lineColumnOfByte } from "../loader/formats/text.js";
import { parseVirConfShared } from "../loader/formats/virconf.js";
import { buildNovaConfig, NOVA_SAMPLE_NAMES } from "./nova-config.js";
import { type EnvOverride, novaStart } from "./nova-service.js";
import { NOVA_OPTIONS } from "./options/nova.js";
import { LIBVIRT_PORTS, LIBVIRTD_OPTIONS, QEMU_OPTIONS, VIRTPROXYD_OPTIONS } from "./options/libvirt.js";
import { loadFirewall, type PortRange } from "./firewall.js";
import { Owners } from "./owners.js";
import { loadPki } from "./pki.js";
import { unitStates } from "./systemd.js";
import { loadVersions } from "./versions.js";
import { buildVirConfConfig } from "./virconf-config.js";

/** The *_ARGS the distributions' units set before reading their EnvironmentFile. */
const DEFAULT_ARGS = ["--timeout", "120"];

export interface BuiltHost {
  document: HostDocument;
  /** The builders' own diagnostics; those of reading are the HostFiles implementation's. */
  diagnostics: Diagnostic[];
}

/** nova-compute's files, parsed in oslo.config's order. */
function novaFiles(files: HostFiles, order: string[]): OsloFile[] {
  const parsed: OsloFile[] = [];
  for (const path of order) {
    const bytes = files.raw(path);
    if (bytes === null) continue;
    // oslo.config reads NUL like any character, but a byte that is not UTF-8 anywhere raises
    // UnicodeDecodeError while nova-compute starts (measured with python3-oslo.config).
    parsed.push(parseOsloBytes(bytes, path, { sampleNames: NOVA_SAMPLE_NAMES }) ?? notUtf8(path, bytes, firstInvalidUtf8Offset(bytes)));
  }
  return parsed;
}

/**
 * The options whose value depends on how nova-compute is started, when the tree does not
 * show it: with --config-file (Debian) the drop-in folders come before the named files,
 * without (RDO) after. Both orders are built from the same parsed files.
 */
function orderDependent(parsed: OsloFile[], named: string[], env: readonly EnvOverride[], asDefaults: Omit<NovaConfig, "service">): string[] {
  const isNamed = (file: OsloFile) => named.includes(file.file);
  if (!parsed.some(isNamed) || parsed.every(isNamed)) return [];
  const commandLine = buildNovaConfig([...parsed.filter((f) => !isNamed(f)), ...parsed.filter(isNamed)], named[0] ?? "nova.conf", env).config;
  const out: string[] = [];
  for (const [section, options] of Object.entries(NOVA_OPTIONS)) {
    for (const key of Object.keys(options)) {
      if (!decidesMigration(section, key)) continue;
      const a = asDefaults.sections[section]?.options[key];
      const b = commandLine.sections[section]?.options[key];
      if (a?.value !== b?.value || a?.invalid !== b?.invalid) out.push(`[${section}] ${key}`);
    }
  }
  return out;
}

/** The options the verdict reads: [libvirt]'s, and those nova reads at start-up or migration. */
function decidesMigration(section: string, key: string): boolean {
  const spec = NOVA_OPTIONS[section]?.[key];
  return section === "libvirt" || spec?.read !== undefined || key === "compute_driver";
}

/** A nova file oslo.config cannot decode: nothing of it is read, and nova-compute does not start. */
function notUtf8(path: string, bytes: Uint8Array, offset: number): OsloFile {
  const { line, column } = lineColumnOfByte(bytes, offset);
  const message = `'utf-8' codec can't decode byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, "0")} (the file is not UTF-8)`;
  return { file: path, assignments: [], headers: [], commented: [], line_count: 0, error: { message, location: { file: path, line, column } } };
}

/** The arguments of a running daemon in `ps auxwww` output, after its program's path. */
function runningArgs(files: HostFiles, path: string | null, program: string): DaemonArgs | null {
  const text = path === null ? null : files.text(path);
  if (text === null || path === null) return null;
  const found = processArgs(text, program);
  return found === null ? null : { words: found.words, source: "process", location: { file: path, line: found.line, column: 1 } };
}

/**
 * The daemon's arguments from the first environment file its unit reads: `variables` in the
 * order the distributions' units expand them (Debian and RHEL `LIBVIRTD_ARGS`; Ubuntu's
 * `libvirtd_opts`, in /etc/default/libvirtd and, up to 16.04, /etc/default/libvirt-bin).
 */
function daemonArgs(files: HostFiles, envFiles: string[], variables: string[], container: string[] | null): DaemonArgs {
  if (container !== null) return { words: container, source: "container" };
  for (const path of envFiles) {
    const text = files.text(path);
    if (text === null) continue;
    const assignments = parseEnvFile(text, path).assignments;
    const assignment = variables.map((variable) => assignments.filter((a) => a.key === variable).at(-1)).find((a) => a !== undefined);
    if (assignment) return { words: splitWords(assignment.value), source: "file", location: assignment.location };
    break;
  }
  return { words: DEFAULT_ARGS, source: "default" };
}

/**
 * The port ranges whose exposure matters: the libvirt daemons' TCP and TLS ports (as
 * configured and as socket units listen), and QEMU's migration port range.
 */
const MAX_PORTS = 64;

/** The libvirt daemons' TCP and TLS ports: the defaults and what their files set. */
function daemonPorts(daemons: VirConfConfig[]): Set<number> {
  const ports = new Set<number>([LIBVIRT_PORTS.tcp, LIBVIRT_PORTS.tls]);
  for (const daemon of daemons) {
    for (const option of ["tcp_port", "tls_port"]) {
      const value = Number(daemon.options[option]?.value);
      if (Number.isInteger(value) && value > 0) ports.add(value);
    }
  }
  return ports;
}

function portsOfInterest(daemons: VirConfConfig[], qemu: VirConfConfig, units: Record<string, UnitState>): PortRange[] {
  const ports = daemonPorts(daemons);
  for (const unit of Object.values(units)) {
    for (const stream of unit.listen ?? []) {
      const port = Number(stream.split(":").at(-1));
      if (Number.isInteger(port) && port > 0) ports.add(port);
    }
  }
  const min = Number(qemu.options.migration_port_min?.value);
  const max = Number(qemu.options.migration_port_max?.value);
  const sorted = [...ports].sort((a, b) => a - b);
  // Each port is checked against every firewall rule: past MAX_PORTS (a real host has a
  // handful), the rest are checked as one range, which a rule opening any of them opens.
  const single = sorted.length > MAX_PORTS ? sorted.slice(0, MAX_PORTS - 1) : sorted;
  const ranges: PortRange[] = single.map((port) => ({ from: port, to: port }));
  if (sorted.length > MAX_PORTS) ranges.push({ from: sorted[MAX_PORTS - 1] as number, to: sorted.at(-1) as number });
  if (Number.isInteger(min) && Number.isInteger(max) && min <= max) ranges.push({ from: min, to: max });
  return ranges;
}

/** The listening sockets a sosreport's netstat and ss outputs show on the libvirt daemons' ports; null when it holds neither. */
function observedListeners(files: HostFiles, paths: LayoutPaths, daemons: VirConfConfig[]): ObservedListener[] | null {
  const lists = paths.listenerLists;
  if (lists === null) return null;
  const ports = daemonPorts(daemons);
  const out: ObservedListener[] = [];
  const seen = new Set<string>();
  // No list read: nothing is known of the sockets (not "none listens").
  let read = false;
  for (const name of files.list(lists.dir).sort()) {
    if (!lists.prefixes.some((prefix) => name.startsWith(prefix))) continue;
    const path = joinRelative(lists.dir, name);
    const text = files.text(path);
    if (text === null) continue;
    read = true;
    for (const socket of parseListeners(text)) {
      const key = `${socket.address}\u0000${socket.port}`;
      if (!ports.has(socket.port) || seen.has(key)) continue;
      seen.add(key);
      out.push({ address: socket.address, port: socket.port, program: socket.program, location: { file: path, line: socket.line, column: 1 } });
    }
  }
  return read ? out : null;
}

function sasl(files: HostFiles, path: string | null): SaslState {
  const text = path === null ? null : files.text(path);
  if (text === null) return { file: null, mechanisms: null };
  const parsed = parseSaslConf(text);
  const state: SaslState = { file: path, mechanisms: parsed.mechanisms };
  if (parsed.line !== null) state.location = { file: path as string, line: parsed.line, column: 1 };
  return state;
}

const observed = (listeners: ObservedListener[] | null) => (listeners === null ? {} : { observed_listeners: listeners });

export interface BuildOptions {
  /** Seconds since the epoch; the document carries it for validity checks. */
  scanTime: number;
  /** false when the tree's file modes and owners are not the host's. */
  modesMeaningful: boolean;
  /** Why they are not, when they are not (the document says it where checks are not evaluated). */
  modesReason?: string;
}

export function buildHostDocument(files: HostFiles, source: HostSource, options: BuildOptions): BuiltHost {
  const { paths } = source;

  const owners = new Owners(files, paths, options.modesMeaningful);
  const versions = loadVersions(files, paths);
  const start = novaStart(files, paths, versions);
  const parsedNova = novaFiles(files, start.order);
  // nova.conf where it is read, else the last file read (devstack's nova-cpu.conf): where a missing option goes.
  const primary = parsedNova.find((f) => f.file === paths.nova.files[0])?.file ?? parsedNova.at(-1)?.file ?? paths.nova.files[0] ?? "nova.conf";
  const nova = buildNovaConfig(parsedNova, primary, start.env);
  if (start.service.style === "unknown") {
    const ambiguous = orderDependent(parsedNova, paths.nova.files, start.env, nova.config);
    if (ambiguous.length > 0) start.service.order_dependent = ambiguous;
  }
  if (paths.notCollected.nova) nova.config.partial = paths.notCollected.nova;
  nova.config.file_modes = nova.config.files.flatMap((file) => owners.facts(file, hostPath(paths, file) ?? file) ?? []);
  // libvirt's parser reads bytes: one that is not UTF-8, or a NUL, in a comment changes nothing.
  const notes: Diagnostic[] = [];
  const virconf = (path: string | null) => {
    const bytes = path === null ? null : files.raw(path);
    if (bytes === null || path === null) return null;
    const { text, firstInvalid } = decodeLenient(bytes);
    if (firstInvalid !== null) notes.push(diagnostic("virconf-not-utf8", {}, { file: path, ...lineColumnOfByte(bytes, firstInvalid) }));
    const nul = bytes.indexOf(0);
    if (nul >= 0) notes.push(diagnostic("virconf-nul", {}, { file: path, ...lineColumnOfByte(bytes, nul) }));
    return parseVirConfShared(text, path);
  };
  const libvirtd = buildVirConfConfig(virconf(paths.libvirtd), LIBVIRTD_OPTIONS, "libvirtd", paths.libvirtd);
  const virtproxyd = buildVirConfConfig(virconf(paths.virtproxyd), VIRTPROXYD_OPTIONS, "virtproxyd", paths.virtproxyd);
  if (!virtproxyd.config.present && paths.notCollected.virtproxyd) virtproxyd.config.not_collected = paths.notCollected.virtproxyd;
  if (!libvirtd.config.present && paths.notCollected.libvirtd) libvirtd.config.not_collected = paths.notCollected.libvirtd;
  const qemu = buildVirConfConfig(virconf(paths.qemu), QEMU_OPTIONS, "the QEMU driver", paths.qemu);

  const units = unitStates(files, paths);
  let name: string | null = null;
  for (const file of paths.hostnameFiles) {
    const text = files.text(file);
    name = text === null ? null : parseHostname(text);
    if (name !== null) break;
  }
  const libvirtdArgs =
    runningArgs(files, paths.processList, "libvirtd") ?? daemonArgs(files, paths.envFiles.libvirtd, ["LIBVIRTD_ARGS", "libvirtd_opts"], paths.containerArgs);
  const listeners = observed(observedListeners(files, paths, [libvirtd.config, virtproxyd.config]));
  // Arguments neither a file nor the running process shows, and no listener seen: how the daemon starts is unknown.
  const argsUnknown = libvirtdArgs.source === "default" && !("observed_listeners" in listeners) ? paths.notCollected.envFiles : undefined;
  const document: HostDocument = {
    schema_version: HOST_SCHEMA_VERSION,
    host: { name: name ?? source.folderName, root: source.root, layout: source.layout, name_source: name ? "tree" : "folder" },
    nova: { ...nova.config, service: start.service },
    libvirtd: libvirtd.config,
    virtproxyd: virtproxyd.config,
    qemu: qemu.config,
    sasl: sasl(files, paths.sasl),
    daemon: {
      libvirtd_args: libvirtdArgs,
      virtproxyd_args: daemonArgs(files, paths.envFiles.virtproxyd, ["VIRTPROXYD_ARGS"], null),
      systemd: paths.systemd !== null,
      units,
      ...listeners,
      ...(argsUnknown === undefined ? {} : { not_collected: argsUnknown }),
    },
    pki: loadPki(files, paths, { qemu: qemu.config, libvirtd: libvirtd.config, virtproxyd: virtproxyd.config }, owners, options.modesReason, notes),
    versions,
    firewall: loadFirewall(files, paths, units, portsOfInterest([libvirtd.config, virtproxyd.config], qemu.config, units)),
    scan_time: options.scanTime,
  };
  return {
    document,
    diagnostics: [...notes, ...nova.diagnostics, ...libvirtd.diagnostics, ...virtproxyd.diagnostics, ...qemu.diagnostics],
  };
}
