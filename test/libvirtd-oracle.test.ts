/**
 * Ground truth from the real libvirtd (Debian's libvirt-daemon-system, 9.0.0): for every example
 * host and a set of edge-case trees, the daemon runs on the tree's libvirtd.conf, qemu.conf and
 * PKI in private namespaces (test/differential/libvirtd_oracle.py), and what it does must be
 * what migpolicy says: whether it starts (and the line it refuses), which TCP sockets listen and
 * on which address, whether a client with no credentials, with the tree's own certificate, or
 * with a certificate the same CA signed for another name gets in.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { discoverHosts, type HostSource, scan, Tree, TreeFiles } from "../src/index.js";
import { renderKollaHost } from "../src/document/kolla/render.js";
import type { Finding } from "../src/model/finding.js";
import type { HostSummary } from "../src/model/result.js";
import { EXAMPLES, opa, ROOT, loadBuilt } from "./helpers.js";

type Client = "in" | "refused" | "access-denied";
interface DaemonAnswer {
  args: string;
  running: boolean;
  listen: string[];
  /** The best each client did on any socket. */
  clients: { tcp_anonymous?: Client; tls_own?: Client; tls_other?: Client; tls_foreign?: Client };
  errors: string[];
}

interface DaemonCase {
  name: string;
  root: string;
  /** A host of a deployment repository: the daemon runs on its rendered files, the verdict compared is the repository scan's. */
  repository?: { path: string; host: string; source: HostSource };
}

const PYTHON = "/usr/bin/python3";
const scratch = mkdtempSync(join(tmpdir(), "migpolicy-libvirtd-"));
const otherPki = join(scratch, "other-pki");
execFileSync(PYTHON, [join(ROOT, "test/differential/make_pki.py"), "other", otherPki]);
const foreignPki = join(scratch, "foreign-pki");
execFileSync(PYTHON, [join(ROOT, "test/differential/make_pki.py"), "foreign", foreignPki]);

const CURRENT_GUIDE = join(EXAMPLES, "guide-current-fleet/compute-1");
/** Debian 12 with libvirtd's sockets enabled (socket activation: libvirtd.socket, -ro, -admin, -tcp). */
const SOCKETS = join(ROOT, "test/fixtures/layouts/debian-socket-host");

/** A copy of a host (the current guide's compute-1: TLS, --listen, no DN list) with files replaced or lines appended. */
function edge(
  name: string,
  change: {
    append?: Record<string, string>;
    replace?: Record<string, string>;
    copy?: Record<string, string>;
    link?: Record<string, string>;
    remove?: string[];
  },
  base = CURRENT_GUIDE,
): DaemonCase {
  const root = mkdtempSync(join(scratch, "host-"));
  cpSync(base, root, { recursive: true, verbatimSymlinks: true });
  for (const path of change.remove ?? []) rmSync(join(root, path));
  for (const [path, target] of Object.entries(change.link ?? {})) symlinkSync(target, join(root, path));
  for (const [path, text] of Object.entries(change.append ?? {})) writeFileSync(join(root, path), readFileSync(join(root, path), "utf8") + text);
  for (const [path, text] of Object.entries(change.replace ?? {})) writeFileSync(join(root, path), text);
  for (const [path, from] of Object.entries(change.copy ?? {})) cpSync(from, join(root, path), { recursive: true });
  return { name, root };
}

const LIBVIRTD = "etc/libvirt/libvirtd.conf";
const expired = join(scratch, "expired");
execFileSync(PYTHON, [join(ROOT, "test/differential/make_pki.py"), "expired-server", expired]);

