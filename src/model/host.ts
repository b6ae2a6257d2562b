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
  /** For a key nova does not read here: the option it most likely meant. */
  near?: { section: string; option: string };
  /** For a default: the commented-out sample line of the option, where a setting belongs. */
  anchor?: Location;
}

export interface NovaSection {
  present: boolean;
  anchor: Location;
  options: Record<string, NovaOption>;
}

/** Mode and owner of a file, named through the tree's passwd and group (null when modes are not meaningful). */
export interface FileFacts {
  path: string;
  host_path: string;
  mode: number | null;
  owner: string | null;
  group: string | null;
}

export interface NovaConfig {
  files: string[];
  /** Mode and owner of each of those files. */
  file_modes?: FileFacts[];
  error?: FileError;
  sections: Record<string, NovaSection>;
}

export type VirConfValue = string | number | (string | number)[] | null;

export interface VirConfOption {
  value: VirConfValue;
  source: Source;
  location?: Location;
  /** For a default: the commented-out sample line of the option, where a setting belongs. */
  anchor?: Location;
  secret?: boolean;
  invalid?: string;
  shadowed?: Location[];
}

export interface VirConfConfig {
  file: string | null;
  present: boolean;
  /** Set when the layout does not collect this file: its settings are unknown, not defaults. */
  not_collected?: string;
  error?: FileError;
  anchor?: Location;
  options: Record<string, VirConfOption>;
}

export interface DaemonArgs {
  words: string[];
  /** file: an environment file; default: the unit's own; container: the layout's start script; process: a running process (sosreport's ps). */
  source: Source | "container" | "process";
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

/** What a certificate says; times in seconds since the epoch, hashes in lower-case hex. */
export interface CertificateFacts {
  subject: string;
  issuer: string;
  san_dns: string[];
  san_ip: string[];
  not_before: number;
  not_after: number;
  is_ca: boolean;
  self_issued: boolean;
  key_type: string;
  key_bits: number | null;
  curve: string | null;
  signature_algorithm: string;
  key_usage: string[] | null;
  key_usage_critical: boolean;
  basic_constraints_critical: boolean;
  ext_key_usage: string[];
  ext_key_usage_critical: boolean;
  serial: string;
  fingerprint_sha256: string;
  public_key_sha256: string;
}

/** What a private key is, never what it holds. */
export interface PrivateKeyFacts {
  type: string;
  bits: number | null;
  curve: string | null;
  encrypted: boolean;
  public_key_sha256: string | null;
}

export interface PkiDir {
  /** The folder on the host. */
  host_path: string;
  /** The folder in the tree, or null when the layout does not hold it. */
  path: string | null;
  exists: boolean;
}

export interface PkiFile {
  path: string;
  host_path: string;
  kind: "certificate" | "private-key" | "crl" | "other" | "unreadable";
  /** Permission bits (mode & 0o7777); null when the tree's modes are not the host's. */
  mode: number | null;
  uid: number | null;
  gid: number | null;
  /** Names from the tree's own etc/passwd and etc/group. */
  owner: string | null;
  group: string | null;
  certificates?: CertificateFacts[];
  key?: PrivateKeyFacts;
  /** For a key: the certificate files whose public key it matches. */
  matches?: string[];
  /** PEM blocks that could not be read, by label. */
  broken?: string[];
}

export interface PkiSection {
  /** Set when the layout does not collect the certificate folders (a sosreport). */
  not_collected?: string;
  modes: "tree" | "not-meaningful";
  dirs: PkiDir[];
  qemu: {
    default_dir: PkiDir;
    /** Where QEMU reads migration certificates: explicit, /etc/pki/libvirt-migrate when it exists, else the default folder. */
    migrate_dir: PkiDir & { source: "explicit" | "libvirt-migrate" | "default" };
  };
  files: PkiFile[];
  /** Other credentials near the migration configuration (SASL passwords, keytabs, SSH keys), with their modes. */
  credentials: FileFacts[];
}

export interface PackageVersion {
  package: string;
  /** As the package list writes it, epoch and revision included. */
  version: string;
  /** The upstream version as [major, minor, patch], for comparison in Rego. */
  numbers: number[];
  location: Location;
}

export interface Versions {
  source: "dpkg-status" | "rpm-list" | "dpkg-list" | "none";
  /** Why the versions are unknown, when they are. */
  reason?: string;
  nova: PackageVersion | null;
  libvirt: PackageVersion | null;
  qemu: PackageVersion | null;
}

/** Whether new TCP connections to a port range are accepted, and from where. */
export interface Exposure {
  from: number;
  to: number;
  /** open-to-all: from any address; restricted: only from `sources`; closed; unknown: not analysed. */
  status: "open-to-all" | "restricted" | "closed" | "unknown";
  sources: string[];
  /** The zone entries or rules that open it. */
  locations: Location[];
  reason?: string;
}

export interface FirewallState {
  /** The firewall that decides: firewalld, iptables (saved rules), none enabled, or unknown. */
  service: "firewalld" | "iptables" | "nftables" | "none" | "unknown";
  location?: Location;
  reason?: string;
  ports: Exposure[];
}

/** The libvirt daemons' SASL mechanisms (/etc/sasl2/libvirt.conf). */
export interface SaslState {
  file: string | null;
  /** Lower-cased; null when the file or its mech_list is absent (Cyrus then offers every plugin installed). */
  mechanisms: string[] | null;
  location?: Location;
}

export interface HostDocument {
  schema_version: typeof HOST_SCHEMA_VERSION;
  host: { name: string; root: string; layout: Layout; name_source: "tree" | "folder" };
  nova: NovaConfig;
  libvirtd: VirConfConfig;
  virtproxyd: VirConfConfig;
  qemu: VirConfConfig;
  sasl: SaslState;
  daemon: {
    libvirtd_args: DaemonArgs;
    virtproxyd_args: DaemonArgs;
    /** Whether the layout shows systemd units at all (containers do not). */
    systemd: boolean;
    units: Record<string, UnitState>;
  };
  pki: PkiSection;
  versions: Versions;
  firewall: FirewallState;
  /** The scan's time, seconds since the epoch: Wasm has no clock, so checks of validity read it here. */
  scan_time: number;
}
