/**
 * How nova-compute is started, which decides the order oslo.config reads its files in and the
 * environment it sees. With `--config-file` on the command line (Debian's and Ubuntu's init
 * script) oslo.config parses the default folders (nova.conf.d, nova-compute.conf.d) first and
 * the named files last, and a named file that does not exist stops nova-compute; without
 * (RDO, Kolla, TripleO) it reads the default files that exist, then the folders. Environment
 * variables OS_<GROUP>__<OPTION> beat every file. Measured with nova 26's own code
 * (test/nova-oracle.test.ts); oslo_config/cfg.py `_parse_config_files`.
 */
import { posix } from "node:path";
import type { HostFiles } from "../model/files.js";
import type { NovaService, Versions } from "../model/host.js";
import type { Location } from "../model/location.js";
import { type LayoutPaths, treePath } from "../loader/discover.js";
import { parseEnvFile } from "../loader/formats/env-file.js";
import { processArgs } from "../loader/formats/ps.js";
import { type UnitAssignment, unitWords } from "../loader/formats/systemd-unit.js";
import { unitDefinition } from "./systemd.js";

/** The units distributions and devstack run nova-compute from. */
const UNITS = ["nova-compute.service", "openstack-nova-compute.service", "devstack@n-cpu.service"];
const DEBIAN_INIT_SCRIPT = "/etc/init.d/nova-compute";

export interface EnvOverride {
  name: string;
  value: string;
  location: Location;
}

export interface NovaStart {
  service: NovaService;
  /** The files oslo.config parses, in its order (tree paths). */
  order: string[];
  env: EnvOverride[];
}

type Argument = { kind: "file" | "dir"; path: string };

/** The --config-file and --config-dir arguments, in command-line order. */
function configArguments(words: string[]): Argument[] {
  const out: Argument[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    for (const [flag, kind] of [
      ["--config-file", "file"],
      ["--config-dir", "dir"],
    ] as const) {
      if (word === flag && i + 1 < words.length) out.push({ kind, path: words[++i] as string });
      else if (word.startsWith(`${flag}=`)) out.push({ kind, path: word.slice(flag.length + 1) });
    }
  }
  return out;
}

function unitEnvironment(files: HostFiles, paths: LayoutPaths, parsed: UnitAssignment[][]): EnvOverride[] {
  const set: EnvOverride[] = [];
  const fromFiles: EnvOverride[] = [];
  for (const a of parsed.flat()) {
    if (a.section !== "Service") continue;
    // An empty assignment resets the list (systemd.exec(5)): a drop-in can clear the unit's.
    if (a.key === "Environment" && a.value.trim() === "") set.length = 0;
    else if (a.key === "EnvironmentFile" && a.value.trim() === "") fromFiles.length = 0;
    else if (a.key === "Environment") {
      for (const word of unitWords(a.value)) {
        const eq = word.indexOf("=");
        if (eq > 0) set.push({ name: word.slice(0, eq), value: word.slice(eq + 1), location: a.location });
      }
    } else if (a.key === "EnvironmentFile") {
      // Settings from these files override Environment= (systemd.exec(5)).
      const host = a.value.trim().replace(/^-/, "");
      const path = treePath(paths, host);
      const text = path === null ? null : files.text(path);
      if (text === null || path === null) continue;
      for (const e of parseEnvFile(text, path).assignments) fromFiles.push({ name: e.key, value: e.value, location: e.location });
    }
  }
  return [...set, ...fromFiles].filter((e) => e.name.startsWith("OS_"));
}

/**
 * The host has no file at `path`: the tree holds no entry there, or a link whose target the
 * tree shows to be absent. A link leaving the tree says nothing (its read is refused and diagnosed).
 */
function absent(files: HostFiles, paths: LayoutPaths, path: string): boolean {
  if (files.exists(path)) return false;
  const target = files.linkTarget(path);
  if (target === null) return true;
  const resolved = target.startsWith("/") ? treePath(paths, target) : posix.normalize(posix.join(posix.dirname(path), target));
  if (resolved === null || resolved.startsWith("../")) return false;
  return !files.exists(resolved) && files.linkTarget(resolved) === null;
}

