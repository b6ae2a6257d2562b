/**
 * Decides what a scanned path is and yields one host source per host, with the
 * place of every logical file in that host's layout. Layout knowledge lives here
 * and nowhere else.
 *
 *   sosreport  a sosreport folder: etc/... copied at their paths, sos_commands/...,
 *              hostname and installed-rpms at the top; TripleO and plain hosts alike
 *   tripleo    a TripleO host: nova's and libvirt's files under
 *              var/lib/config-data/puppet-generated/nova_libvirt/etc/
 *   kolla      a Kolla-Ansible host (etc/kolla/nova-compute, etc/kolla/nova-libvirt),
 *              or its /etc/kolla folder itself
 *   host-root  a host's / (or a copy of it) with etc/nova or etc/libvirt
 *   etc        a bare etc folder (nova/ or libvirt/ directly inside)
 * A folder that is none of these is a fleet when its subfolders are.
 */
import { posix } from "node:path";
import type { Layout } from "../model/host.js";
import { type DeploymentHost, kayobeConfigDir, kayobeEnvironments, kayobeHosts, kollaConfigDir, kollaHosts } from "./deployment.js";
import type { Tree } from "./fs.js";
import { joinRelative } from "./paths.js";

/**
 * Each layout's place in the detection order. schemas/host.json defines the layouts; as a
 * Record over them, this does not compile when the schema gains one it lacks.
 */
const DETECTION_ORDER: Record<Layout, number> = { sosreport: 0, tripleo: 1, kolla: 2, "host-root": 3, etc: 4 };

export const LAYOUTS: readonly Layout[] = (Object.keys(DETECTION_ORDER) as Layout[]).sort((a, b) => DETECTION_ORDER[a] - DETECTION_ORDER[b]);

const TRIPLEO_CONFIG = "var/lib/config-data/puppet-generated/nova_libvirt";
/** Container layouts: nova, libvirt and QEMU come from images, not the host's package database. */
const NO_PACKAGES = { dpkgStatus: null, dpkgList: null, rpmList: null };

export interface LayoutPaths {
  /** nova's default files (nova.conf, nova-compute.conf) and folders (nova.conf.d, nova-compute.conf.d). */
  nova: { files: string[]; dirs: string[] };
  /**
   * How the layout starts nova-compute: a container's plain `nova-compute` (Kolla, TripleO), or
   * a host's service, whose unit, init script or process list the tree may hold.
   */
  novaStart: { container: boolean; initScript: string | null };
  libvirtd: string | null;
  virtproxyd: string | null;
  qemu: string | null;
  /** Environment files holding LIBVIRTD_ARGS (Ubuntu: libvirtd_opts) / VIRTPROXYD_ARGS, first found wins. */
  envFiles: { libvirtd: string[]; virtproxyd: string[] };
  /** The command line a container layout starts libvirtd with, when the tree cannot show it. */
  containerArgs: string[] | null;
  /** The host's systemd unit folders (the administrator's, then the vendor's); null when the tree has none. */
  systemd: { admin: string; vendor: string[] } | null;
  /** sosreport: `systemctl list-unit-files` output. */
  unitFileList: string | null;
  hostnameFiles: string[];
  /** The host's own etc folder, for /etc/... paths the configuration names. */
  etc: string | null;
  /** Where the host's root is, for absolute paths outside /etc; null for an etc folder. */
  root: string | null;
  /** Host folders the tree holds by themselves (a bare /etc/kolla), for paths neither root nor etc reach. */
  mounts: { host: string; tree: string }[];
  /** Extra PKI folders a layout keeps outside the host's /etc/pki (Kolla's config dirs). */
  pkiDirs: string[];
  /** The one file the tree stands for (a file given by itself): its folder's other files are not the host's. */
  only?: string;
  /** Files the layout does not collect, so their absence says nothing (sosreport), with the reason. */
  notCollected: Record<string, string>;
  /** sosreport: `ps` output, where the daemons' real command lines are. */
  processList: string | null;
  /** sosreport: the folder of `netstat` and `ss` outputs, and their names' prefixes: who listens. */
  listenerLists: { dir: string; prefixes: string[] } | null;
  /** The SASL configuration of the libvirt daemons (mech_list). */
  sasl: string | null;
  /** Installed-package lists, in the formats the layout keeps. */
  packages: { dpkgStatus: string | null; dpkgList: string | null; rpmList: string | null };
  /** The tree's own user and group databases, which name file owners as the host does. */
  passwd: string | null;
  group: string | null;
  /** Where each firewall service keeps its rules; null when the tree holds no etc folder of the host. */
  firewall: FirewallPaths | null;
}