const cases: DaemonCase[] = [];
for (const fleet of ["guide-2019-fleet", "guide-current-fleet", "ossn-0007-fleet", "secure-fleet", "tunnelled-and-native-tls"]) {
  for (const host of ["compute-1", "compute-2"]) cases.push({ name: `examples/${fleet}/${host}`, root: join(EXAMPLES, fleet, host) });
}
cases.push(
  edge("TCP without authentication", { append: { [LIBVIRTD]: 'listen_tcp = 1\nauth_tcp = "none"\n' } }),
  edge("TCP with the default SASL", { append: { [LIBVIRTD]: "listen_tcp = 1\n" } }),
  edge("listen_tls without --listen", { replace: { "etc/sysconfig/libvirtd": 'LIBVIRTD_ARGS=""\n' } }),
  edge("an empty tls_allowed_dn_list", { append: { [LIBVIRTD]: "tls_allowed_dn_list = []\n" } }),
  edge("a DN list naming this host", { append: { [LIBVIRTD]: 'tls_allowed_dn_list = ["O=Example Cloud,CN=compute-1.example.org"]\n' } }),
  edge("a DN list with a wildcard", { append: { [LIBVIRTD]: 'tls_allowed_dn_list = ["O=Example Cloud,CN=*"]\n' } }),
  edge("auth_tls sasl", { append: { [LIBVIRTD]: 'auth_tls = "sasl"\n' } }),
  edge("an expired server certificate", {
    copy: { "etc/pki/libvirt/servercert.pem": join(expired, "servercert.pem"), "etc/pki/libvirt/private/serverkey.pem": join(expired, "serverkey.pem") },
  }),
  edge("a server key that is another host's", { copy: { "etc/pki/libvirt/private/serverkey.pem": join(ROOT, "test/fixtures/pki/compute-2-key.pem") } }),
  edge("an unclosed list", { append: { [LIBVIRTD]: 'tls_allowed_dn_list = ["O=Example Cloud,CN=compute-1.example.org",\n\nlisten_tcp = 0\n' } }),
  edge("a quoted boolean", { append: { [LIBVIRTD]: 'listen_tls = "1"\n' } }),
  edge("two listen_addr lines", { append: { [LIBVIRTD]: 'listen_addr = "192.0.2.21"\nlisten_addr = "192.0.2.22"\n' } }),
  edge("listen_addr", { append: { [LIBVIRTD]: 'listen_addr = "192.0.2.11"\n' } }),
  edge("a qemu.conf that does not parse", { append: { "etc/libvirt/qemu.conf": "migrate_tls_force = yes\n" } }),
  { name: "layouts/debian-socket-host", root: SOCKETS },
  edge("socket activation with --listen", { replace: { "etc/default/libvirtd": 'LIBVIRTD_ARGS="--listen"\n' } }, SOCKETS),
  edge("socket activation ignores listen_addr", { append: { [LIBVIRTD]: 'listen_addr = "192.0.2.14"\n' } }, SOCKETS),
  edge(
    "socket activation: a wanted TLS socket that is masked",
    {
      link: { "etc/systemd/system/sockets.target.wants/libvirtd-tls.socket": "/lib/systemd/system/libvirtd-tls.socket" },
    },
    SOCKETS,
  ),
  edge(
    "socket activation with the TLS socket and a DN list",
    {
      remove: ["etc/systemd/system/libvirtd-tls.socket"],
      link: { "etc/systemd/system/sockets.target.wants/libvirtd-tls.socket": "/lib/systemd/system/libvirtd-tls.socket" },
      copy: { "etc/pki": join(CURRENT_GUIDE, "etc/pki") },
      append: { [LIBVIRTD]: 'tls_allowed_dn_list = ["O=Example Cloud,CN=compute-1.example.org"]\n' },
    },
    SOCKETS,
  ),
  edge("custom ports", { append: { [LIBVIRTD]: 'listen_tcp = 1\nauth_tcp = "none"\ntcp_port = "16600"\ntls_port = "16601"\n' } }),
  edge("listen_addr 0.0.0.0", { append: { [LIBVIRTD]: 'listen_addr = "0.0.0.0"\n' } }),
  edge("listen_addr ::", { append: { [LIBVIRTD]: 'listen_addr = "::"\n' } }),
  edge("listen_addr on IPv6", { append: { [LIBVIRTD]: 'listen_addr = "2001:db8::11"\n' } }),
  edge("tls_no_verify_certificate", { append: { [LIBVIRTD]: "tls_no_verify_certificate = 1\n" } }),
  edge("tls_no_verify_certificate with a DN list", {
    append: { [LIBVIRTD]: 'tls_no_verify_certificate = 1\ntls_allowed_dn_list = ["O=Example Cloud,CN=compute-1.example.org"]\n' },
  }),
  edge("auth_tcp none over the TLS port too", { append: { [LIBVIRTD]: 'auth_tls = "none"\n' } }),
  edge("tcp and tls together", { append: { [LIBVIRTD]: 'listen_tcp = 1\nauth_tcp = "none"\ntls_allowed_dn_list = ["O=Example Cloud,CN=compute-*"]\n' } }),
);

