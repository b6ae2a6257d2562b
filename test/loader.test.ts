import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { discoverHosts } from "../src/loader/discover.js";
import { Tree } from "../src/loader/fs.js";
import { assertHostDocument, renderDiagnostic } from "../src/index.js";
import { unitWords } from "../src/loader/formats/systemd-unit.js";
import { tree, loadBuilt } from "./helpers.js";

function loadOnly(dir: string) {
  const t = new Tree(dir);
  const hosts = discoverHosts(t, "root-host");
  assert.is(hosts.length, 1);
  const loaded = loadBuilt(t, hosts[0]!);
  assertHostDocument(loaded.document);
  return loaded;
}

test("discovers a host root, a bare etc folder and a fleet", () => {
  const fleet = tree({
    "a/etc/nova/nova.conf": "[DEFAULT]\n",
    "b/nova/nova.conf": "[DEFAULT]\n",
    "c/unrelated.txt": "x",
  });
  assert.equal(
    discoverHosts(new Tree(fleet), "fleet").map((h) => [h.root, h.layout, h.paths.etc]),
    [
      ["a", "host-root", "a/etc"],
      ["b", "etc", "b"],
    ],
  );
  assert.equal(
    discoverHosts(new Tree(join(fleet, "a")), "a").map((h) => [h.root, h.layout, h.paths.etc]),
    [[".", "host-root", "etc"]],
  );
  assert.equal(
    discoverHosts(new Tree(join(fleet, "b")), "b").map((h) => [h.root, h.layout, h.paths.etc]),
    [[".", "etc", "."]],
  );
});

test("the host is named by etc/hostname, else by its folder", () => {
  assert.is(loadOnly(tree({ "etc/hostname": "compute-7.example.org\n", "etc/nova/nova.conf": "" })).document.host.name, "compute-7.example.org");
  assert.is(loadOnly(tree({ "etc/nova/nova.conf": "" })).document.host.name, "root-host");
});

test("oslo.config precedence: later files and later lines win, shadowed settings are kept", () => {
  const { document } = loadOnly(
    tree({
      "etc/nova/nova.conf": "[libvirt]\nlive_migration_scheme = tcp\nlive_migration_scheme = ssh\n",
      "etc/nova/nova.conf.d/10-tls.conf": "[LIBVIRT]\nlive_migration_scheme = tls\n",
      "etc/nova/nova.conf.d/2-late.conf": "[libvirt]\nlive_migration_with_native_tls = Yes\n",
      "etc/nova/nova.conf.d/.hidden.conf": "[libvirt]\nlive_migration_scheme = tcp\n",
    }),
  );
  assert.equal(document.nova.files, ["etc/nova/nova.conf", "etc/nova/nova.conf.d/10-tls.conf", "etc/nova/nova.conf.d/2-late.conf"]);
  const libvirt = document.nova.sections.libvirt!;
  assert.equal(libvirt.options.live_migration_scheme, {
    value: "tls",
    source: "file",
    location: { file: "etc/nova/nova.conf.d/10-tls.conf", line: 2, column: 1, end_line: 2, end_column: 22 },
    shadowed: [
      { file: "etc/nova/nova.conf", line: 2, column: 1, end_line: 2, end_column: 22 },
      { file: "etc/nova/nova.conf", line: 3, column: 1, end_line: 3, end_column: 22 },
    ],
  });
  assert.is(libvirt.options.live_migration_with_native_tls?.value, true);
  assert.equal(libvirt.options.live_migration_tunnelled, { value: false, source: "default" });
  assert.equal(libvirt.anchor, { file: "etc/nova/nova.conf", line: 1, column: 1, end_line: 1, end_column: 10 });
});

test("[default] is not [DEFAULT]; a missing section anchors at the end of nova.conf", () => {
  const { document } = loadOnly(tree({ "etc/nova/nova.conf": "[default]\nhost = x\n[DEFAULT]\nmy_ip = 10.0.0.1\n" }));
  assert.equal(Object.keys(document.nova.sections).sort(), ["DEFAULT", "default", "libvirt", "vnc"]);
  assert.equal(document.nova.sections.libvirt!.present, false);
  assert.equal(document.nova.sections.libvirt!.anchor, { file: "etc/nova/nova.conf", line: 4, column: 1 });
});

test("secrets are replaced by a marker", () => {
  const { document } = loadOnly(
    tree({
      "etc/nova/nova.conf":
        "[DEFAULT]\ntransport_url = rabbit://nova:CANARY1@mq\n[database]\nconnection = mysql://nova:CANARY2@db/nova\n[keystone_authtoken]\npassword = CANARY3\n[glance]\napi_servers = http://u:CANARY4@glance\n",
    }),
  );
  const text = JSON.stringify(document);
  assert.not.match(text, /CANARY/);
  assert.equal(document.nova.sections.keystone_authtoken!.options.password, {
    value: null,
    source: "file",
    location: { file: "etc/nova/nova.conf", line: 6, column: 1, end_line: 6, end_column: 9 },
    secret: true,
  });
});

