/** Each layout is detected and read from a realistic tree (test/fixtures/layouts). */
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { discoverHosts } from "../src/loader/discover.js";
import { Tree } from "../src/loader/fs.js";
import type { HostDocument } from "../src/model/host.js";
import { assertHostDocument } from "../src/index.js";
import { scan } from "../src/index.js";
import { placeOf, ROOT, tree, loadBuilt } from "./helpers.js";

const LAYOUTS = join(ROOT, "test/fixtures/layouts");

function load(path: string): HostDocument {
  const tree = new Tree(join(LAYOUTS, path));
  const [source, ...rest] = discoverHosts(tree, path.split("/").pop()!);
  assert.ok(source);
  assert.is(rest.length, 0);
  const { document, diagnostics } = loadBuilt(tree, source!);
  assertHostDocument(document);
  assert.equal(diagnostics, []);
  return document;
}

test("a fleet of mixed layouts: each subfolder is one host of its own layout", () => {
  assert.equal(
    discoverHosts(new Tree(LAYOUTS), "layouts").map((h) => [h.root, h.layout]),
    [
      ["debian-socket-host", "host-root"],
      ["kolla-host", "kolla"],
      ["sosreport-compute-3-2026-11-20-xkqzvbm", "sosreport"],
      ["tripleo-host", "tripleo"],
    ],
  );
});

test("Kolla-Ansible host: nova-compute and nova-libvirt config dirs, libvirtd --listen in its container", () => {
  const doc = load("kolla-host");
  assert.equal(doc.host, { name: "kolla-compute-1", root: ".", layout: "kolla", name_source: "tree" });
  assert.equal(doc.nova.files, ["etc/kolla/nova-compute/nova.conf"]);
  assert.equal(doc.daemon.libvirtd_args, { words: ["--listen"], source: "container" });
  assert.is(doc.daemon.units["libvirtd.socket"]?.state, "absent");
  assert.equal(doc.libvirtd.options.listen_tcp?.location, { file: "etc/kolla/nova-libvirt/libvirtd.conf", line: 1, column: 1, end_line: 1, end_column: 11 });
  assert.is(doc.libvirtd.options.auth_tcp?.value, "sasl");
  assert.is(doc.nova.sections.libvirt?.options.live_migration_inbound_addr?.value, "192.0.2.21");
  assert.is(doc.nova.sections.DEFAULT?.options.transport_url?.secret, true);
});

test("Kolla's /etc/kolla folder scanned by itself", () => {
  const doc = load("kolla-host/etc/kolla");
  assert.equal(doc.host, { name: "kolla", root: ".", layout: "kolla", name_source: "folder" });
  assert.equal(doc.nova.files, ["nova-compute/nova.conf"]);
});

test("TripleO host: puppet-generated nova_libvirt config", () => {
  const doc = load("tripleo-host");
  assert.is(doc.host.layout, "tripleo");
  assert.is(doc.host.name, "overcloud-novacompute-0");
  assert.equal(doc.nova.files, ["var/lib/config-data/puppet-generated/nova_libvirt/etc/nova/nova.conf"]);
  assert.is(doc.nova.sections.libvirt?.options.live_migration_scheme?.value, "tls");
  assert.is(doc.nova.sections.libvirt?.options.live_migration_with_native_tls?.value, true);
  assert.is(doc.qemu.options.migration_port_min?.value, 61152);
  assert.equal(doc.daemon.libvirtd_args, { words: ["--listen"], source: "container" });
});

test("sosreport: named by its hostname file, unit states from systemctl list-unit-files, redacted values kept as secrets", () => {
  const doc = load("sosreport-compute-3-2026-11-20-xkqzvbm");
  assert.equal(doc.host, { name: "compute-3.example.org", root: ".", layout: "sosreport", name_source: "tree" });
  assert.equal(doc.daemon.units["virtproxyd-tls.socket"], {
    state: "enabled",
    source: "unit-file-list",
    location: { file: "sos_commands/systemd/systemctl_list-unit-files", line: 11, column: 1 },
    listen: ["198.51.100.13:16514"],
    listen_location: { file: "etc/systemd/system/virtproxyd-tls.socket.d/listen.conf", line: 3, column: 1, end_line: 3, end_column: 13 },
  });
  assert.is(doc.daemon.units["libvirtd.socket"]?.state, "disabled");
  assert.is(doc.nova.sections.keystone_authtoken?.options.password?.secret, true);
  assert.is(doc.nova.sections.database?.options.connection?.secret, true);
  assert.equal(doc.virtproxyd.not_collected, "sosreport does not collect /etc/libvirt/virtproxyd.conf");
  assert.equal(doc.daemon.libvirtd_args, { words: ["--timeout", "120"], source: "default" });
});