export interface FirewallPaths {
  /** firewalld.conf (DefaultZone). */
  firewalldConf: string;
  /** firewalld's folders of services/ and zones/, the vendor's before the administrator's. */
  firewalldDirs: string[];
  /** Saved iptables rules (iptables.service, netfilter-persistent), first found wins. */
  iptablesRules: string[];
  /** nftables.service's ruleset, first found wins. */
  nftablesRules: string[];
}

export interface HostSource {
  /** The host's tree, relative to the scanned root ("." for the root itself). */
  root: string;
  layout: Layout;
  /** The folder's own name, used when the tree does not name the host. */
  folderName: string;
  paths: LayoutPaths;
  /**
   * A host described by a deployment repository: its files are what the tool would write, rendered
   * by the document stage at `paths` (folders that exist only in the rendering).
   */
  deployment?: DeploymentHost;
}

const novaFiles = (dir: string) => ({
  files: [joinRelative(dir, "nova.conf"), joinRelative(dir, "nova-compute.conf")],
  dirs: [joinRelative(dir, "nova.conf.d"), joinRelative(dir, "nova-compute.conf.d")],
});

function firewallPaths(etc: string, root: string | null): FirewallPaths {
  return {
    firewalldConf: joinRelative(etc, "firewalld/firewalld.conf"),
    firewalldDirs: [...(root === null ? [] : [joinRelative(root, "usr/lib/firewalld")]), joinRelative(etc, "firewalld")],
    iptablesRules: [joinRelative(etc, "sysconfig/iptables"), joinRelative(etc, "iptables/rules.v4")],
    nftablesRules: [joinRelative(etc, "nftables.conf"), joinRelative(etc, "sysconfig/nftables.conf")],
  };
}

/** Maps an absolute path on the host into the tree, or null when the layout does not hold it. */
export function treePath(paths: LayoutPaths, hostPath: string): string | null {
  const normal = posix.normalize(hostPath);
  if (!normal.startsWith("/")) return null;
  for (const { host, tree } of paths.mounts) {
    if (normal === host || normal.startsWith(`${host}/`)) return joinRelative(tree, normal.slice(host.length + 1));
  }
  if (paths.root !== null) return joinRelative(paths.root, normal.slice(1));
  if (paths.etc !== null && normal.startsWith("/etc/")) return joinRelative(paths.etc, normal.slice(5));
  return null;
}

/** The absolute path on the host of a file in the tree (treePath's inverse), or null when the layout cannot say. */
export function hostPath(paths: LayoutPaths, path: string): string | null {
  const under = (folder: string) => (folder === "." ? path : path.startsWith(`${folder}/`) ? path.slice(folder.length + 1) : null);
  for (const { host, tree } of paths.mounts) {
    const rest = under(tree);
    if (rest !== null) return posix.join(host, rest);
  }
  const fromRoot = paths.root === null ? null : under(paths.root);
  if (fromRoot !== null) return `/${fromRoot}`;
  const fromEtc = paths.etc === null ? null : under(paths.etc);
  return fromEtc === null ? null : `/etc/${fromEtc}`;
}