test("keys nova does not read here name the option they most likely meant", () => {
  const { document } = loadOnly(
    tree({ "etc/nova/nova.conf": "[DEFAULT]\nlive_migration_scheme = tls\n[libvirt]\nlive_migration_schema = tls\nimages_type = rbd\n" }),
  );
  assert.equal(document.nova.sections.DEFAULT!.options.live_migration_scheme!.near, { section: "libvirt", option: "live_migration_scheme" });
  assert.equal(document.nova.sections.libvirt!.options.live_migration_schema!.near, { section: "libvirt", option: "live_migration_scheme" });
  assert.is(document.nova.sections.libvirt!.options.images_type!.near, undefined);
});

test("an invalid boolean is kept raw, marked, and diagnosed", () => {
  const { document, diagnostics } = loadOnly(tree({ "etc/nova/nova.conf": "[libvirt]\nlive_migration_with_native_tls = true # TLS\n" }));
  assert.is(document.nova.sections.libvirt!.options.live_migration_with_native_tls!.value, "true # TLS");
  assert.equal(
    diagnostics.map((d) => [d.code, d.location.line]),
    [["oslo-invalid-value", 2]],
  );
});

test("libvirt: the first occurrence wins, types are checked against the daemon's lookups", () => {
  const { document, diagnostics } = loadOnly(
    tree({ "etc/libvirt/libvirtd.conf": 'auth_tcp = "none"\nauth_tcp = "sasl"\nlisten_tcp = "1"\n', "etc/libvirt/qemu.conf": 'vnc_password = "CANARY"\n' }),
  );
  assert.equal(document.libvirtd.options.auth_tcp, {
    value: "none",
    source: "file",
    location: { file: "etc/libvirt/libvirtd.conf", line: 1, column: 1, end_line: 1, end_column: 9 },
    shadowed: [{ file: "etc/libvirt/libvirtd.conf", line: 2, column: 1, end_line: 2, end_column: 9 }],
  });
  assert.is(document.libvirtd.options.listen_tcp!.invalid, "expected a bool");
  assert.equal(
    diagnostics.map((d) => [d.code, d.location.line]),
    [["virconf-type-error", 3]],
  );
  assert.not.match(JSON.stringify(document), /CANARY/);
  assert.equal(document.qemu.options.migrate_tls_x509_verify, { value: null, source: "default" });
});

test("LIBVIRTD_ARGS from sysconfig, else default, else the unit's default", () => {
  const rhel = loadOnly(tree({ "etc/sysconfig/libvirtd": '# x\nLIBVIRTD_ARGS="--listen"\n', "etc/libvirt/libvirtd.conf": "" })).document;
  assert.equal(rhel.daemon.libvirtd_args, {
    words: ["--listen"],
    source: "file",
    location: { file: "etc/sysconfig/libvirtd", line: 2, column: 1, end_line: 2, end_column: 14 },
  });
  const debian = loadOnly(tree({ "etc/default/libvirtd": '#LIBVIRTD_ARGS="--listen"\n', "etc/libvirt/libvirtd.conf": "" })).document;
  assert.equal(debian.daemon.libvirtd_args, { words: ["--timeout", "120"], source: "default" });
});

test("sosreport: libvirtd's arguments come from the process list sos recorded", () => {
  const dir = tree({
    "sos_commands/process/ps_auxwwwm":
      "USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND\nroot 1187 0.0 0.0 1 1 ? - Nov19 0:02 /usr/sbin/libvirtd --listen --timeout 120\n",
    ps: "USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND\nroot 1187 0.0 0.0 1 1 ? - Nov19 0:02 /usr/sbin/libvirtd --listen --timeout 120\n",
    "etc/libvirt/libvirtd.conf": "",
  });
  const { document } = loadOnly(dir);
  assert.is(document.host.layout, "sosreport");
  assert.equal(document.daemon.libvirtd_args, { words: ["--listen", "--timeout", "120"], source: "process", location: { file: "ps", line: 2, column: 1 } });
});

test("symlinks resolve inside the tree; an absolute link means the tree's root", () => {
  const dir = tree({ "etc/nova/real.conf": "[libvirt]\nlive_migration_scheme = tls\n", "etc/libvirt/libvirtd.conf": "" });
  symlinkSync("/etc/nova/real.conf", join(dir, "etc/nova/nova.conf"));
  const { document } = loadOnly(dir);
  assert.is(document.nova.sections.libvirt!.options.live_migration_scheme!.value, "tls");
});

