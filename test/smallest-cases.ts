/**
 * The smallest tree for each rule of the pack (test/smallest.test.ts, test/fixes.test.ts): a
 * tree holds only what its rules need: a nova.conf without a [libvirt] section, no
 * nova.conf.d, no PKI, no versions, no firewall.
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ROOT } from "./helpers.js";

const PKI = join(ROOT, "test/fixtures/pki");

/** A file's text; `{ link }` a symbolic link; `{ fixture }` a copy of test/fixtures/pki/<fixture>; `mode` a chmod. */
type Entry = string | { link: string } | { fixture: string; mode?: number } | { text: string; mode: number };
type Files = Record<string, Entry>;

export interface Case {
  story: string;
  rules: string[];
  /** One host's tree, or a fleet: host folder → its tree. */
  files?: Files;
  hosts?: Record<string, Files>;
}

function write(dir: string, files: Files): void {
  for (const [path, entry] of Object.entries(files)) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    if (typeof entry === "string") writeFileSync(target, entry);
    else if ("link" in entry) symlinkSync(entry.link, target);
    else if ("fixture" in entry) {
      copyFileSync(join(PKI, entry.fixture), target);
      if (entry.mode !== undefined) chmodSync(target, entry.mode);
    } else {
      writeFileSync(target, entry.text);
      chmodSync(target, entry.mode);
    }
  }
}

const DEBIAN_12 = `Package: libvirt-daemon
Status: install ok installed
Version: 9.0.0-4+deb12u2

Package: nova-compute
Status: install ok installed
Version: 2:26.2.2-1~deb12u5

Package: qemu-system-x86
Status: install ok installed
Version: 1:7.2+dfsg-7+deb12u18+b3
`;

const status = (nova: string, libvirt: string, qemu: string) =>
  `Package: libvirt-daemon\nStatus: install ok installed\nVersion: ${libvirt}\n\nPackage: nova-compute\nStatus: install ok installed\nVersion: ${nova}\n\nPackage: qemu-system-x86\nStatus: install ok installed\nVersion: ${qemu}\n`;

const NOVA = "etc/nova/nova.conf";
const LIBVIRTD = "etc/libvirt/libvirtd.conf";
const QEMU = "etc/libvirt/qemu.conf";
const ARGS = "etc/default/libvirtd";
const LISTEN = { [ARGS]: 'LIBVIRTD_ARGS="--listen"\n' };
const NATIVE_TLS = { [NOVA]: "[libvirt]\nlive_migration_scheme = tls\nlive_migration_with_native_tls = true\n", "var/lib/dpkg/status": DEBIAN_12 };
const QEMU_PAIR = {
  "etc/pki/qemu/ca-cert.pem": { fixture: "ca-cert.pem" },
  "etc/pki/qemu/server-cert.pem": { fixture: "compute-1-cert.pem" },
  "etc/pki/qemu/server-key.pem": { fixture: "compute-1-key.pem", mode: 0o600 },
  "etc/pki/qemu/client-cert.pem": { fixture: "compute-1-cert.pem" },
  "etc/pki/qemu/client-key.pem": { fixture: "compute-1-key.pem", mode: 0o600 },
};
const WANTS = "etc/systemd/system/multi-user.target.wants";
const SOCKETS = "etc/systemd/system/sockets.target.wants";
const IPTABLES = (rules: string) => ({
  "etc/sysconfig/iptables": `*filter\n:INPUT DROP [0:0]\n${rules}COMMIT\n`,
  "lib/systemd/system/iptables.service": "[Service]\nExecStart=/usr/libexec/iptables/iptables.init start\n",
  [`${WANTS}/iptables.service`]: { link: "/lib/systemd/system/iptables.service" },
});

/** A host of a fleet: its name, native TLS and the scheme, and the given certificates. */
const fleetHost = (name: string, extra: Files): Files => ({
  "etc/hostname": `${name}.example.org\n`,
  ...NATIVE_TLS,
  ...extra,
});