test("Debian host with socket activation: wants links enable, a /dev/null link masks", () => {
  const doc = load("debian-socket-host");
  assert.equal(doc.nova.files, ["etc/nova/nova.conf", "etc/nova/nova-compute.conf"]);
  assert.equal(doc.daemon.units["libvirtd-tcp.socket"], {
    state: "enabled",
    source: "tree",
    location: { file: "etc/systemd/system/sockets.target.wants/libvirtd-tcp.socket", line: 1, column: 1 },
    listen: ["16509"],
    listen_location: { file: "lib/systemd/system/libvirtd-tcp.socket", line: 9, column: 1, end_line: 9, end_column: 13 },
  });
  assert.equal(doc.daemon.units["libvirtd-tls.socket"], {
    state: "masked",
    source: "tree",
    location: { file: "etc/systemd/system/libvirtd-tls.socket", line: 1, column: 1 },
  });
  assert.is(doc.daemon.units["virtproxyd.socket"]?.state, "absent");
  assert.equal(doc.daemon.libvirtd_args, { words: ["--timeout", "120"], source: "default" });
});

test("installed versions: dpkg status, sosreport's installed-rpms, unknown in containers", () => {
  const debian = load("debian-socket-host").versions;
  assert.equal(debian.source, "dpkg-status");
  assert.equal(debian.nova, {
    package: "nova-common",
    version: "2:26.2.2-1~deb12u5",
    numbers: [26, 2, 2],
    location: { file: "var/lib/dpkg/status", line: 1, column: 1 },
  });
  assert.equal([debian.libvirt?.package, debian.libvirt?.numbers], ["libvirt-daemon-driver-qemu", [9, 0, 0]]);
  assert.equal([debian.qemu?.package, debian.qemu?.numbers], ["qemu-system-x86", [7, 2, 0]]);
  const rdo = load("sosreport-compute-3-2026-11-20-xkqzvbm").versions;
  assert.equal(
    [rdo.source, rdo.nova?.numbers, rdo.libvirt?.numbers, rdo.qemu?.package, rdo.qemu?.numbers],
    ["rpm-list", [31, 1, 0], [10, 10, 0], "qemu-kvm-core", [9, 1, 0]],
  );
  assert.equal(rdo.nova?.location, { file: "installed-rpms", line: 4, column: 1 });
  const kolla = load("kolla-host").versions;
  assert.equal(kolla, {
    source: "none",
    reason: "nova, libvirt and QEMU run from container images, whose packages the host does not list",
    nova: null,
    libvirt: null,
    qemu: null,
  });
});

test("firewall: firewalld zones and rich rules, saved iptables rules, nftables, no firewall, unknown", () => {
  const brief = (doc: HostDocument) => [
    doc.firewall.service,
    ...doc.firewall.ports.map((p) => `${p.from}-${p.to} ${p.status} ${p.sources.join(",")} ${p.locations.map((l) => l.line).join(",")}`),
  ];
  assert.equal(brief(load("sosreport-compute-3-2026-11-20-xkqzvbm")), [
    "firewalld",
    "16509-16509 closed  ",
    "16514-16514 open-to-all 0.0.0.0/0 8",
    "49152-49215 restricted 198.51.100.0/24 9",
  ]);
  assert.equal(brief(load("tripleo-host")), [
    "iptables",
    "16509-16509 closed  ",
    "16514-16514 restricted 172.17.1.0/24 10",
    "61152-61215 restricted 172.17.1.0/24 10",
  ]);
  assert.equal(brief(load("debian-socket-host")), [
    "none",
    "16509-16509 open-to-all 0.0.0.0/0 ",
    "16514-16514 open-to-all 0.0.0.0/0 ",
    "49152-49215 open-to-all 0.0.0.0/0 ",
  ]);
  assert.equal(brief(load("kolla-host")), [
    "nftables",
    "16509-16509 restricted 192.0.2.0/24 11",
    "16514-16514 closed  ",
    "49152-49215 restricted 192.0.2.0/24 11",
  ]);
  assert.is(load("kolla-host/etc/kolla").firewall.service, "unknown");
});

test("Kolla's /etc/kolla by itself: credentials kept in its config folders are found at their host paths", () => {
  const copy = join(tree({}), "kolla");
  cpSync(join(LAYOUTS, "kolla-host/etc/kolla"), copy, { recursive: true });
  writeFileSync(join(copy, "nova-libvirt/auth.conf"), "[credentials-nova]\nusername=nova\n");
  const t = new Tree(copy);
  const { document } = loadBuilt(t, discoverHosts(t, "kolla")[0]!);
  assert.equal(
    document.pki.credentials.map((c) => [c.host_path, c.path]),
    [["/etc/kolla/nova-libvirt/auth.conf", "nova-libvirt/auth.conf"]],
  );
});