/** The paths of a host whose etc folder is `etc` (its root `root`, when the tree has one). */
function etcPaths(etc: string, root: string | null, configEtc = etc): LayoutPaths {
  return {
    nova: novaFiles(joinRelative(configEtc, "nova")),
    novaStart: { container: configEtc !== etc, initScript: joinRelative(etc, "init.d/nova-compute") },
    libvirtd: joinRelative(configEtc, "libvirt/libvirtd.conf"),
    virtproxyd: joinRelative(configEtc, "libvirt/virtproxyd.conf"),
    qemu: joinRelative(configEtc, "libvirt/qemu.conf"),
    envFiles: {
      libvirtd: [joinRelative(etc, "sysconfig/libvirtd"), joinRelative(etc, "default/libvirtd"), joinRelative(etc, "default/libvirt-bin")],
      virtproxyd: [joinRelative(etc, "sysconfig/virtproxyd"), joinRelative(etc, "default/virtproxyd")],
    },
    containerArgs: null,
    systemd: {
      admin: joinRelative(etc, "systemd/system"),
      vendor: root === null ? [] : [joinRelative(root, "usr/lib/systemd/system"), joinRelative(root, "lib/systemd/system")],
    },
    unitFileList: null,
    hostnameFiles: [joinRelative(etc, "hostname")],
    etc,
    root,
    pkiDirs: [],
    sasl: joinRelative(configEtc, "sasl2/libvirt.conf"),
    notCollected: {},
    processList: null,
    listenerLists: null,
    packages: { dpkgStatus: root === null ? null : joinRelative(root, "var/lib/dpkg/status"), dpkgList: null, rpmList: null },
    passwd: joinRelative(etc, "passwd"),
    group: joinRelative(etc, "group"),
    firewall: firewallPaths(etc, root),
    mounts: [],
  };
}

function paths(tree: Tree, dir: string, layout: Layout): LayoutPaths {
  const etc = joinRelative(dir, "etc");
  switch (layout) {
    case "etc":
      return etcPaths(dir, null);
    case "host-root":
      return etcPaths(etc, dir);
    case "tripleo":
      // nova_libvirt runs in a container started by nova_libvirt_launcher.sh with --listen.
      return { ...etcPaths(etc, dir, joinRelative(dir, TRIPLEO_CONFIG, "etc")), containerArgs: ["--listen"], packages: NO_PACKAGES };
    case "sosreport": {
      const sosPackages = { dpkgStatus: null, dpkgList: joinRelative(dir, "sos_commands/dpkg/dpkg_-l"), rpmList: joinRelative(dir, "installed-rpms") };
      const hostnameFiles = [joinRelative(dir, "hostname"), joinRelative(etc, "hostname")];
      if (tree.isDirectory(joinRelative(dir, TRIPLEO_CONFIG))) {
        // The host's package lists do not hold the container images' nova, libvirt and QEMU.
        return { ...etcPaths(etc, dir, joinRelative(dir, TRIPLEO_CONFIG, "etc")), containerArgs: ["--listen"], hostnameFiles, packages: NO_PACKAGES };
      }
      return {
        ...etcPaths(etc, dir),
        unitFileList: joinRelative(dir, "sos_commands/systemd/systemctl_list-unit-files"),
        hostnameFiles,
        packages: sosPackages,
        processList: joinRelative(dir, "ps"),
        listenerLists: { dir: joinRelative(dir, "sos_commands/networking"), prefixes: ["netstat_", "ss_"] },
        // sos's libvirt plugin copies libvirtd.conf and qemu.conf, not these.
        notCollected: {
          virtproxyd: "sosreport does not collect /etc/libvirt/virtproxyd.conf",
          envFiles: "sosreport does not collect /etc/sysconfig/libvirtd or /etc/default/libvirtd",
          sasl: "sosreport does not collect /etc/sasl2/libvirt.conf",
          pki: "sosreport does not collect /etc/pki",
        },
      };
    }
    case "kolla":
      return kollaPaths(dir, tree.isDirectory(joinRelative(dir, "etc/kolla")));
  }
}

