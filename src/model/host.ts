// Generated from schemas/host.json by tools/build.mjs: edit the schema, then npm run build.
/** The schema_version this module's documents carry. */
export const HOST_SCHEMA_VERSION = 1;

/**
 * host-root: a tree holding etc/; etc: a bare etc folder; sosreport: a sosreport folder; kolla: a Kolla-Ansible host or its /etc/kolla; tripleo: a TripleO host (puppet-generated nova_libvirt config).
 */
export type Layout = ("host-root" | "etc" | "sosreport" | "kolla" | "tripleo")
/**
 * Where the value comes from: a configuration file, the default, or the service's environment (oslo.config's OS_<GROUP>__<OPTION>, which beats every file).
 */
export type Source = ("file" | "default" | "environment")
export type VirConfValue = (string | number | (string | number)[] | null)
export type PackageVersion = ({
package: string
/**
 * As the package list writes it.
 */
version: string
/**
 * The upstream version as [major, minor, patch].
 * 
 * @minItems 3
 * @maxItems 3
 */
numbers: [number, number, number]
location: Location
} | null)

/**
 * The effective migration-relevant configuration of one compute host, as migpolicy builds it from the tree. Every value set in a file carries the location that set it; values not set in any file are the readers' defaults, marked with source "default". Secrets are replaced by a marker.
 */
export interface HostDocument {
schema_version: 1
host: HostIdentity
nova: NovaConfig
libvirtd: VirConfConfig
qemu: VirConfConfig
daemon: DaemonState
virtproxyd: VirConfConfig
/**
 * The scan's time in seconds since the epoch; Wasm has no clock, so validity checks compare against it.
 */
scan_time: number
pki: PkiSection
versions: Versions
firewall: FirewallState
sasl: SaslState
deployment?: DeploymentFacts
}
export interface HostIdentity {
/**
 * The host's name: from the tree itself where it records one, else its folder's name.
 */
name: string
/**
 * The host tree's folder, relative to the scanned root ("." when the scanned root is the host).
 */
root: string
layout: Layout
/**
 * tree: the host names itself (etc/hostname, a sosreport's hostname); folder: the tree's folder name.
 */
name_source: ("tree" | "folder")
}
export interface NovaConfig {
/**
 * Why the tree shows only part of what nova reads (a single file was given): what it does not set may be set elsewhere.
 */
partial?: string
/**
 * nova's configuration files in the order oslo.config parses them; later files win.
 */
files: string[]
error?: FileError
/**
 * Sections by oslo.config's normalised group name (DEFAULT as written, every other name lower-cased).
 */
sections: {
[k: string]: NovaSection | undefined
}
/**
 * Mode and owner of each of nova's configuration files.
 */
file_modes?: FileFacts[]
service: NovaService
}
/**
 * The reader would refuse this file: the service does not start.
 */
export interface FileError {
message: string
location: Location
}
/**
 * A place in a scanned file: file relative to the scanned root with forward slashes; 1-based line and column, columns counting UTF-16 code units of the decoded line (SARIF's default columnKind); the end is exclusive (end_column points one past the last character).
 */
export interface Location {
file: string
line: number
column: number
end_line?: number
end_column?: number
}
export interface NovaSection {
/**
 * Whether any parsed file has this section's header.
 */
present: boolean
anchor: Location
options: {
[k: string]: NovaOption | undefined
}
}
export interface NovaOption {
/**
 * Typed for the options migpolicy knows (booleans as booleans); the raw string otherwise; null for an unset default or a secret.
 */
value: (string | boolean | number | null)
source: Source
location?: Location
/**
 * A secret was set here: the value is null, or, where only a URL's credentials were secret, the value with each URL's user information replaced by <secret>.
 */
secret?: boolean
/**
 * The value does not convert to the option's type; nova refuses to start.
 */
invalid?: string
deprecated?: DeprecatedSetting
/**
 * Earlier settings this one overrides (earlier lines, earlier files).
 */
shadowed?: Location[]
near?: NearMiss
anchor?: Location
}
/**
 * The option set under an older name oslo.config reads (a DeprecatedOpt) where that setting wins by oslo.config's order (the last file holding any of the names; in it, the current name first): nova takes this value where its release still honours the name (before removed_in; always when null).
 */
