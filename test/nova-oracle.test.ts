/**
 * Ground truth from nova itself: for every example, every layout fixture and a set of edge-case
 * trees, nova's own code (Debian's python3-nova, test/differential/nova_oracle.py) says whether
 * nova-compute starts and what it hands libvirt for a live and a block migration; migpolicy's
 * verdict must say the same about the control connection, memory and disks. What libvirt does
 * with the URI and flags nova passes is the sheet measured on libvirt 9 (ground-truth.md §1, §3):
 * the transport decides the control channel, VIR_MIGRATE_TLS the QEMU streams, and a block
 * migration without VIR_MIGRATE_NON_SHARED_INC is refused.
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { discoverHosts, scan, Tree } from "../src/index.js";
import { renderKollaHost } from "../src/document/kolla/render.js";
import { TreeFiles } from "../src/loader/host-files.js";
import type { HostSummary } from "../src/model/result.js";
import { EXAMPLES, ROOT, tree } from "./helpers.js";
import { ACCEPTED } from "./nova-oracle-accepted.js";
import { askNova, NOVA_22, type NovaAnswer } from "./oracles.js";

/** How the distribution starts nova-compute: Debian's init script passes --config-file, RDO and the containers do not. */
type Style = "command-line" | "defaults";

interface OracleCase {
  name: string;
  /** What migpolicy scans. */
  root: string;
  /** The host of the scan to compare (a deployment repository's), when the scan has several. */
  host?: string;
  /** The folder nova-compute sees as /etc. */
  etc: string;
  /** The folder nova-compute sees as /etc/nova, where it is not <etc>/nova (a container's). */
  nova_dir?: string;
  style: Style;
  config_files?: string[];
  /** false where the tree cannot show nova's, libvirt's and QEMU's versions (container images). */
  versionsShown?: boolean;
  env?: Record<string, string>;
  peers?: { name: string; inbound_addr: string | null }[];
  /**
   * Where libvirt or QEMU, not nova, fails the migrations (a certificate they refuse, proven by
   * test/wire.test.ts and test/libvirtd-oracle.test.ts): nova's part is compared by channel.
   */
  failsBelowNova?: string;
}

/**
 * What a tree says about the host: the versions the oracle runs (Debian 12's nova, libvirt and
 * QEMU, which decide whether nova honours native TLS), and how nova-compute starts: Debian's
 * packages run the init script (--config-file), an RDO-style unit runs plain nova-compute.
 */
const stanza = (name: string, version: string) => `Package: ${name}\nStatus: install ok installed\nArchitecture: all\nVersion: ${version}\n\n`;
const DEBIAN = {
  "var/lib/dpkg/status":
    stanza("libvirt-daemon", "9.0.0-4+deb12u2") + stanza("nova-compute", "2:26.2.2-1~deb12u5") + stanza("qemu-system-x86", "1:7.2+dfsg-7+deb12u18+b3"),
};
const DEBIAN_UNIT = "[Service]\nUser=nova\nType=notify\nExecStart=/etc/init.d/nova-compute systemd-start\n";
const RDO = { ...DEBIAN, "usr/lib/systemd/system/openstack-nova-compute.service": "[Service]\nType=notify\nUser=nova\nExecStart=/usr/bin/nova-compute\n" };

const conf = (sections: Record<string, Record<string, string>>) =>
  Object.entries(sections)
    .map(
      ([name, options]) =>
        `[${name}]\n${Object.entries(options)
          .map(([key, value]) => `${key} = ${value}\n`)
          .join("")}`,
    )
    .join("\n");

const libvirt = (options: Record<string, string>) => conf({ DEFAULT: { compute_driver: "libvirt.LibvirtDriver" }, libvirt: { virt_type: "kvm", ...options } });
const TLS = { live_migration_scheme: "tls", live_migration_with_native_tls: "true" };

/** An empty folder of its own. */
const tree_ = () => tree({});