/**
 * A Kolla-Ansible host's paths: its root (isHostRoot: the host's / holding etc/kolla), or its
 * /etc/kolla folder by itself (as kolla-ansible writes it, and as a deployment repository
 * renders it).
 */
export function kollaPaths(dir: string, isHostRoot: boolean): LayoutPaths {
  const etc = joinRelative(dir, "etc");
  const kolla = isHostRoot ? joinRelative(dir, "etc/kolla") : dir;
  const libvirt = joinRelative(kolla, "nova-libvirt");
  return {
    nova: { files: [joinRelative(kolla, "nova-compute/nova.conf")], dirs: [] },
    // kolla_start runs the image's `nova-compute` with no arguments.
    novaStart: { container: true, initScript: null },
    libvirtd: joinRelative(libvirt, "libvirtd.conf"),
    virtproxyd: null,
    qemu: joinRelative(libvirt, "qemu.conf"),
    envFiles: { libvirtd: [], virtproxyd: [] },
    // kolla_nova_libvirt_start.sh starts `libvirtd --listen` in the nova_libvirt container.
    containerArgs: ["--listen"],
    systemd: isHostRoot ? etcPaths(etc, dir).systemd : null,
    unitFileList: null,
    hostnameFiles: isHostRoot ? [joinRelative(etc, "hostname")] : [],
    etc: isHostRoot ? etc : null,
    root: isHostRoot ? dir : null,
    pkiDirs: [libvirt, joinRelative(kolla, "nova-compute")],
    sasl: joinRelative(libvirt, "sasl.conf"),
    notCollected: {},
    processList: null,
    listenerLists: null,
    packages: NO_PACKAGES,
    passwd: isHostRoot ? joinRelative(etc, "passwd") : null,
    group: isHostRoot ? joinRelative(etc, "group") : null,
    firewall: isHostRoot ? firewallPaths(etc, dir) : null,
    // Kolla's /etc/kolla scanned by itself: its files are the host's /etc/kolla/...
    mounts: isHostRoot ? [] : [{ host: "/etc/kolla", tree: kolla }],
  };
}

/** The configuration files a scan may be given by themselves, and what each one is. */
export const SINGLE_FILES = ["nova.conf", "nova-compute.conf", "libvirtd.conf", "virtproxyd.conf", "qemu.conf"] as const;

/**
 * One configuration file given by itself (`migpolicy eval nova.conf`): a host whose only file
 * is that one, in the scanned folder (so findings point at it). Everything else it would
 * need is not in the tree; the other libvirt files are "not collected", not defaults.
 */
export function singleFileSource(name: (typeof SINGLE_FILES)[number], folderName: string): HostSource {
  const given = `only ${name} was given`;
  const nova = name === "nova.conf" || name === "nova-compute.conf";
  const base = etcPaths(".", null);
  return {
    root: ".",
    layout: "etc",
    folderName,
    paths: {
      ...base,
      only: name,
      nova: { files: nova ? [name] : [], dirs: [] },
      novaStart: { container: false, initScript: null },
      libvirtd: name === "libvirtd.conf" ? name : null,
      virtproxyd: name === "virtproxyd.conf" ? name : null,
      qemu: name === "qemu.conf" ? name : null,
      envFiles: { libvirtd: [], virtproxyd: [] },
      systemd: null,
      hostnameFiles: [],
      etc: null,
      sasl: null,
      packages: NO_PACKAGES,
      passwd: null,
      group: null,
      firewall: null,
      notCollected: {
        ...(name === "libvirtd.conf" ? {} : { libvirtd: `${given}, not /etc/libvirt/libvirtd.conf` }),
        ...(name === "virtproxyd.conf" ? {} : { virtproxyd: `${given}, not /etc/libvirt/virtproxyd.conf` }),
        envFiles: `${given}, not the libvirt daemons' arguments`,
        packages: `${given}, not the package list`,
        ...(nova ? { nova: `${given}: the other files nova reads (nova-compute.conf, nova.conf.d) are not shown` } : {}),
        sasl: `${given}, not /etc/sasl2/libvirt.conf`,
        pki: `${given}, not /etc/pki`,
      },
    },
  };
}