test("a link out of the tree is refused with a diagnostic, never followed", () => {
  const dir = tree({ "etc/libvirt/libvirtd.conf": "" });
  symlinkSync("../../../../../../../../etc/passwd", join(dir, "etc/libvirt/qemu.conf"));
  const { document, diagnostics } = loadOnly(dir);
  assert.is(document.qemu.present, false);
  assert.equal(
    diagnostics.map((d) => [d.code, d.location.file]),
    [["path-escapes-root", "etc/libvirt/qemu.conf"]],
  );
});

test("a link loop is refused", () => {
  const dir = tree({ "etc/libvirt/libvirtd.conf": "" });
  symlinkSync("qemu.conf", join(dir, "etc/libvirt/qemu.conf"));
  const { diagnostics } = loadOnly(dir);
  assert.equal(
    diagnostics.map((d) => d.code),
    ["link-loop"],
  );
  assert.match(renderDiagnostic(diagnostics[0]!).message, /too many symbolic links/);
});

test("a FIFO, a folder where a file belongs and a huge sparse file are diagnosed, never read", () => {
  const dir = tree({ "etc/nova/nova.conf": "[libvirt]\n" });
  execFileSync("mkfifo", [join(dir, "etc/libvirt-fifo")]);
  mkdirSync(join(dir, "etc/libvirt"), { recursive: true });
  symlinkSync("../libvirt-fifo", join(dir, "etc/libvirt/libvirtd.conf"));
  mkdirSync(join(dir, "etc/libvirt/qemu.conf"));
  execFileSync("truncate", ["-s", "20G", join(dir, "etc/hostname")]);
  const { diagnostics, document } = loadOnly(dir);
  assert.equal(diagnostics.map((d) => [d.code, d.location.file]).sort(), [
    ["file-too-large", "etc/hostname"],
    ["not-a-regular-file", "etc/libvirt/libvirtd.conf"],
    ["not-a-regular-file", "etc/libvirt/qemu.conf"],
  ]);
  assert.is(document.host.name, "root-host");
});

test("a virConf file is read byte by byte, as libvirt reads it: a NUL is a character, a non-UTF-8 byte a note", () => {
  const dir = tree({ "etc/libvirt/libvirtd.conf": "listen_tcp = 1\u0000\n", "etc/libvirt/qemu.conf": "" });
  writeFileSync(join(dir, "etc/libvirt/qemu.conf"), Buffer.from('migration_address = "caf\xe9"\n', "latin1"));
  const result = loadOnly(dir);
  // After a value libvirt expects the end of the line: a NUL there is a syntax error, the daemon refuses the file.
  assert.equal(
    result.diagnostics.map((d) => [d.code, d.location.file, d.location.line]),
    [
      ["virconf-nul", "etc/libvirt/libvirtd.conf", 1],
      ["virconf-not-utf8", "etc/libvirt/qemu.conf", 1],
      ["virconf-parse-error", "etc/libvirt/libvirtd.conf", 1],
    ],
  );
  assert.is(result.document.libvirtd.present, true);
  assert.is(result.document.qemu.options.migration_address?.value, "caf\ufffd");
});

test("ExecStart= and Environment= split into words as systemd splits them", () => {
  assert.equal(unitWords('/usr/bin/nova-compute --config-file "/etc/nova/my nova.conf"  --debug'), [
    "/usr/bin/nova-compute",
    "--config-file",
    "/etc/nova/my nova.conf",
    "--debug",
  ]);
  assert.equal(unitWords(`"OS_LIBVIRT__LIVE_MIGRATION_SCHEME=tls" 'A=b c' D=e\\ f "G=\\"h\\""`), [
    "OS_LIBVIRT__LIVE_MIGRATION_SCHEME=tls",
    "A=b c",
    "D=e f",
    'G="h"',
  ]);
  assert.equal(unitWords(""), []);
  assert.equal(unitWords('unterminated "quote'), ["unterminated", "quote"]);
});