test("a firewall service counts as running in every state systemd starts it in (the states the policies use too)", () => {
  const facts = JSON.parse(readFileSync(join(ROOT, "policies/facts/data.json"), "utf8")) as { active_unit_states: string[] };
  const sos = join(LAYOUTS, "sosreport-compute-3-2026-11-20-xkqzvbm");
  for (const state of [...facts.active_unit_states, "disabled", "masked"]) {
    const copy = join(tree({}), "sos");
    cpSync(sos, copy, { recursive: true, verbatimSymlinks: true });
    const list = join(copy, "sos_commands/systemd/systemctl_list-unit-files");
    writeFileSync(list, readFileSync(list, "utf8").replace(/^firewalld\.service +enabled/m, `firewalld.service ${state}`));
    const t = new Tree(copy);
    const { document } = loadBuilt(t, discoverHosts(t, "sos")[0]!);
    const running = facts.active_unit_states.includes(state);
    assert.is(document.firewall.service, running ? "firewalld" : "none", state);
  }
});

test("findings per layout", () => {
  const brief = scan(LAYOUTS).findings.map((f) => `${f.host} ${f.rule} ${placeOf(f.location)}`);
  assert.equal(brief, [
    "null NOVA-019 sosreport-compute-3-2026-11-20-xkqzvbm/etc/nova/nova.conf:5029",
    "null NOVA-019 tripleo-host/var/lib/config-data/puppet-generated/nova_libvirt/etc/nova/nova.conf:5031",
    "compute-3.example.org FW-003 sosreport-compute-3-2026-11-20-xkqzvbm/etc/firewalld/zones/public.xml:8",
    "compute-3.example.org QEMU-001 sosreport-compute-3-2026-11-20-xkqzvbm/etc/libvirt/qemu.conf:49",
    "compute-3.example.org QEMU-005 sosreport-compute-3-2026-11-20-xkqzvbm/etc/libvirt/qemu.conf:409",
    "compute-3.example.org QEMU-006 sosreport-compute-3-2026-11-20-xkqzvbm/etc/libvirt/qemu.conf:784",
    "compute-4 LV-001 debian-socket-host/etc/libvirt/libvirtd.conf:191",
    "compute-4 LV-017 debian-socket-host/etc/libvirt/libvirtd.conf:219",
    "compute-4 QEMU-006 debian-socket-host/etc/libvirt/qemu.conf:784",
    "compute-4 NOVA-001 debian-socket-host/etc/nova/nova.conf:5028",
    "compute-4 NOVA-003 debian-socket-host/etc/nova/nova.conf:5493",
    "compute-4 NOVA-004 debian-socket-host/etc/nova/nova.conf:5493",
    "compute-4 FW-001 debian-socket-host/lib/systemd/system/libvirtd-tcp.socket:9",
    "compute-4 LV-008 debian-socket-host/lib/systemd/system/libvirtd-tcp.socket:9",
    "kolla-compute-1 NOVA-021 kolla-host/etc/kolla/nova-compute/nova.conf:16",
    "kolla-compute-1 NOVA-001 kolla-host/etc/kolla/nova-compute/nova.conf:55",
    "kolla-compute-1 NOVA-003 kolla-host/etc/kolla/nova-compute/nova.conf:55",
    "kolla-compute-1 NOVA-004 kolla-host/etc/kolla/nova-compute/nova.conf:55",
    "kolla-compute-1 NOVA-024 kolla-host/etc/kolla/nova-compute/nova.conf:56",
    "kolla-compute-1 LV-003 kolla-host/etc/kolla/nova-libvirt/libvirtd.conf:1",
    "kolla-compute-1 LV-017 kolla-host/etc/kolla/nova-libvirt/libvirtd.conf:1",
    "kolla-compute-1 QEMU-006 kolla-host/etc/kolla/nova-libvirt/qemu.conf:1",
    "kolla-compute-1 LV-002 kolla-host/etc/kolla/nova-libvirt/sasl.conf:1",
    "overcloud-novacompute-0 LV-008 tripleo-host/var/lib/config-data/puppet-generated/nova_libvirt/etc/libvirt/libvirtd.conf:69",
    "overcloud-novacompute-0 LV-017 tripleo-host/var/lib/config-data/puppet-generated/nova_libvirt/etc/libvirt/libvirtd.conf:219",
    "overcloud-novacompute-0 QEMU-002 tripleo-host/var/lib/config-data/puppet-generated/nova_libvirt/etc/libvirt/qemu.conf:25",
    "overcloud-novacompute-0 QEMU-004 tripleo-host/var/lib/config-data/puppet-generated/nova_libvirt/etc/libvirt/qemu.conf:25",
    "overcloud-novacompute-0 QEMU-006 tripleo-host/var/lib/config-data/puppet-generated/nova_libvirt/etc/libvirt/qemu.conf:784",
  ]);
});