/** The files whose presence makes a folder nova's or libvirt's configuration folder. */
const NOVA_FILES = ["nova.conf", "nova-compute.conf", "nova.conf.d", "nova-compute.conf.d", "nova-cpu.conf"];
const LIBVIRT_FILES = ["libvirtd.conf", "qemu.conf", "virtproxyd.conf", "virtqemud.conf"];

function layoutOf(tree: Tree, dir: string): Layout | null {
  const has = (path: string) => tree.isDirectory(joinRelative(dir, path));
  // A configuration folder counts when it holds the daemons' files, not merely exists:
  // a machine with only libvirt's client has /etc/libvirt (libvirt.conf) and no compute service.
  const holds = (folder: string, names: string[]) => names.some((name) => tree.lists(joinRelative(dir, folder), name));
  const config = (etc: string) => holds(joinRelative(etc, "nova"), NOVA_FILES) || holds(joinRelative(etc, "libvirt"), LIBVIRT_FILES);
  if ((has("sos_commands") || has("sos_reports") || has("sos_logs")) && (has("etc") || has("var"))) return "sosreport";
  if (has(TRIPLEO_CONFIG)) return "tripleo";
  if (has("etc/kolla/nova-compute") || has("etc/kolla/nova-libvirt") || (has("nova-compute") && has("nova-libvirt"))) return "kolla";
  if (config("etc")) return "host-root";
  if (config(".")) return "etc";
  return null;
}

/** How deep below the scanned folder hosts are looked for: a fleet of fleets of sites. */
const MAX_FLEET_DEPTH = 4;

/**
 * A host as discovery finds it. A layout's paths follow from the host's root and the tree
 * (sourceOf), so a fleet's discovery holds three strings a host, not its ~9 KB of paths
 * (10,000 hosts: 85 MB), and a worker thread is sent only those; a deployment repository's
 * host is found with its paths (its rendering's folders).
 */
export type FoundHost = HostSource | { root: string; layout: Layout; folderName: string; deployment?: undefined };

/** The source of a found host: its layout's paths, worked out from the tree when the host is read. */
export function sourceOf(tree: Tree, found: FoundHost): HostSource {
  return "paths" in found ? found : { root: found.root, layout: found.layout, folderName: found.folderName, paths: paths(tree, found.root, found.layout) };
}

/**
 * The hosts in the scanned tree (or below its folder `start`, one path of several);
 * `rootName` names a host found at `start` itself. `forced` skips detection: the root
 * (or, for a fleet, each subfolder) has that layout. `kollaRelease`: the release a deployment
 * repository's hosts are rendered for.
 */
export function discoverHosts(tree: Tree, rootName: string, forced?: Layout, start = ".", kollaRelease?: string): HostSource[] {
  return findHosts(tree, rootName, forced, start, kollaRelease).map((found) => sourceOf(tree, found));
}