export interface DeprecatedSetting {
/**
 * [section] option as written.
 */
name: string
value: (string | boolean | number)
location: Location
removed_in: (number[] | null)
}
/**
 * For a key nova does not read in this section: the option it most likely meant (the same name in another section, or a spelling within two edits).
 */
export interface NearMiss {
section: string
option: string
}
/**
 * A file's mode and owner, named through the tree's /etc/passwd and /etc/group; null where the tree's modes are not the host's.
 */
export interface FileFacts {
path: string
host_path: string
mode: (number | null)
owner: (string | null)
group: (string | null)
}
/**
 * How nova-compute is started, which decides the order of its files: with --config-file on the command line (Debian's and Ubuntu's init script) oslo.config reads nova.conf.d and nova-compute.conf.d first and the named files last; without (RDO, Kolla, TripleO) the default files first and the folders last.
 */
export interface NovaService {
/**
 * unknown: the tree does not show how nova-compute starts; its files are read in the default order.
 */
style: ("command-line" | "defaults" | "unknown")
/**
 * What shows it: the nova-compute unit's ExecStart, Debian's init script, the running process (a sosreport's ps), the distribution's package list, or a container layout's image.
 */
source: ("unit" | "init-script" | "process" | "package-list" | "container" | "none")
location?: Location
/**
 * Files named with --config-file that do not exist (host paths): oslo.config raises ConfigFilesNotFoundError and nova-compute does not start.
 */
missing: string[]
/**
 * With style unknown: the options ("[libvirt] live_migration_scheme") whose value differs between the two orders, so the tree cannot decide them.
 */
order_dependent?: string[]
}
export interface VirConfConfig {
/**
 * The file read, or null when the layout has none (defaults apply).
 */
file: (string | null)
present: boolean
error?: FileError
anchor?: Location
options: {
[k: string]: VirConfOption | undefined
}
/**
 * The layout does not collect this file (a sosreport and virtproxyd.conf): its settings are unknown, not defaults.
 */
not_collected?: string
}
export interface VirConfOption {
value: VirConfValue
source: Source
location?: Location
/**
 * The daemon would reject this value's type (e.g. "expected a bool").
 */
invalid?: string
/**
 * Later settings of the same name, which libvirt ignores (the first wins).
 */
shadowed?: Location[]
/**
 * A secret was set here; its value is never kept.
 */
secret?: boolean
anchor?: Location
}
export interface DaemonState {
libvirtd_args: DaemonArgs
virtproxyd_args: DaemonArgs
/**
 * Whether the layout shows systemd units at all (container layouts do not).
 */
systemd: boolean
/**
 * The units that decide who listens, by unit name.
 */
units: {
[k: string]: UnitState | undefined
}
/**
 * Why the tree cannot show how the daemons start (their arguments, their units): what they would decide is unknown, not the defaults.
 */
not_collected?: string
/**
 * TCP sockets a sosreport's netstat or ss output shows listening on the libvirt daemons' ports (as configured and by default), with the program that holds them: systemd under socket activation.
 */
observed_listeners?: ObservedListener[]
}
export interface DaemonArgs {
words: string[]
/**
 * file: an environment file; default: the unit's own default; container: the layout's start script; process: the running daemon's command line (a sosreport's ps).
 */
source: ("file" | "default" | "container" | "process")
location?: Location
}
export interface UnitState {
/**
 * enabled, disabled, masked, static, indirect… as systemctl says; absent: no unit file; unknown: the tree does not show it.
 */
state: string
/**
 * tree: unit files and *.wants links; unit-file-list: a sosreport's systemctl list-unit-files.
 */
source: ("tree" | "unit-file-list")
location?: Location
/**
 * A socket's ListenStream= values after its drop-ins.
 */
listen?: string[]
listen_location?: Location
/**
 * A socket's SocketMode= after its drop-ins (systemd's default is 0666); absent when no unit file sets it.
 */
socket_mode?: string
socket_mode_location?: Location
}
export interface ObservedListener {
address: string
port: number
program: (string | null)
location: Location
}
/**
 * The certificates and keys in the folders QEMU and the libvirt daemons read them from. Key material never appears.
 */