test("--layout forces a layout", () => {
  const result = scan(join(LAYOUTS, "tripleo-host"), { layout: "host-root" });
  assert.equal(
    result.hosts.map((h) => h.layout),
    ["host-root"],
  );
});

test("nova's files carry their path on the host, whatever the layout (a fix's chmod runs there)", () => {
  const hostPaths = (path: string) => (load(path).nova.file_modes ?? []).map((f) => [f.path, f.host_path]);
  assert.equal(hostPaths("kolla-host"), [["etc/kolla/nova-compute/nova.conf", "/etc/kolla/nova-compute/nova.conf"]]);
  assert.equal(hostPaths("sosreport-compute-3-2026-11-20-xkqzvbm"), [["etc/nova/nova.conf", "/etc/nova/nova.conf"]]);
  const tripleo = hostPaths("tripleo-host");
  assert.ok(tripleo.length > 0);
  for (const [path, host] of tripleo) assert.is(host, `/${path}`);
  const dir = tree({});
  cpSync(join(ROOT, "examples/secure-fleet"), dir, { recursive: true });
  chmodSync(join(dir, "compute-1/etc/nova/nova.conf"), 0o644);
  const readable = scan(dir, { fileModes: "trust" }).findings.filter((f) => f.rule === "NOVA-022" && f.location.file.startsWith("compute-1/"));
  assert.equal(
    readable.map((f) => [f.location.file, f.args.file, f.fix?.command]),
    [["compute-1/etc/nova/nova.conf", "/etc/nova/nova.conf", "chmod o-rwx /etc/nova/nova.conf"]],
  );
});

test("a CentOS 7 sosreport: qemu-kvm-ev and python2-nova name the versions, and one too old for native TLS decides", () => {
  const root = mkdtempSync(join(tmpdir(), "migpolicy-centos7-"));
  cpSync(join(ROOT, "test/fixtures/layouts/sosreport-compute-3-2026-11-20-xkqzvbm"), root, { recursive: true, verbatimSymlinks: true });
  // installed-rpms is a link into sos_commands: replace the link, not the fixture it points at.
  rmSync(join(root, "installed-rpms"));
  writeFileSync(
    join(root, "installed-rpms"),
    [
      "libvirt-daemon-3.9.0-14.el7_5.8.x86_64                     Mon 03 Feb 2020 09:12:03 AM UTC",
      "python2-nova-20.6.1-1.el7.noarch                           Mon 03 Feb 2020 09:13:40 AM UTC",
      "qemu-kvm-ev-2.10.0-21.el7_5.7.1.x86_64                      Mon 03 Feb 2020 09:11:58 AM UTC",
      "",
    ].join("\n"),
  );
  const t = new Tree(root);
  const { versions } = loadBuilt(t, discoverHosts(t, "h")[0]!).document;
  assert.equal(
    [versions.nova?.package, versions.libvirt?.numbers, versions.qemu?.package, versions.qemu?.numbers],
    ["python2-nova", [3, 9, 0], "qemu-kvm-ev", [2, 10, 0]],
  );
  const result = scan(root);
  const [host] = result.hosts;
  assert.equal([host!.verdict.memory.status, host!.verdict.summary], ["unprotected", "not encrypted"]);
  assert.match(host!.verdict.memory.by, /native TLS needs libvirt 4\.4\.0, 3\.9\.0-14\.el7_5\.8 is older/);
  assert.ok(
    result.findings.some((f) => f.rule === "NOVA-011"),
    "NOVA-011",
  );
});

test("Ubuntu's libvirtd_opts (/etc/default/libvirtd, /etc/default/libvirt-bin) are libvirtd's arguments", () => {
  for (const file of ["etc/default/libvirtd", "etc/default/libvirt-bin"]) {
    const root = tree({ [file]: 'libvirtd_opts="-d -l"\n', "etc/libvirt/libvirtd.conf": 'listen_tcp = 1\nauth_tcp = "none"\n' });
    const t = new Tree(root);
    const { document } = loadBuilt(t, discoverHosts(t, "h")[0]!);
    assert.equal(document.daemon.libvirtd_args.words, ["-d", "-l"], file);
    assert.ok(
      scan(root).findings.some((f) => f.rule === "LV-001"),
      `${file}: the open TCP port is reported`,
    );
  }
});

test.run();