/** The hosts discoverHosts gives, as found (sourceOf gives each one's source). */
export function findHosts(tree: Tree, rootName: string, forced?: Layout, start = ".", kollaRelease?: string): FoundHost[] {
  const own = layoutOf(tree, start);
  if (own) return [{ root: start, layout: forced ?? own, folderName: rootName }];
  const release = (sources: HostSource[]) =>
    kollaRelease === undefined
      ? sources
      : sources.map((s) => (s.deployment === undefined ? s : { ...s, deployment: { ...s.deployment, release: kollaRelease } }));
  const repository = forced === undefined ? deploymentSources(tree, start) : null;
  if (repository !== null) return release(repository);
  const hosts: FoundHost[] = [];
  /** deploymentsOnly: below a folder with an etc that is no machine's (a repository's), only configurations are looked for. */
  const walk = (dir: string, depth: number, deploymentsOnly: boolean) => {
    for (const name of tree.list(dir).sort()) {
      const path = dir === "." ? name : joinRelative(dir, name);
      if (name.startsWith(".") || !tree.isDirectory(path)) continue;
      const layout = deploymentsOnly ? null : layoutOf(tree, path);
      // A machine's root (a deployment node) holds its configuration for itself, not as a repository of hosts.
      const repository = layout === null && forced === undefined && !isMachineRoot(tree, path) ? deploymentSources(tree, path) : null;
      // A host without a name of its own is called by its path: two sites' compute-1 are two hosts.
      if (layout) hosts.push({ root: path, layout: forced ?? layout, folderName: path });
      // A deployment repository's folder (one environment of several): its inventory's hosts.
      else if (repository !== null) hosts.push(...release(repository));
      // A folder with an etc of its own is a machine's root, not a fleet: its system folders are not hosts.
      else if (depth < MAX_FLEET_DEPTH && !tree.isDirectory(joinRelative(path, "etc"))) walk(path, depth + 1, deploymentsOnly);
      // This folder's lookups are done with: a fleet's discovery holds its hosts, not every stat it made (10,000 hosts: 67 MB).
      tree.releaseCache();
    }
  };
  if (!tree.isDirectory(joinRelative(start, "etc"))) walk(start, 1, false);
  // A repository with an etc of its own (etc/ansible) that is no machine: its environments' configurations.
  else if (forced === undefined && !isMachineRoot(tree, start)) walk(start, 1, true);
  // Beside configurations, a folder named config is a configuration's node_custom_config, not a host's etc.
  if (hosts.some((h) => h.deployment !== undefined)) return hosts.filter((h) => !(h.layout === "etc" && posix.basename(h.root) === "config"));
  return hosts;
}

/** Files only a machine's /etc has: a folder holding them is a machine's root (a host, a deployment node). */
const MACHINE_FILES = ["hostname", "passwd", "os-release", "machine-id", "fstab"];

function isMachineRoot(tree: Tree, dir: string): boolean {
  return MACHINE_FILES.some((name) => tree.lists(joinRelative(dir, "etc"), name));
}

/** The hosts of a Kayobe or Kolla-Ansible configuration at `dir` (null when it holds none). */
function deploymentSources(tree: Tree, dir: string): HostSource[] | null {
  const kayobe = kayobeConfigDir(tree, dir);
  if (kayobe !== null) return kayobeSources(tree, dir, kayobe);
  const kolla = kollaConfigDir(tree, dir);
  return kolla === null ? null : kollaSources(tree, dir, kolla);
}

/** Where a rendered host's files are: a folder no repository has, so nothing read from the tree is taken for them. */
export const RENDERED_FOLDER = ".migpolicy-rendered";

/**
 * The compute hosts of a Kolla configuration, one source each; with no inventory naming them,
 * one host for all (named "compute"), rendered without per-host variables.
 */
function kollaSources(tree: Tree, dir: string, configDir: string): HostSource[] {
  const { hosts: found, unreadable } = kollaHosts(tree, dir, configDir);
  // An inventory that cannot be read stands for the hosts it would name: rendering says why they are not evaluated.
  const hosts: { inventory: string | null; host: string }[] = found.length > 0 ? found : [{ inventory: unreadable, host: "compute" }];
  return hosts.map(({ inventory, host }, index) => ({
    root: `${inventory ?? configDir}:${host}`,
    layout: "kolla",
    folderName: host,
    paths: kollaPaths(joinRelative(dir, RENDERED_FOLDER, String(index), host), false),
    deployment: { tool: "kolla-ansible", repository: dir, configDir, inventory, host },
  }));
}