function edge(name: string, style: Style, files: Record<string, string>, extra: Partial<OracleCase> = {}): OracleCase {
  const root = tree({ ...(style === "command-line" ? DEBIAN : RDO), ...files });
  return { name, root, etc: join(root, "etc"), style, ...extra };
}

const cases: OracleCase[] = [];
for (const fleet of ["guide-2019-fleet", "guide-current-fleet", "ossn-0007-fleet", "secure-fleet", "tunnelled-and-native-tls"]) {
  for (const host of ["compute-1", "compute-2"]) {
    const root = join(EXAMPLES, fleet, host);
    cases.push({ name: `examples/${fleet}/${host}`, root, etc: join(root, "etc"), style: "command-line" });
  }
}
for (const [host, failsBelowNova] of [
  ["broken-pki-fleet/compute-1"],
  ["broken-pki-fleet/compute-2"],
  ["broken-pki-fleet/compute-3", "libvirtd does not start: its server certificate"],
  ["broken-pki-fleet/compute-4", "server-cert.pem does not name"],
  ["fleet-of-fleets/site-a/compute-1"],
  ["fleet-of-fleets/site-b/compute-3"],
  ["ironic-host/ironic-1"],
  ["ubuntu-libvirt-bin-host/compute-1"],
  ["world-writable-socket-host/compute-5"],
] as const) {
  const root = join(EXAMPLES, host);
  cases.push({ name: `examples/${host}`, root, etc: join(root, "etc"), style: "command-line", ...(failsBelowNova ? { failsBelowNova } : {}) });
}
const layouts = join(ROOT, "test/fixtures/layouts");
cases.push(
  { name: "layouts/debian-socket-host", root: join(layouts, "debian-socket-host"), etc: join(layouts, "debian-socket-host/etc"), style: "command-line" },
  {
    name: "layouts/kolla-host",
    root: join(layouts, "kolla-host"),
    etc: join(layouts, "kolla-host/etc/kolla"),
    // kolla_start copies the service's folder into the container's /etc/nova.
    nova_dir: join(layouts, "kolla-host/etc/kolla/nova-compute"),
    style: "defaults",
    versionsShown: false,
  },
  {
    name: "layouts/tripleo-host",
    root: join(layouts, "tripleo-host"),
    etc: join(layouts, "tripleo-host/var/lib/config-data/puppet-generated/nova_libvirt/etc"),
    style: "defaults",
    versionsShown: false,
  },
  {
    name: "layouts/sosreport",
    root: join(layouts, "sosreport-compute-3-2026-11-20-xkqzvbm"),
    etc: join(layouts, "sosreport-compute-3-2026-11-20-xkqzvbm/etc"),
    style: "defaults",
  },
);