/**
 * Kolla-Ansible and Kayobe repositories: each compute host's nova_libvirt files as migpolicy
 * renders them, placed where the container has them (kolla's config.json: /etc/libvirt, the
 * certificates in /etc/pki), libvirtd started with --listen as kolla_nova_libvirt_start.sh
 * does. The interface address, an Ansible fact, is a documentation address; qemu.conf's
 * user and group (the container's nova) are root, as no nova user exists here.
 */
const CONTAINER_PKI: Record<string, string> = {
  "cacert.pem": "etc/pki/CA/cacert.pem",
  "servercert.pem": "etc/pki/libvirt/servercert.pem",
  "serverkey.pem": "etc/pki/libvirt/private/serverkey.pem",
  "clientcert.pem": "etc/pki/libvirt/clientcert.pem",
  "clientkey.pem": "etc/pki/libvirt/private/clientkey.pem",
};
for (const fixture of ["defaults", "tls-only", "native-tls", "per-host-override", "train", "ossn-0089", "kayobe", "kayobe-environments"]) {
  const path = join(ROOT, "test/fixtures/kolla", fixture);
  const tree = new Tree(path);
  for (const source of discoverHosts(tree, fixture)) {
    if (source.deployment === undefined) continue;
    const rendered = renderKollaHost(new TreeFiles(tree), source.deployment);
    // A host not evaluated, or whose certificates the repository does not hold (libvirtd would need them): nothing to compare.
    if (rendered.unrendered.length > 0 || rendered.pkiNotShown !== null) continue;
    const root = mkdtempSync(join(scratch, "kolla-"));
    for (const folder of ["etc/libvirt", "etc/pki/CA", "etc/pki/libvirt/private", "etc/default"]) mkdirSync(join(root, folder), { recursive: true });
    writeFileSync(join(root, "etc/default/libvirtd"), 'LIBVIRTD_ARGS="--listen"\n');
    for (const file of rendered.files) {
      const name = file.path.slice(file.path.indexOf("/") + 1);
      if (!file.path.startsWith("nova-libvirt/")) continue;
      if (file.copy !== undefined && CONTAINER_PKI[name] !== undefined) writeFileSync(join(root, CONTAINER_PKI[name]), file.copy.bytes);
      if (file.lines === null || !["libvirtd.conf", "qemu.conf"].includes(name)) continue;
      const text = file.lines
        .map((line) => line.text.replace(/[\w.-]+-address-of-[\w.-]+/g, "192.0.2.50").replace(/^(user|group) = "nova"$/, '$1 = "root"'))
        .join("\n");
      writeFileSync(join(root, "etc/libvirt", name), `${text}\n`);
    }
    cases.push({ name: `kolla/${fixture}/${source.deployment.host}`, root, repository: { path, host: source.deployment.host, source } });
  }
}

const answers = JSON.parse(
  execFileSync(PYTHON, [join(ROOT, "test/differential/libvirtd_oracle.py")], {
    input: JSON.stringify({ cases: cases.map(({ root }) => ({ root, other_pki: otherPki, foreign_pki: foreignPki })) }),
    maxBuffer: 16 << 20,
    stdio: ["pipe", "pipe", "ignore"],
  }).toString(),
) as DaemonAnswer[];

interface Listener {
  daemon: string;
  transport: string;
  port: string | number;
  activation: string;
}

/** migpolicy's model of who listens (policies/lib/libvirt.rego), asked of the real OPA on the host document. */
function listenersOf(root: string): Listener[] {
  const t = new Tree(root);
  const { document } = loadBuilt(t, discoverHosts(t, "h")[0]!);
  const out = opa(["eval", "--format", "json", "-d", "policies", "--stdin-input", "data.migpolicy.lib.libvirt.listeners"], JSON.stringify(document));
  return JSON.parse(out).result[0].expressions[0].value as Listener[];
}

const portOf = (socket: string) => Number(socket.slice(socket.lastIndexOf(":") + 1));
const addressOf = (socket: string) => socket.slice(0, socket.lastIndexOf(":"));
const WILDCARD = new Set(["0.0.0.0", "[::]", "*"]);

function rules(findings: Finding[]): Set<string> {
  return new Set(findings.map((f) => f.rule));
}