/**
 * The compute hosts of a Kayobe configuration, rendered as the kolla-ansible run it drives would
 * write them: one cloud for each of its environments (each layered over the base configuration),
 * and the base's own when it has no environment or names compute hosts itself.
 */
function kayobeSources(tree: Tree, dir: string, kayobeDir: string): HostSource[] {
  const environments = kayobeEnvironments(tree, kayobeDir);
  const clouds: { inventory: string; environments: string[]; unordered: string[][] }[] = [];
  if (environments.length === 0 || kayobeHosts(tree, kayobeDir).length > 0)
    clouds.push({ inventory: joinRelative(kayobeDir, "inventory"), environments: [], unordered: [] });
  // An environment others depend on (a shared `common`) is evaluated through them, unless it names compute hosts itself.
  const dependedOn = new Set(environments.flatMap(({ chain }) => chain.slice(0, -1)));
  for (const { chain, unordered } of environments) {
    const own = chain.at(-1) as string;
    if (dependedOn.has(own) && kayobeHosts(tree, kayobeDir, chain).length === 0) continue;
    clouds.push({ inventory: tree.isDirectory(joinRelative(own, "inventory")) ? joinRelative(own, "inventory") : own, environments: chain, unordered });
  }
  const sources: HostSource[] = [];
  for (const cloud of clouds) {
    const found = kayobeHosts(tree, kayobeDir, cloud.environments);
    for (const host of found.length > 0 ? found : ["compute"]) {
      const index = sources.length;
      sources.push({
        root: `${cloud.inventory}:${host}`,
        layout: "kolla",
        folderName: host,
        paths: kollaPaths(joinRelative(dir, RENDERED_FOLDER, String(index), host), false),
        deployment: {
          tool: "kayobe",
          repository: dir,
          configDir: joinRelative(kayobeDir, "kolla"),
          inventory: found.length > 0 ? cloud.inventory : null,
          kayobeDir,
          ...(cloud.environments.length > 0 ? { environments: cloud.environments } : {}),
          ...(cloud.unordered.length > 0 ? { environmentsUnordered: cloud.unordered } : {}),
          host,
        },
      });
    }
  }
  return sources;
}

/** The folders the search for hosts passed over, at any depth, with no host in or below them: named, never dropped silently. */
export function foldersWithoutHosts(tree: Tree, sources: readonly FoundHost[], start = "."): string[] {
  if (sources.some((source) => source.root === start) || tree.isDirectory(joinRelative(start, "etc"))) return [];
  // A deployment repository's own folders (config/, inventory/) hold no host: they describe them.
  const repositories = new Set(sources.flatMap((source) => (source.deployment === undefined ? [] : [source.deployment.repository])));
  if (repositories.has(start)) return [];
  const out: string[] = [];
  // Sets, not searches of the sources for each folder: 10,000 hosts took 0.27 s (n²).
  const roots = new Set(sources.map((source) => source.root));
  const aboveRoots = new Set<string>();
  for (const root of roots) for (let at = root.indexOf("/"); at >= 0; at = root.indexOf("/", at + 1)) aboveRoots.add(root.slice(0, at));
  const holdsHost = (path: string) => roots.has(path) || aboveRoots.has(path);
  const walk = (dir: string, depth: number) => {
    for (const name of tree.list(dir).sort()) {
      const path = dir === "." ? name : joinRelative(dir, name);
      if (name.startsWith(".") || !tree.isDirectory(path) || roots.has(path) || repositories.has(path)) continue;
      if (!holdsHost(path)) out.push(path);
      else if (depth < MAX_FLEET_DEPTH) walk(path, depth + 1);
    }
  };
  walk(start, 1);
  return out;
}

/** Whether the scanned folder is a machine's root (it has an etc folder) that runs no compute service. */
export function isRootWithoutCompute(tree: Tree, sources: readonly FoundHost[], start = "."): boolean {
  return sources.length === 0 && tree.isDirectory(joinRelative(start, "etc"));
}