cases.push(
  // Precedence: Debian's --config-file files are parsed after the default folders; RDO's drop-ins come last.
  edge("debian: nova.conf beats a nova.conf.d drop-in", "command-line", {
    "etc/nova/nova.conf": libvirt({ live_migration_scheme: "tcp", live_migration_with_native_tls: "true" }),
    "etc/nova/nova.conf.d/10-tls.conf": conf({ libvirt: { live_migration_scheme: "tls" } }),
  }),
  edge("rdo: a nova.conf.d drop-in beats nova.conf", "defaults", {
    "etc/nova/nova.conf": libvirt({ live_migration_scheme: "tcp", live_migration_with_native_tls: "true" }),
    "etc/nova/nova.conf.d/10-tls.conf": conf({ libvirt: { live_migration_scheme: "tls" } }),
  }),
  edge("debian: nova-compute.conf beats nova.conf", "command-line", {
    "etc/nova/nova.conf": libvirt({ live_migration_scheme: "tcp" }),
    "etc/nova/nova-compute.conf": conf({ libvirt: TLS }),
  }),
  edge("debian: a nova-compute.conf.d drop-in fills what the files leave unset", "command-line", {
    "etc/nova/nova.conf": libvirt({ live_migration_with_native_tls: "true" }),
    "etc/nova/nova-compute.conf.d/tls.conf": conf({ libvirt: { live_migration_scheme: "tls" } }),
  }),
  edge("rdo: drop-ins in name order, the last wins", "defaults", {
    "etc/nova/nova.conf": libvirt({ live_migration_with_native_tls: "true" }),
    "etc/nova/nova.conf.d/10-a.conf": conf({ libvirt: { live_migration_scheme: "tls" } }),
    "etc/nova/nova.conf.d/20-b.conf": conf({ libvirt: { live_migration_scheme: "tcp" } }),
    "etc/nova/nova.conf.d/30-c.txt": conf({ libvirt: { live_migration_scheme: "tls" } }),
  }),
  edge("debian: no nova.conf, the init script still names it", "command-line", { "etc/nova/nova-compute.conf": libvirt(TLS) }),
  edge("rdo: no nova.conf, nova-compute.conf alone", "defaults", { "etc/nova/nova-compute.conf": libvirt(TLS) }),
  // Environment: oslo.config's OS_<GROUP>__<OPTION> beats every file.
  edge(
    "debian: the unit's Environment= sets the scheme",
    "command-line",
    {
      "etc/nova/nova.conf": libvirt({ live_migration_scheme: "tcp", live_migration_with_native_tls: "true" }),
      "lib/systemd/system/nova-compute.service": DEBIAN_UNIT,
      "etc/systemd/system/nova-compute.service.d/migration.conf": "[Service]\nEnvironment=OS_LIBVIRT__LIVE_MIGRATION_SCHEME=tls\n",
    },
    { env: { OS_LIBVIRT__LIVE_MIGRATION_SCHEME: "tls" } },
  ),
  edge(
    "rdo: an EnvironmentFile turns native TLS off",
    "defaults",
    {
      "etc/nova/nova.conf": libvirt(TLS),
      "etc/systemd/system/openstack-nova-compute.service.d/env.conf": "[Service]\nEnvironmentFile=-/etc/sysconfig/nova-compute\n",
      "etc/sysconfig/nova-compute": 'OS_LIBVIRT__LIVE_MIGRATION_WITH_NATIVE_TLS="false"\n',
    },
    { env: { OS_LIBVIRT__LIVE_MIGRATION_WITH_NATIVE_TLS: "false" } },
  ),
  // URIs.
  edge("a live_migration_uri without %s", "defaults", { "etc/nova/nova.conf": libvirt({ live_migration_uri: "qemu+tls://compute-2/system" }) }),
  edge("a live_migration_uri with two %s", "defaults", { "etc/nova/nova.conf": libvirt({ live_migration_uri: "qemu+tls://%s/system?name=%s" }) }),
  edge("live_migration_uri over ssh beats the scheme", "defaults", {
    "etc/nova/nova.conf": libvirt({ live_migration_uri: "qemu+ssh://nova@%s/system", live_migration_scheme: "tcp" }),
  }),
  edge("live_migration_uri with an upper-case transport", "defaults", {
    "etc/nova/nova.conf": libvirt({ live_migration_uri: "qemu+TLS://%s/system", live_migration_with_native_tls: "true" }),
  }),
  edge("live_migration_uri without a transport means TLS", "defaults", {
    "etc/nova/nova.conf": libvirt({ live_migration_uri: "qemu://%s/system", live_migration_with_native_tls: "true" }),
  }),
  edge("live_migration_uri plain tcp", "defaults", { "etc/nova/nova.conf": libvirt({ live_migration_uri: "qemu+tcp://%s/system" }) }),
  edge("an empty live_migration_uri leaves the scheme", "defaults", { "etc/nova/nova.conf": libvirt({ live_migration_uri: "", ...TLS }) }),
  edge("an upper-case scheme", "defaults", { "etc/nova/nova.conf": libvirt({ live_migration_scheme: "TLS", live_migration_with_native_tls: "true" }) }),
  edge("scheme ssh", "defaults", { "etc/nova/nova.conf": libvirt({ live_migration_scheme: "ssh" }) }),
  edge("an inline comment in the URI", "defaults", { "etc/nova/nova.conf": libvirt({ live_migration_uri: "qemu+tls://%s/system # TLS" }) }),
  // virt types.
  edge("virt_type parallels", "defaults", { "etc/nova/nova.conf": libvirt({ virt_type: "parallels", live_migration_scheme: "tls" }) }),
  edge("virt_type lxc", "defaults", { "etc/nova/nova.conf": libvirt({ virt_type: "lxc", ...TLS }) }),
  edge("virt_type qemu", "defaults", { "etc/nova/nova.conf": libvirt({ virt_type: "qemu", ...TLS }) }),
  edge("a virt_type nova does not know", "defaults", { "etc/nova/nova.conf": libvirt({ virt_type: "xen", ...TLS }) }),
  // Values oslo.config rejects: nova-compute does not start.
  edge("an inline comment after a boolean", "defaults", {
    "etc/nova/nova.conf": libvirt({ live_migration_scheme: "tls", live_migration_with_native_tls: "true # encrypt RAM" }),
  }),
  edge("an empty boolean", "defaults", { "etc/nova/nova.conf": libvirt({ live_migration_scheme: "tls", live_migration_tunnelled: "" }) }),
  edge("an integer that is not one", "defaults", { "etc/nova/nova.conf": libvirt({ ...TLS, live_migration_bandwidth: "fast" }) }),
  edge("yes and no are booleans", "defaults", { "etc/nova/nova.conf": libvirt({ live_migration_scheme: "tls", live_migration_with_native_tls: "yes" }) }),
  edge("rbd images without raw images", "defaults", {
    "etc/nova/nova.conf": conf({ DEFAULT: { compute_driver: "libvirt.LibvirtDriver", force_raw_images: "false" }, libvirt: { images_type: "rbd", ...TLS } }),
  }),
  // Inbound addresses, tunnelling, block migration.
  edge(
    "the peer's inbound address with native TLS",
    "defaults",
    { "etc/nova/nova.conf": libvirt(TLS) },
    { peers: [{ name: "compute-2.example.org", inbound_addr: "192.0.2.12" }] },
  ),
  edge(
    "the peer's inbound address, plain tcp",
    "defaults",
    { "etc/nova/nova.conf": libvirt({}) },
    { peers: [{ name: "compute-2.example.org", inbound_addr: "2001:db8::12" }] },
  ),
  edge("tunnelled over TLS: no block migration", "defaults", {
    "etc/nova/nova.conf": libvirt({ live_migration_scheme: "tls", live_migration_tunnelled: "true" }),
  }),
  edge("tunnelled over plain tcp", "defaults", { "etc/nova/nova.conf": libvirt({ live_migration_tunnelled: "true" }) }),
  edge("tunnelled and native TLS", "command-line", { "etc/nova/nova.conf": libvirt({ ...TLS, live_migration_tunnelled: "true" }) }),
  edge("OSSN-0089: native TLS over a tcp control connection", "command-line", {
    "etc/nova/nova.conf": libvirt({ live_migration_with_native_tls: "true" }),
  }),
  edge("native TLS with post-copy and auto-converge", "defaults", {
    "etc/nova/nova.conf": libvirt({ ...TLS, live_migration_permit_post_copy: "true", live_migration_permit_auto_converge: "true" }),
  }),
  // Removed and misplaced options.
  edge("the removed live_migration_flag in [libvirt]", "defaults", {
    "etc/nova/nova.conf": libvirt({ live_migration_flag: "VIR_MIGRATE_UNDEFINE_SOURCE, VIR_MIGRATE_PEER2PEER, VIR_MIGRATE_TUNNELLED" }),
  }),
  edge("the removed live_migration_flag in [DEFAULT]", "defaults", {
    "etc/nova/nova.conf": conf({ DEFAULT: { compute_driver: "libvirt.LibvirtDriver", live_migration_flag: "VIR_MIGRATE_TUNNELLED" }, libvirt: TLS }),
  }),
  edge("the scheme in [DEFAULT] is not read", "defaults", {
    "etc/nova/nova.conf": conf({
      DEFAULT: { compute_driver: "libvirt.LibvirtDriver", live_migration_scheme: "tls" },
      libvirt: { live_migration_with_native_tls: "true" },
    }),
  }),
  edge("an upper-case [LIBVIRT] section", "defaults", { "etc/nova/nova.conf": conf({ DEFAULT: {}, LIBVIRT: TLS }) }),
  edge("the last of two settings wins", "defaults", { "etc/nova/nova.conf": `${libvirt(TLS)}live_migration_scheme = tcp\n` }),
  // devstack's n-cpu unit names its own file; nova.conf is not read.
  edge(
    "devstack: nova-cpu.conf named by the unit",
    "command-line",
    {
      "etc/nova/nova.conf": libvirt({ live_migration_scheme: "tcp" }),
      "etc/nova/nova-cpu.conf": libvirt(TLS),
      "etc/systemd/system/devstack@n-cpu.service": "[Service]\nExecStart = /usr/local/bin/nova-compute --config-file /etc/nova/nova-cpu.conf\nUser = stack\n",
    },
    { config_files: ["nova-cpu.conf"] },
  ),
  // Other compute drivers do not migrate through libvirt.
  edge("compute_driver ironic", "defaults", { "etc/nova/nova.conf": conf({ DEFAULT: { compute_driver: "ironic.IronicDriver" }, libvirt: {} }) }),
  edge("compute_driver fake", "defaults", { "etc/nova/nova.conf": conf({ DEFAULT: { compute_driver: "fake.FakeDriver" } }) }),
);
/**
 * Kolla-Ansible and Kayobe repositories: each compute host's nova.conf as migpolicy renders it
 * (kolla-ansible's template lines and the operator's overrides, merged), written out as the
 * nova_compute container's /etc/nova/nova.conf and given to nova's own code; the verdict compared
 * is the repository scan's, for that host.
 */
