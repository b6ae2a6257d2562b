/**
 * The host document: the input of the host checks, described by
 * schemas/host.json. Keys are snake_case because Rego reads them.
 */
import type { Location } from "./location.js";

export const HOST_SCHEMA_VERSION = 1;

export type Source = "file" | "default";
export type Layout = "host-root" | "etc" | "sosreport" | "kolla" | "tripleo";

export interface FileError {
  message: string;
  location: Location;
}

export interface NovaOption {
  value: string | boolean | number | null;
  source: Source;
  location?: Location;
  secret?: boolean;
  invalid?: string;
  shadowed?: Location[];
}

export interface NovaSection {
  present: boolean;
  anchor: Location;
  options: Record<string, NovaOption>;
}

export interface NovaConfig {
  files: string[];
  error?: FileError;
  sections: Record<string, NovaSection>;
}

export type VirConfValue = string | number | (string | number)[] | null;

export interface VirConfOption {
  value: VirConfValue;
  source: Source;
  location?: Location;
  secret?: boolean;
  invalid?: string;
  shadowed?: Location[];
}

export interface VirConfConfig {
  file: string | null;
  present: boolean;
  error?: FileError;
  anchor?: Location;
  options: Record<string, VirConfOption>;
}

export interface DaemonArgs {
  words: string[];
  /** file: an environment file; default: the unit's own; container: the layout's start script. */
  source: Source | "container";
  location?: Location;
}

export interface UnitState {
  /** systemctl's words: enabled, disabled, masked, static, indirect…; absent: no unit file; unknown: not visible. */
  state: string;
  source: "tree" | "unit-file-list";
  location?: Location;
  /** A socket unit's ListenStream= values after drop-ins. */
  listen?: string[];
  listen_location?: Location;
}

export interface HostDocument {
  schema_version: typeof HOST_SCHEMA_VERSION;
  host: { name: string; root: string; layout: Layout; name_source: "tree" | "folder" };
  nova: NovaConfig;
  libvirtd: VirConfConfig;
  virtproxyd: VirConfConfig;
  qemu: VirConfConfig;
  daemon: {
    libvirtd_args: DaemonArgs;
    virtproxyd_args: DaemonArgs;
    /** Whether the layout shows systemd units at all (containers do not). */
    systemd: boolean;
    units: Record<string, UnitState>;
  };
}