export const cases: Case[] = [
  {
    story: "an empty nova.conf: plain TCP, nothing encrypted",
    rules: ["NOVA-001", "NOVA-003", "NOVA-004"],
    files: { [NOVA]: "[DEFAULT]\n" },
  },
  { story: "native TLS without the scheme (OSSN-0089)", rules: ["NOVA-002"], files: { [NOVA]: "[libvirt]\nlive_migration_with_native_tls = true\n" } },
  {
    story: "tunnelled and native TLS",
    rules: ["NOVA-005"],
    files: { [NOVA]: "[libvirt]\nlive_migration_tunnelled = true\nlive_migration_with_native_tls = true\n" },
  },
  {
    story: "tunnelling on nova 26",
    rules: ["NOVA-010"],
    files: { [NOVA]: "[libvirt]\nlive_migration_tunnelled = true\n", "var/lib/dpkg/status": DEBIAN_12 },
  },
  { story: "a live_migration_uri", rules: ["NOVA-006"], files: { [NOVA]: "[libvirt]\nlive_migration_uri = qemu+tls://%s/system\n" } },
  { story: "no_verify=1 in the URI", rules: ["NOVA-007"], files: { [NOVA]: "[libvirt]\nlive_migration_uri = qemu+tls://%s/system?no_verify=1\n" } },
  { story: "a URI without %s", rules: ["NOVA-008"], files: { [NOVA]: "[libvirt]\nlive_migration_uri = qemu+tls://peer/system\n" } },
  { story: "an insecure scheme", rules: ["NOVA-009"], files: { [NOVA]: "[libvirt]\nlive_migration_scheme = rdma\n" } },
  {
    story: "nova 20 on libvirt 4.0 with native TLS",
    rules: ["NOVA-011"],
    files: { ...NATIVE_TLS, "var/lib/dpkg/status": status("2:20.6.1-1", "4.0.0-1", "1:2.11+dfsg-1") },
  },
  {
    story: "native TLS on nova 18",
    rules: ["NOVA-012"],
    files: { ...NATIVE_TLS, "var/lib/dpkg/status": status("2:18.3.0-1", "5.0.0-1", "1:3.1+dfsg-1") },
  },
  { story: "the removed live_migration_flag", rules: ["NOVA-013"], files: { [NOVA]: "[libvirt]\nlive_migration_flag = VIR_MIGRATE_TUNNELLED\n" } },
  { story: "a misspelled option", rules: ["NOVA-014"], files: { [NOVA]: "[libvirt]\nlive_migration_shceme = tls\n" } },
  { story: "an inline comment", rules: ["NOVA-015"], files: { [NOVA]: "[libvirt]\nlive_migration_scheme = tls # secure\n" } },
  { story: "a nova.conf that does not parse", rules: ["NOVA-016"], files: { [NOVA]: "[libvirt\n" } },
  { story: "a [default] section", rules: ["NOVA-017"], files: { [NOVA]: "[default]\ndebug = true\n" } },
  {
    story: "native TLS where the package list names libvirt 4.0 and no nova",
    rules: ["VER-001"],
    files: {
      [NOVA]: NATIVE_TLS[NOVA],
      "var/lib/dpkg/status":
        "Package: libvirt-daemon\nStatus: install ok installed\nVersion: 4.0.0-1\n\nPackage: qemu-system-x86\nStatus: install ok installed\nVersion: 1:2.11+dfsg-1\n",
    },
  },
  {
    story: "an option set twice",
    rules: ["NOVA-018"],
    files: { [NOVA]: "[libvirt]\nlive_migration_scheme = tls\nlive_migration_scheme = tls\n" },
  },
  {
    story: "two hosts that migrate differently",
    rules: ["NOVA-019"],
    hosts: {
      "compute-1": { "etc/hostname": "compute-1\n", [NOVA]: "[libvirt]\nlive_migration_scheme = tls\n" },
      "compute-2": { "etc/hostname": "compute-2\n", [NOVA]: "[DEFAULT]\n" },
    },
  },
  { story: "VNC on the network without VeNCrypt", rules: ["NOVA-021"], files: { [NOVA]: "[vnc]\nenabled = true\nserver_listen = 0.0.0.0\n" } },
  {
    story: "nova's credentials readable by everyone",
    rules: ["NOVA-022"],
    files: { [NOVA]: { text: "[database]\nconnection = mysql+pymysql://nova:example@db/nova\n", mode: 0o644 } },
  },
  { story: "nova-compute on plain TCP to its libvirtd", rules: ["NOVA-024"], files: { [NOVA]: "[libvirt]\nconnection_uri = qemu+tcp://localhost/system\n" } },
  { story: "a virt_type that cannot migrate securely", rules: ["NOVA-025"], files: { [NOVA]: "[libvirt]\nvirt_type = parallels\n" } },

  {
    story: "libvirtd on TCP without authentication (OSSN-0007)",
    rules: ["LV-001", "LV-008", "LV-017"],
    files: { [LIBVIRTD]: 'listen_tcp = 1\nauth_tcp = "none"\n', ...LISTEN },
  },
  { story: "libvirtd on TCP with SASL", rules: ["LV-003"], files: { [LIBVIRTD]: "listen_tcp = 1\n", ...LISTEN } },
  {
    story: "SASL with a mechanism that does not encrypt",
    rules: ["LV-002"],
    files: { [LIBVIRTD]: "listen_tcp = 1\n", ...LISTEN, "etc/sasl2/libvirt.conf": "mech_list: scram-sha-256\n" },
  },
  { story: "no client certificate verification", rules: ["LV-004"], files: { [LIBVIRTD]: "tls_no_verify_certificate = 1\n", ...LISTEN } },
  { story: "a TLS listener that admits any certificate the CA signed", rules: ["LV-005"], files: { [LIBVIRTD]: 'listen_addr = "192.0.2.11"\n', ...LISTEN } },
  { story: "an empty allow list", rules: ["LV-006"], files: { [LIBVIRTD]: "tls_allowed_dn_list = []\n", ...LISTEN } },
  { story: "no sanity checks", rules: ["LV-007"], files: { [LIBVIRTD]: "tls_no_sanity_certificate = 1\n", ...LISTEN } },
  {
    story: "--listen under socket activation",
    rules: ["LV-009"],
    files: {
      [LIBVIRTD]: "",
      ...LISTEN,
      "lib/systemd/system/libvirtd.socket": "[Socket]\nListenStream=/run/libvirt/libvirt-sock\n",
      [`${SOCKETS}/libvirtd.socket`]: { link: "/lib/systemd/system/libvirtd.socket" },
    },
  },
  {
    story: "listen_tcp without --listen",
    rules: ["LV-010"],
    files: {
      [LIBVIRTD]: "listen_tcp = 1\n",
      "lib/systemd/system/libvirtd.service": "[Service]\nExecStart=/usr/sbin/libvirtd $LIBVIRTD_ARGS\n",
      [`${WANTS}/libvirtd.service`]: { link: "/lib/systemd/system/libvirtd.service" },
    },
  },
  { story: "key_file alone", rules: ["LV-011"], files: { [LIBVIRTD]: 'key_file = "/etc/pki/libvirt/private/serverkey.pem"\n', ...LISTEN } },
  { story: "a TLS priority that allows TLS 1.0", rules: ["LV-012"], files: { [LIBVIRTD]: 'tls_priority = "NORMAL:+VERS-TLS1.0"\n', ...LISTEN } },
  { story: "an open read-write socket", rules: ["LV-013"], files: { [LIBVIRTD]: 'unix_sock_rw_perms = "0777"\nauth_unix_rw = "none"\n' } },
  { story: "a libvirtd.conf that does not parse", rules: ["LV-014"], files: { [LIBVIRTD]: "listen_tcp = \n" } },
  { story: "a setting twice", rules: ["LV-015"], files: { [LIBVIRTD]: "listen_tcp = 1\nlisten_tcp = 0\n" } },
  {
    story: "virtproxyd serves remote access, libvirtd.conf is configured",
    rules: ["LV-016"],
    files: {
      [LIBVIRTD]: 'tls_allowed_dn_list = ["CN=compute-1"]\n',
      "lib/systemd/system/virtproxyd.socket": "[Socket]\nListenStream=/run/libvirt/libvirt-sock\n",
      [`${SOCKETS}/virtproxyd.socket`]: { link: "/lib/systemd/system/virtproxyd.socket" },
      "lib/systemd/system/virtproxyd-tls.socket": "[Socket]\nListenStream=16514\n",
      [`${SOCKETS}/virtproxyd-tls.socket`]: { link: "/lib/systemd/system/virtproxyd-tls.socket" },
    },
  },

  { story: "native TLS without peer verification", rules: ["QEMU-001"], files: { ...NATIVE_TLS, [QEMU]: "default_tls_x509_verify = 0\n" } },
  {
    story: "a migration folder without its client pair",
    rules: ["QEMU-002"],
    files: { ...NATIVE_TLS, [QEMU]: "", "etc/pki/qemu/ca-cert.pem": { fixture: "ca-cert.pem" } },
  },
  {
    story: "/etc/pki/libvirt-migrate beside a configured folder",
    rules: ["QEMU-003"],
    files: { ...NATIVE_TLS, [QEMU]: 'default_tls_x509_cert_dir = "/etc/pki/qemu"\n', "etc/pki/libvirt-migrate/ca-cert.pem": { fixture: "ca-cert.pem" } },
  },
  {
    story: "a folder named in qemu.conf that does not exist",
    rules: ["QEMU-004"],
    files: { ...NATIVE_TLS, [QEMU]: 'migrate_tls_x509_cert_dir = "/etc/pki/nowhere"\n' },
  },
  { story: "native TLS without migrate_tls_force", rules: ["QEMU-005", "QEMU-006"], files: { ...NATIVE_TLS, [QEMU]: "" } },
  { story: "a loopback migration_address", rules: ["QEMU-007"], files: { [QEMU]: 'migration_address = "127.0.0.1"\n' } },
  { story: "VNC on every interface without TLS", rules: ["QEMU-008"], files: { [QEMU]: 'vnc_listen = "0.0.0.0"\n' } },
  { story: "a console password in qemu.conf", rules: ["QEMU-009"], files: { [QEMU]: 'vnc_password = "example"\n' } },
  { story: "QEMU's TLS priority allows TLS 1.0", rules: ["QEMU-010"], files: { ...NATIVE_TLS, [QEMU]: 'migrate_tls_priority = "NORMAL:+VERS-TLS1.0"\n' } },
  { story: "nbd_tls without native TLS", rules: ["QEMU-011"], files: { [NOVA]: "[DEFAULT]\n", [QEMU]: "nbd_tls = 1\n" } },

  {
    story: "a world-readable key",
    rules: ["PKI-001"],
    files: { ...NATIVE_TLS, ...QEMU_PAIR, "etc/pki/qemu/server-key.pem": { fixture: "compute-1-key.pem", mode: 0o644 } },
  },
  {
    story: "a QEMU key its user cannot read",
    rules: ["PKI-002"],
    files: {
      ...NATIVE_TLS,
      ...QEMU_PAIR,
      [QEMU]: 'user = "libvirt-qemu"\ngroup = "kvm"\n',
      "etc/passwd": "root:x:0:0:root:/root:/bin/bash\nlibvirt-qemu:x:64055:993::/var/lib/libvirt:/usr/sbin/nologin\n",
      "etc/group": "root:x:0:\nkvm:x:993:\n",
    },
  },
  {
    story: "libvirtd's key readable by another group",
    rules: ["PKI-003"],
    files: {
      [LIBVIRTD]: "",
      ...LISTEN,
      "etc/pki/libvirt/private/serverkey.pem": { fixture: "compute-1-key.pem", mode: 0o640 },
      // The tree's files belong to whoever runs the test: here that group is "users".
      "etc/group": `users:x:${process.getgid?.() ?? 100}:\n`,
    },
  },
  {
    story: "the CA's key on a compute host",
    rules: ["PKI-004"],
    files: {
      [NOVA]: "[DEFAULT]\n",
      "etc/pki/CA/cacert.pem": { fixture: "ca-cert.pem" },
      "etc/pki/CA/private/cakey.pem": { fixture: "ca-key.pem", mode: 0o600 },
    },
  },
  { story: "an expired certificate", rules: ["PKI-005"], files: { ...NATIVE_TLS, "etc/pki/qemu/server-cert.pem": { fixture: "expired-cert.pem" } } },
  {
    story: "a CA certificate as the server certificate",
    rules: ["PKI-006"],
    files: { ...NATIVE_TLS, "etc/pki/qemu/server-cert.pem": { fixture: "ca-cert.pem" } },
  },
  {
    story: "a server certificate without the host's name",
    rules: ["PKI-007"],
    files: { "etc/hostname": "compute-1.example.org\n", ...NATIVE_TLS, "etc/pki/qemu/server-cert.pem": { fixture: "misnamed-cert.pem" } },
  },
  {
    story: "a certificate not issued by the CA beside it",
    rules: ["PKI-008"],
    files: { ...NATIVE_TLS, "etc/pki/qemu/ca-cert.pem": { fixture: "ca-cert.pem" }, "etc/pki/qemu/server-cert.pem": { fixture: "ec-cert.pem" } },
  },
  { story: "a weak certificate", rules: ["PKI-009"], files: { ...NATIVE_TLS, "etc/pki/qemu/server-cert.pem": { fixture: "weak-cert.pem" } } },
  { story: "a readable credential", rules: ["PKI-011"], files: { [NOVA]: "[DEFAULT]\n", "etc/libvirt/passwd.db": { text: "not a database\n", mode: 0o644 } } },
  {
    story: "a stray key copy",
    rules: ["PKI-012"],
    files: { ...NATIVE_TLS, ...QEMU_PAIR, "etc/pki/qemu/server-key-copy.pem": { fixture: "compute-1-key.pem", mode: 0o600 } },
  },
  {
    story: "a key that is not its certificate's",
    rules: ["PKI-013"],
    files: { ...NATIVE_TLS, ...QEMU_PAIR, "etc/pki/qemu/client-key.pem": { fixture: "compute-2-key.pem", mode: 0o600 } },
  },

  {
    story: "a listener and an installed firewall that is not enabled",
    rules: ["FW-001"],
    files: { [LIBVIRTD]: "", ...LISTEN, "lib/systemd/system/firewalld.service": "[Unit]\n" },
  },
  {
    story: "iptables open on 16509 to all",
    rules: ["FW-002"],
    files: { [LIBVIRTD]: "listen_tcp = 1\n", ...LISTEN, ...IPTABLES("-A INPUT -p tcp --dport 16509 -j ACCEPT\n") },
  },
  { story: "iptables open on 16514 to all", rules: ["FW-003"], files: { [LIBVIRTD]: "", ...LISTEN, ...IPTABLES("-A INPUT -p tcp --dport 16514 -j ACCEPT\n") } },
  {
    story: "iptables closed on QEMU's migration ports",
    rules: ["FW-004"],
    files: { ...NATIVE_TLS, [LIBVIRTD]: "", ...LISTEN, ...IPTABLES("-A INPUT -s 192.0.2.0/24 -p tcp --dport 16514 -j ACCEPT\n") },
  },

  {
    story: "two hosts that trust different CAs",
    rules: ["FLEET-001"],
    hosts: {
      "compute-1": fleetHost("compute-1", { "etc/pki/qemu/ca-cert.pem": { fixture: "ca-cert.pem" } }),
      "compute-2": fleetHost("compute-2", { "etc/pki/qemu/ca-cert.pem": { fixture: "rogue-ca-cert.pem" } }),
    },
  },
  {
    story: "a DN list that refuses a peer",
    rules: ["FLEET-002"],
    hosts: {
      "compute-1": fleetHost("compute-1", { [LIBVIRTD]: 'tls_allowed_dn_list = ["O=Example Cloud,CN=compute-1.example.org"]\n', ...LISTEN }),
      "compute-2": fleetHost("compute-2", { "etc/pki/libvirt/clientcert.pem": { fixture: "compute-2-cert.pem" } }),
    },
  },
  {
    story: "two hosts with one certificate",
    rules: ["FLEET-003"],
    hosts: {
      "compute-1": fleetHost("compute-1", { "etc/pki/qemu/server-cert.pem": { fixture: "compute-1-cert.pem" } }),
      "compute-2": fleetHost("compute-2", { "etc/pki/qemu/server-cert.pem": { fixture: "compute-1-cert.pem" } }),
    },
  },
  {
    story: "two hosts with one name",
    rules: ["FLEET-004"],
    hosts: { "compute-1": fleetHost("compute", {}), "compute-2": fleetHost("compute", {}) },
  },
  {
    story: "a Kolla-Ansible repository whose host key is committed in clear",
    rules: ["DEP-001"],
    files: {
      "etc/kolla/globals.yml": 'libvirt_tls: "yes"\n',
      "etc/kolla/multinode": "[compute]\ncompute-1\n",
      "etc/kolla/config/nova/nova-libvirt/serverkey.pem": { fixture: "compute-1-key.pem" },
    },
  },
  {
    story: "a peer's certificate from a CA of the same name and another key",
    rules: ["FLEET-006"],
    hosts: {
      "compute-1": fleetHost("compute-1", { "etc/pki/qemu/ca-cert.pem": { fixture: "ca-cert.pem" } }),
      "compute-2": fleetHost("compute-2", {
        "etc/pki/qemu/ca-cert.pem": { fixture: "rogue-ca-cert.pem" },
        "etc/pki/qemu/server-cert.pem": { fixture: "compute-2-rogue-cert.pem" },
      }),
    },
  },
];

export function build(c: Case): string {
  const dir = mkdtempSync(join(tmpdir(), "migpolicy-smallest-"));
  if (c.files) write(dir, c.files);
  for (const [host, files] of Object.entries(c.hosts ?? {})) write(join(dir, host), files);
  return dir;
}