for (const fixture of ["defaults", "tls-only", "native-tls", "per-host-override", "train", "ossn-0089", "jinja-anchors", "kayobe", "kayobe-environments"]) {
  const repository = join(ROOT, "test/fixtures/kolla", fixture);
  const tree = new Tree(repository);
  for (const source of discoverHosts(tree, fixture)) {
    if (source.deployment === undefined) continue;
    const rendered = renderKollaHost(new TreeFiles(tree), source.deployment);
    const etc = join(tree_(), "etc/kolla");
    for (const file of rendered.files) {
      if (file.lines === null) continue;
      mkdirSync(join(etc, file.path, ".."), { recursive: true });
      writeFileSync(join(etc, file.path), file.lines.map((line) => `${line.text}\n`).join(""));
    }
    cases.push({
      name: `kolla/${fixture}/${source.deployment.host}`,
      root: repository,
      host: source.deployment.host,
      etc,
      nova_dir: join(etc, "nova-compute"),
      style: "defaults",
    });
  }
}

{
  const dangling = edge("debian: nova.conf is a dangling link", "command-line", { "etc/nova/nova-compute.conf": libvirt(TLS) });
  symlinkSync("/etc/nova/nova.conf.dpkg-old", join(dangling.etc, "nova/nova.conf"));
  cases.push(dangling);
}