export interface PkiSection {
/**
 * tree: modes and owners are the host's; not-meaningful: the tree does not keep them (a git checkout), so checks of them are not evaluated.
 */
modes: ("tree" | "not-meaningful")
/**
 * Why the modes are not meaningful, when they are not: a git checkout, or the scan was told to ignore them.
 */
modes_reason?: string
dirs: PkiDir[]
qemu: PkiQemuDirs
files: PkiFile[]
/**
 * The layout does not collect the certificate folders (a sosreport): checks of them are not evaluated.
 */
not_collected?: string
/**
 * Other credentials near the migration configuration (SASL password database, keytab, libvirt auth.conf, migration SSH keys); their content is never read.
 */
credentials: FileFacts[]
}
export interface PkiDir {
host_path: string
path: (string | null)
exists: boolean
source?: ("explicit" | "libvirt-migrate" | "default")
}
export interface PkiQemuDirs {
default_dir: PkiDir
/**
 * Where QEMU reads migration certificates: explicit (migrate_tls_x509_cert_dir), libvirt-migrate (/etc/pki/libvirt-migrate exists), or default (default_tls_x509_cert_dir).
 */
migrate_dir: PkiDir
}
export interface PkiFile {
path: string
host_path: string
kind: ("certificate" | "private-key" | "crl" | "other" | "unreadable")
/**
 * Permission bits (mode & 07777), null when modes are not meaningful.
 */
mode: (number | null)
uid: (number | null)
gid: (number | null)
owner: (string | null)
group: (string | null)
certificates?: CertificateFacts[]
key?: PrivateKeyFacts
/**
 * For a key: the certificate files whose public key it matches.
 */
matches?: string[]
/**
 * PEM blocks that could not be read, by label.
 */
broken?: string[]
}
export interface CertificateFacts {
subject: string
issuer: string
san_dns: string[]
san_ip: string[]
not_before: number
not_after: number
is_ca: boolean
self_issued: boolean
key_type: string
key_bits: (number | null)
curve: (string | null)
signature_algorithm: string
key_usage: (string[] | null)
key_usage_critical: boolean
basic_constraints_critical: boolean
ext_key_usage: string[]
ext_key_usage_critical: boolean
serial: string
fingerprint_sha256: string
public_key_sha256: string
/**
 * The public_key_sha256 of each CA certificate found on the host whose subject is this certificate's issuer and whose key verifies its signature: who on this host could have issued it.
 */
signed_by?: string[]
}
export interface PrivateKeyFacts {
type: string
bits: (number | null)
curve: (string | null)
encrypted: boolean
public_key_sha256: (string | null)
}
/**
 * Installed versions of nova, libvirt and QEMU from the tree's package list (or, for a host a deployment repository describes, nova's from the release the repository deploys); null where unknown.
 */
export interface Versions {
source: ("dpkg-status" | "rpm-list" | "dpkg-list" | "deployment-release" | "none")
/**
 * Why a version is unknown (or where the versions that are known come from).
 */
reason?: string
nova: PackageVersion
libvirt: PackageVersion
qemu: PackageVersion
}
/**
 * The host firewall reduced to the ports that matter for migration: libvirt's TCP and TLS ports and QEMU's migration range.
 */
export interface FirewallState {
service: ("firewalld" | "iptables" | "nftables" | "none" | "unknown")
location?: Location
reason?: string
ports: Exposure[]
}
export interface Exposure {
from: number
to: number
status: ("open-to-all" | "restricted" | "closed" | "unknown")
sources: string[]
locations: Location[]
reason?: string
}
/**
 * The libvirt daemons' SASL configuration (/etc/sasl2/libvirt.conf, Kolla's nova-libvirt/sasl.conf).
 */
export interface SaslState {
file: (string | null)
/**
 * mech_list, lower-cased; null when absent (Cyrus offers every installed plugin).
 */
mechanisms: (string[] | null)
location?: Location
}
/**
 * For a host a deployment repository describes (Kolla-Ansible, Kayobe): the tool, the release it was rendered for, and the private keys the repository holds in clear for it.
 */
export interface DeploymentFacts {
tool: ("kolla-ansible" | "kayobe")
/**
 * The release the host was rendered for (an OpenStack release or a kolla-ansible version).
 */
release: string
release_source: ("repository" | "command line" | "assumed")
/**
 * Private keys in PEM, not encrypted, in the repository files this host is given (its libvirt TLS files) or that sign its certificates (a CA key, as kolla-ansible certificates writes it).
 */
keys_in_clear: {
location: Location
/**
 * The key of a CA certificate of the repository.
 */
ca: boolean
}[]
}