test("how nova-compute starts decides the order of its files, and the tree says what shows it", () => {
  const nova = "[libvirt]\nlive_migration_scheme = tcp\n";
  const dropIn = "[libvirt]\nlive_migration_scheme = tls\n";
  const load = (files: Record<string, string>) => {
    const t = new Tree(tree({ "etc/nova/nova.conf": nova, "etc/nova/nova.conf.d/tls.conf": dropIn, ...files }));
    return loadBuilt(t, discoverHosts(t, "h")[0]!).document.nova;
  };
  const debian = load({ "etc/init.d/nova-compute": "#!/bin/sh\n" });
  assert.equal(debian.service, {
    style: "command-line",
    source: "init-script",
    location: { file: "etc/init.d/nova-compute", line: 1, column: 1 },
    missing: [],
  });
  assert.equal(debian.files, ["etc/nova/nova.conf.d/tls.conf", "etc/nova/nova.conf"]);
  assert.is(debian.sections.libvirt?.options.live_migration_scheme?.value, "tcp");
  const unknown = load({});
  // Debian would read nova.conf last, RDO the drop-in: the tree cannot decide the scheme.
  assert.equal(unknown.service, { style: "unknown", source: "none", missing: [], order_dependent: ["[libvirt] live_migration_scheme"] });
  assert.is(unknown.sections.libvirt?.options.live_migration_scheme?.value, "tls");
  const unit = load({
    "usr/lib/systemd/system/nova-compute.service":
      "[Service]\nExecStart=/usr/bin/nova-compute --config-file=/etc/nova/nova.conf --config-file /etc/nova/extra.conf\nEnvironment=OS_LIBVIRT__LIVE_MIGRATION_TUNNELLED=true\n",
  });
  assert.equal(unit.service.missing, ["/etc/nova/extra.conf"]);
  const tunnelled = unit.sections.libvirt?.options.live_migration_tunnelled;
  assert.equal(
    [tunnelled?.value, tunnelled?.source, tunnelled?.location?.file, tunnelled?.location?.line],
    [true, "environment", "usr/lib/systemd/system/nova-compute.service", 3],
  );
});

test("a dangling link where the layout keeps a file is a diagnostic, and Debian's nova-compute does not start on it", () => {
  const root = tree({ "etc/nova/nova-compute.conf": "[libvirt]\nvirt_type = kvm\n", "etc/init.d/nova-compute": "#!/bin/sh\n" });
  symlinkSync("/etc/nova/nova.conf.dpkg-old", join(root, "etc/nova/nova.conf"));
  const t = new Tree(root);
  const { diagnostics } = loadBuilt(t, discoverHosts(t, "h")[0]!);
  assert.equal(
    diagnostics.map((d) => `${d.code} ${d.location.file}`),
    ["dangling-link etc/nova/nova.conf"],
  );
  assert.match(renderDiagnostic(diagnostics[0]!).message, /a link to \/etc\/nova\/nova.conf.dpkg-old, which does not exist/);
});

test("only what the verdict reads can be order-dependent; --config-dir keeps the default files; the fix goes into nova.conf", () => {
  const load = (files: Record<string, string>) => {
    const t = new Tree(tree(files));
    return loadBuilt(t, discoverHosts(t, "h")[0]!).document.nova;
  };
  const myIp = load({ "etc/nova/nova.conf": "[DEFAULT]\nmy_ip = 192.0.2.1\n", "etc/nova/nova.conf.d/a.conf": "[DEFAULT]\nmy_ip = 192.0.2.2\n" });
  assert.is(myIp.service.order_dependent, undefined);
  const configDir = load({
    "etc/nova/nova.conf": "[libvirt]\nlive_migration_scheme = tls\n",
    "etc/nova/compute.d/a.conf": "[libvirt]\nlive_migration_with_native_tls = true\n",
    "usr/lib/systemd/system/openstack-nova-compute.service": "[Service]\nExecStart=/usr/bin/nova-compute --config-dir /etc/nova/compute.d\n",
  });
  assert.equal(configDir.files, ["etc/nova/nova.conf", "etc/nova/compute.d/a.conf"]);
  // Debian reads the drop-in first; an option set nowhere still belongs at the end of nova.conf.
  const debian = load({
    "etc/init.d/nova-compute": "#!/bin/sh\n",
    "etc/nova/nova.conf": "[DEFAULT]\nmy_ip = 192.0.2.1\ncompute_driver = libvirt.LibvirtDriver\n\n\n",
    "etc/nova/nova.conf.d/a.conf": "[vnc]\nenabled = false\n",
  });
  assert.equal(debian.sections.libvirt?.anchor, { file: "etc/nova/nova.conf", line: 5, column: 1 });
});

test("an empty Environment= in a drop-in clears the unit's overrides, as systemd does", () => {
  const t = new Tree(
    tree({
      "etc/nova/nova.conf": "[libvirt]\nlive_migration_scheme = tls\n",
      "usr/lib/systemd/system/openstack-nova-compute.service":
        "[Service]\nExecStart=/usr/bin/nova-compute\nEnvironment=OS_LIBVIRT__LIVE_MIGRATION_SCHEME=tcp\n",
      "etc/systemd/system/openstack-nova-compute.service.d/reset.conf": "[Service]\nEnvironment=\n",
    }),
  );
  const { document } = loadBuilt(t, discoverHosts(t, "h")[0]!);
  assert.equal(
    [document.nova.sections.libvirt?.options.live_migration_scheme?.value, document.nova.sections.libvirt?.options.live_migration_scheme?.source],
    ["tls", "file"],
  );
});

test.run();