const answers = askNova(cases.map(({ etc, nova_dir, style, env, peers, config_files }) => ({ etc, nova_dir, style, env, peers, config_files })));

const ENCRYPTED_TRANSPORTS = new Set(["tls", "ssh", "libssh", "libssh2"]);

/** libvirt's reading of a connection URI: driver[+transport]://host/path; a URI with a host and no transport is TLS. */
function transportOf(uri: string): string | "unparseable" {
  const match = /^([A-Za-z][\w.-]*)(?:\+([\w-]+))?:\/\/([^/?#]*)/.exec(uri);
  if (!match || /\s/.test(uri)) return "unparseable";
  return (match[2] ?? (match[3] === "" ? "unix" : "tls")).toLowerCase();
}

type Status = "protected" | "unprotected" | "not-applicable" | "unknown";
interface Expected {
  outcome: "nova-compute does not start" | "not applicable" | "migrations fail" | "migrates";
  control?: Status;
  memory?: Status;
  disks?: Status;
}

function expectedOf(answer: NovaAnswer, versionsShown: boolean): Expected {
  // Another compute driver never runs LibvirtDriver: none of its checks or migrations apply.
  if (answer.compute_driver && !/^(nova\.virt\.)?libvirt(\.driver)?\.LibvirtDriver$/.test(answer.compute_driver)) return { outcome: "not applicable" };
  if (!answer.starts) return { outcome: "nova-compute does not start" };
  const live = answer.migrations!.filter((m) => !m.block);
  const block = answer.migrations!.filter((m) => m.block);
  if (live.some((m) => m.error !== undefined || transportOf(m.uri!) === "unparseable")) return { outcome: "migrations fail" };
  const transports = new Set(live.map((m) => transportOf(m.uri!)));
  assert.is(transports.size, 1, "one transport to every peer");
  const [transport] = transports;
  const control: Status = ENCRYPTED_TRANSPORTS.has(transport!) ? "protected" : "unprotected";
  const flags = new Set(live[0]!.flags);
  const memory: Status = flags.has("TLS") || (flags.has("TUNNELLED") && control === "protected") ? "protected" : "unprotected";
  assert.is(block[0]!.error, undefined, "nova hands libvirt the block migration");
  const blockFlags = new Set(block[0]!.flags);
  // libvirt refuses a migration of unshared disks that asks for no disk copy (ground-truth.md §1).
  const disks: Status = !blockFlags.has("NON_SHARED_INC") ? "not-applicable" : blockFlags.has("TLS") ? "protected" : "unprotected";
  // nova 26 passes VIR_MIGRATE_TLS; a tree that cannot show it runs nova 26 (19 to 22 may drop it) cannot claim it.
  if (flags.has("TLS") && !versionsShown) return { outcome: "migrates", control, memory: "unknown", disks: "unknown" };
  return { outcome: "migrates", control, memory, disks };
}

function observed(host: HostSummary, failsBelowNova?: string): Expected {
  const { summary, control, memory, disks } = host.verdict;
  if (summary === "migrations fail" && failsBelowNova !== undefined) assert.match(host.verdict.reason, failsBelowNova);
  else if (summary === "nova-compute does not start" || summary === "not applicable" || summary === "migrations fail") return { outcome: summary };
  return { outcome: "migrates", control: control.status as Status, memory: memory.status as Status, disks: disks.status as Status };
}

const accepted = new Map(ACCEPTED.map((entry) => [entry.case, entry]));

test("the oracle answered every case, and the suite covers at least 40 hosts", () => {
  assert.is(answers.length, cases.length);
  assert.ok(cases.length >= 40, `${cases.length} cases`);
});

cases.forEach((oracleCase, index) => {
  test(`nova and migpolicy agree: ${oracleCase.name}`, () => {
    const answer = answers[index]!;
    const hosts = scan(oracleCase.root).hosts;
    const host = oracleCase.host === undefined ? hosts[0] : hosts.find((h) => h.name === oracleCase.host);
    assert.ok(host, "migpolicy found the host");
    const want = expectedOf(answer, oracleCase.versionsShown ?? true);
    const got = observed(host, oracleCase.failsBelowNova);
    const exception = accepted.get(oracleCase.name);
    if (exception) {
      assert.equal(got, exception.migpolicy, `accepted disagreement: ${exception.reason}`);
      assert.equal(want, exception.nova, "nova still says what the accepted disagreement records");
      return;
    }
    assert.equal(got, want, `nova: ${JSON.stringify(answer)}\nmigpolicy: ${JSON.stringify(host.verdict)}`);
  });
});

// Release-dependent behaviour: the installed versions decide. nova 22's own code (the last
// release with _is_native_tls_available; 19 to 21 have the same function and thresholds at their
// tags) and nova 26's, each told the libvirt and QEMU versions the tree's package list names.
type Triple = [number, number, number];
const VERSION_CASES: { libvirt: Triple; qemu: Triple }[] = [
  { libvirt: [3, 9, 0], qemu: [2, 10, 0] },
  { libvirt: [4, 3, 0], qemu: [2, 12, 0] },
  { libvirt: [5, 0, 0], qemu: [2, 10, 0] },
  { libvirt: [4, 4, 0], qemu: [2, 11, 0] },
  { libvirt: [5, 10, 0], qemu: [4, 2, 0] },
  { libvirt: [6, 0, 0], qemu: [4, 2, 0] },
  { libvirt: [9, 0, 0], qemu: [7, 2, 0] },
];
const dotted = (v: Triple) => v.join(".");
/** Each tree with the versions of its case, for nova's hypervisor connection to report. */
const versionRequests = (trees: string[]) => trees.map((root, i) => ({ etc: join(root, "etc"), style: "command-line" as const, versions: VERSION_CASES[i] }));
function releaseTree(nova: string, libvirtVersion: Triple, qemuVersion: Triple): string {
  return tree({
    "var/lib/dpkg/status":
      stanza("libvirt-daemon", `${dotted(libvirtVersion)}-1`) + stanza("nova-compute", nova) + stanza("qemu-system-x86", `1:${dotted(qemuVersion)}+dfsg-1`),
    "etc/nova/nova.conf": libvirt(TLS),
  });
}
const releases = [
  { label: "nova 22.0.1", path: NOVA_22, package: "2:22.0.1-2+deb11u1" },
  { label: "nova 26.2.2", path: undefined, package: "2:26.2.2-1~deb12u5" },
];
for (const release of releases) {
  const trees = VERSION_CASES.map(({ libvirt: lv, qemu: q }) => releaseTree(release.package, lv, q));
  const said = askNova(versionRequests(trees), release.path);
  VERSION_CASES.forEach(({ libvirt: lv, qemu: q }, i) => {
    test(`${release.label} on libvirt ${dotted(lv)} and QEMU ${dotted(q)}: migpolicy decides as nova does`, () => {
      const answer = said[i]!;
      assert.is(answer.nova, release.label.slice("nova ".length));
      const [host] = scan(trees[i]!).hosts;
      assert.equal(observed(host!), expectedOf(answer, true), JSON.stringify({ nova: answer, migpolicy: host!.verdict }));
    });
  });
}

test("nova 22's own code drops native TLS when libvirt or QEMU alone is too old; migpolicy says so for nova 19 to 22", () => {
  const trees = VERSION_CASES.map(({ libvirt: lv, qemu: q }) => releaseTree("2:22.0.1-2+deb11u1", lv, q));
  const said = askNova(versionRequests(trees), NOVA_22);
  let decided = 0;
  VERSION_CASES.forEach(({ libvirt: lv, qemu: q }, i) => {
    const answer = said[i]!;
    const flags = answer.parsed_flags ?? answer.migrations?.find((m) => !m.block)?.flags ?? [];
    const kept = flags.includes("TLS");
    // Train (20) starts on all of these but libvirt 3.9: the downgrade alone decides memory there.
    for (const nova of ["2:19.0.0-1", "2:20.1.0-1", "2:21.2.0-1", "2:22.0.1-2+deb11u1"]) {
      const root = releaseTree(nova, lv, q);
      const [host] = scan(root).hosts;
      const memory = host!.verdict.memory;
      if (host!.verdict.summary === "nova-compute does not start") continue;
      decided++;
      assert.is(memory.status, kept ? "protected" : "unprotected", `${nova} on libvirt ${dotted(lv)}, QEMU ${dotted(q)}: ${memory.by}`);
    }
  });
  assert.ok(
    said.some((a) => !(a.parsed_flags ?? []).includes("TLS")),
    "some case drops TLS",
  );
  assert.ok(decided >= 10, `${decided} hosts of nova 19 to 22 that start`);
});

test.run();