/** The first of UNITS with a unit file: its last non-empty ExecStart= and its OS_* environment. */
function findUnit(files: HostFiles, paths: LayoutPaths): { exec: UnitAssignment | undefined; env: EnvOverride[] } | null {
  if (paths.systemd === null) return null;
  for (const name of UNITS) {
    const { unitFile, parsed } = unitDefinition(files, paths.systemd, name);
    if (unitFile === undefined) continue;
    const exec = parsed
      .flat()
      .filter((a) => a.section === "Service" && a.key === "ExecStart" && a.value !== "")
      .at(-1);
    return { exec, env: unitEnvironment(files, paths, parsed) };
  }
  return null;
}

export function novaStart(files: HostFiles, paths: LayoutPaths, versions: Versions): NovaStart {
  const computeConf = paths.nova.files[1];
  const defaultDirs = () => paths.nova.dirs.flatMap((dir) => files.confDir(dir));
  // Every path stays in the order: reading a missing one is free, a refused one is diagnosed there.
  const defaults = (service: NovaService, env: EnvOverride[] = []): NovaStart => ({ service, order: [...paths.nova.files, ...defaultDirs()], env });

  /** The order and the missing files for a command line naming `args` (host paths). */
  const commandLine = (service: NovaService, args: Argument[], env: EnvOverride[]): NovaStart => {
    // oslo.config reads the default files unless a --config-file is given, the default folders unless a --config-dir is.
    const order = [...(args.some((a) => a.kind === "file") ? [] : paths.nova.files), ...(args.some((a) => a.kind === "dir") ? [] : defaultDirs())];
    for (const arg of args) {
      const path = treePath(paths, arg.path);
      if (arg.kind === "dir") {
        // A --config-dir that does not exist stops oslo.config (ConfigDirNotFoundError).
        if (path !== null && files.isDirectory(path)) order.push(...files.confDir(path));
        else service.missing.push(arg.path);
      } else {
        if (path !== null) order.push(path);
        if (path === null || absent(files, paths, path)) service.missing.push(arg.path);
      }
    }
    return { service, order, env };
  };

  /** Debian's init script: --config-file=/etc/nova/nova.conf, and nova-compute.conf when it is a file. */
  const debianInit = (service: NovaService, env: EnvOverride[]): NovaStart => {
    const args: Argument[] = [{ kind: "file", path: "/etc/nova/nova.conf" }];
    if (computeConf !== undefined && files.stat(computeConf)?.isFile) args.push({ kind: "file", path: "/etc/nova/nova-compute.conf" });
    return commandLine(service, args, env);
  };

  if (paths.novaStart.container) return defaults({ style: "defaults", source: "container", missing: [] });

  // The first nova-compute unit the tree defines: its ExecStart=, and its environment, which
  // reaches the running process too.
  const unit = findUnit(files, paths);
  const processes = paths.processList === null ? null : files.text(paths.processList);
  const running = processes === null ? null : processArgs(processes, "nova-compute");
  if (running !== null && paths.processList !== null) {
    const location = { file: paths.processList, line: running.line, column: 1 };
    const args = configArguments(running.words);
    const service: NovaService = { style: args.length > 0 ? "command-line" : "defaults", source: "process", location, missing: [] };
    const env = unit?.env ?? [];
    return args.length > 0 ? commandLine(service, args, env) : defaults(service, env);
  }

  if (unit?.exec !== undefined) {
    const { exec, env } = unit;
    const words = unitWords(exec.value);
    const program = (words[0] ?? "").replace(/^[-@:+!]+/, "");
    if (program === DEBIAN_INIT_SCRIPT) return debianInit({ style: "command-line", source: "unit", location: exec.location, missing: [] }, env);
    const args = configArguments(words.slice(1));
    const service: NovaService = { style: args.length > 0 ? "command-line" : "defaults", source: "unit", location: exec.location, missing: [] };
    return args.length > 0 ? commandLine(service, args, env) : defaults(service, env);
  }

  if (paths.novaStart.initScript !== null && files.exists(paths.novaStart.initScript)) {
    return debianInit({ style: "command-line", source: "init-script", location: { file: paths.novaStart.initScript, line: 1, column: 1 }, missing: [] }, []);
  }

  // The distribution's packaging: Debian's and Ubuntu's nova-compute runs the init script, RDO's unit plain nova-compute.
  if (versions.nova !== null) {
    const service: NovaService = { style: "command-line", source: "package-list", location: versions.nova.location, missing: [] };
    if (versions.source === "rpm-list") return defaults({ ...service, style: "defaults" });
    return debianInit(service, []);
  }
  return defaults({ style: "unknown", source: "none", missing: [] });
}
