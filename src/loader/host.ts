/**
 * Loads one host: reads its files through the sandboxed tree, parses each with
 * the parser of its format, and builds the host document.
 */
import { diagnostic, type Diagnostic } from "../model/diagnostic.js";
import { HOST_SCHEMA_VERSION, type DaemonArgs, type HostDocument } from "../model/host.js";
import { joinRelative, type Tree } from "./fs.js";
import type { HostSource } from "./discover.js";
import { parseEnvFile, splitWords } from "./formats/env-file.js";
import { parseOsloIni, type OsloFile } from "./formats/oslo-ini.js";
import { decodeUtf8, lineColumnOfByte } from "./formats/text.js";
import { parseVirConf } from "./formats/virconf.js";
import { buildNovaConfig } from "./nova-config.js";
import { LIBVIRTD_OPTIONS, QEMU_OPTIONS } from "./options/libvirt.js";
import { buildVirConfConfig } from "./virconf-config.js";

/** The LIBVIRTD_ARGS the distributions' libvirtd.service sets before reading its EnvironmentFile. */
const DEFAULT_LIBVIRTD_ARGS = ["--timeout", "120"];

export interface LoadedHost {
  document: HostDocument;
  diagnostics: Diagnostic[];
}

class HostReader {
  readonly diagnostics: Diagnostic[] = [];
  constructor(private readonly tree: Tree) {}

  /** The decoded text of a file, or null when it is missing or cannot be used (with a diagnostic). */
  text(path: string): string | null {
    const result = this.tree.read(path);
    if (result.kind === "missing") return null;
    const at = { file: path, line: 1, column: 1 };
    if (result.kind === "refused") {
      const code = result.reason === "too-large" ? "file-too-large" : result.reason === "escapes-root" || result.reason === "link-loop" ? "path-escapes-root" : "file-unreadable";
      this.diagnostics.push(diagnostic(code, "error", `not read: ${result.detail}`, at));
      return null;
    }
    if (result.bytes.includes(0)) {
      this.diagnostics.push(diagnostic("file-not-text", "error", "not read: the file holds NUL bytes, so it is not a configuration file", at));
      return null;
    }
    const decoded = decodeUtf8(result.bytes);
    if (!decoded.ok) {
      const { line, column } = lineColumnOfByte(result.bytes, decoded.offset);
      this.diagnostics.push(diagnostic("file-not-text", "error", "not read: the file is not valid UTF-8", { file: path, line, column }));
      return null;
    }
    return decoded.text;
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

/**
 * nova-compute's files in oslo.config's parse order: nova.conf and nova-compute.conf
 * (the distributions' units pass both as --config-file), then the default config
 * directories nova.conf.d and nova-compute.conf.d, each sorted.
 */
function novaFiles(reader: HostReader, etc: string): OsloFile[] {
  const nova = joinRelative(etc, "nova");
  const paths = [
    joinRelative(nova, "nova.conf"),
    joinRelative(nova, "nova-compute.conf"),
    ...reader.confDir(joinRelative(nova, "nova.conf.d")),
    ...reader.confDir(joinRelative(nova, "nova-compute.conf.d")),
  ];
  const files: OsloFile[] = [];
  for (const path of paths) {
    const text = reader.text(path);
    if (text !== null) files.push(parseOsloIni(text, path));
  }
  return files;
}

function libvirtdArgs(reader: HostReader, etc: string): DaemonArgs {
  for (const path of [joinRelative(etc, "sysconfig/libvirtd"), joinRelative(etc, "default/libvirtd")]) {
    const text = reader.text(path);
    if (text === null) continue;
    const assignment = parseEnvFile(text, path).assignments.filter((a) => a.key === "LIBVIRTD_ARGS").at(-1);
    if (assignment) return { words: splitWords(assignment.value), source: "file", location: assignment.location };
    return { words: DEFAULT_LIBVIRTD_ARGS, source: "default" };
  }
  return { words: DEFAULT_LIBVIRTD_ARGS, source: "default" };
}

export function loadHost(tree: Tree, source: HostSource): LoadedHost {
  const reader = new HostReader(tree);
  const etc = source.etc;

  const nova = buildNovaConfig(novaFiles(reader, etc), joinRelative(etc, "nova/nova.conf"));
  const virconf = (path: string) => {
    const text = reader.text(path);
    return text === null ? null : parseVirConf(text, path);
  };
  const libvirtd = buildVirConfConfig(virconf(joinRelative(etc, "libvirt/libvirtd.conf")), LIBVIRTD_OPTIONS, "libvirtd");
  const qemu = buildVirConfConfig(virconf(joinRelative(etc, "libvirt/qemu.conf")), QEMU_OPTIONS, "the QEMU driver");

  const hostname = reader.text(joinRelative(etc, "hostname"))?.split(/\r?\n/)[0]?.trim();
  const document: HostDocument = {
    schema_version: HOST_SCHEMA_VERSION,
    host: { name: hostname || source.folderName, root: source.root, layout: source.layout },
    nova: nova.config,
    libvirtd: libvirtd.config,
    qemu: qemu.config,
    daemon: { libvirtd_args: libvirtdArgs(reader, etc) },
  };
  return { document, diagnostics: [...reader.diagnostics, ...nova.diagnostics, ...libvirtd.diagnostics, ...qemu.diagnostics] };
}