function check(daemon: DaemonAnswer, host: HostSummary, findings: Finding[], listeners: Listener[]) {
  const fired = rules(findings);
  const refusedBy = host.verdict.summary === "migrations fail" && /^(libvirtd|the QEMU driver)\b/.test(host.verdict.reason);
  assert.is(refusedBy, !daemon.running, `libvirtd ${daemon.running ? "runs" : `refuses: ${daemon.errors.join(" / ")}`}; migpolicy: ${host.verdict.reason}`);
  if (!daemon.running) {
    // The line libvirt names, where it names one, is the line LV-014 reports.
    const named = daemon.errors.map((e) => /\.conf:(\d+):/.exec(e)?.[1]).find((line) => line !== undefined);
    if (named !== undefined) {
      const lines = findings.filter((f) => f.rule === "LV-014").map((f) => ("line" in f.location ? f.location.line : 0));
      assert.ok(lines.includes(Number(named)), `libvirt names line ${named}; LV-014 at ${lines.join(", ")}`);
    }
    return;
  }
  const ports = [...new Set(daemon.listen.map(portOf))].sort();
  const modelled = [...new Set(listeners.filter((l) => l.daemon === "libvirtd").map((l) => Number(l.port)))].sort();
  assert.equal(modelled, ports, `listening ports: libvirtd ${daemon.listen.join(" ")}`);
  const everywhere = daemon.listen.some((socket) => WILDCARD.has(addressOf(socket)));
  if (daemon.listen.length > 0) assert.is(fired.has("LV-008"), everywhere, `LV-008 (every interface): libvirtd listens on ${daemon.listen.join(" ")}`);
  if (daemon.clients.tcp_anonymous !== undefined) {
    assert.is(fired.has("LV-001"), daemon.clients.tcp_anonymous === "in", `LV-001: a client without credentials is ${daemon.clients.tcp_anonymous}`);
  }
  // Authorisation: whether a stranger gets in, by any door (no credentials, another name's
  // certificate, a certificate from a CA the host does not trust).
  const strangers = [daemon.clients.tcp_anonymous, daemon.clients.tls_other, daemon.clients.tls_foreign];
  const strangerIn = strangers.some((client) => client === "in" || client === "access-denied");
  const expected = strangerIn ? "unprotected" : daemon.listen.length > 0 ? "protected" : "not-applicable";
  assert.is(host.verdict.authorisation.status, expected, `strangers: ${strangers.join(", ")}; migpolicy: ${host.verdict.authorisation.by}`);
  if (daemon.clients.tls_foreign !== undefined) {
    assert.is(
      fired.has("LV-004"),
      daemon.clients.tls_foreign !== "refused",
      `LV-004: a certificate from a CA it does not trust is ${daemon.clients.tls_foreign}`,
    );
  }
  if (daemon.clients.tls_own === "refused") {
    const why = ["LV-006", "FLEET-002"].filter((rule) => fired.has(rule));
    assert.ok(why.length > 0 || host.verdict.authorisation.by.includes("sasl"), "the tree's own certificate is refused: migpolicy says why");
  }
}

const scans = new Map<string, ReturnType<typeof scan>>();
function scanned(path: string) {
  let result = scans.get(path);
  if (result === undefined) {
    result = scan(path);
    scans.set(path, result);
  }
  return result;
}

test("the real libvirtd answered every case, and they cover every example", () => {
  assert.is(answers.length, cases.length);
  assert.ok(answers.filter((a) => a.running).length >= 10 && answers.some((a) => !a.running));
  assert.ok(cases.filter((c) => c.repository !== undefined).length >= 12, "the rendered hosts of the Kolla and Kayobe fixtures are cases");
});

cases.forEach((daemonCase, index) => {
  test(`libvirtd and migpolicy agree: ${daemonCase.name}`, () => {
    const daemon = answers[index]!;
    const { repository } = daemonCase;
    if (repository !== undefined) {
      const result = scanned(repository.path);
      const host = result.hosts.find((h) => h.name === repository.host);
      const tree = new Tree(repository.path);
      const { document } = loadBuilt(tree, repository.source);
      const out = opa(["eval", "--format", "json", "-d", "policies", "--stdin-input", "data.migpolicy.lib.libvirt.listeners"], JSON.stringify(document));
      const listeners = JSON.parse(out).result[0].expressions[0].value as Listener[];
      check(
        daemon,
        host!,
        result.findings.filter((f) => f.host === repository.host),
        listeners,
      );
      return;
    }
    const result = scan(daemonCase.root);
    const [host] = result.hosts;
    check(daemon, host!, result.findings, listenersOf(daemonCase.root));
  });
});

test.run();
