/** Hostile input, bounded: tiny files that used to take seconds and gigabytes, and the scaling of the linear passes. */
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { discoverHosts, renderDiagnostic, scan, Tree } from "../src/index.js";
import { redactUrlCredentials } from "../src/document/secrets.js";
import { growth, ROOT, tree, loadBuilt } from "./helpers.js";

test("values that interpolate each other stop at the expansion cap, with a warning", () => {
  // nova resolves only the options it registers: a chain of four of them, each naming the next 64 times, is 64^4 copies.
  const known = ["live_migration_uri", "live_migration_inbound_addr", "connection_uri", "virt_type"];
  const chain = [
    "[libvirt]",
    ...known.map((name, i) => `${name} = ${"$".concat(known[i + 1] ?? "live_migration_scheme").repeat(64)}`),
    "live_migration_scheme = tcp",
  ];
  {
    const dir = tree({ "etc/nova/nova.conf": `${chain.join("\n")}\n` });
    const t = new Tree(dir);
    const started = Date.now();
    const { document, diagnostics } = loadBuilt(t, discoverHosts(t, "h")[0]!);
    assert.ok(Date.now() - started < 5000, "bounded");
    assert.ok(JSON.stringify(document).length < 4 << 20, "the document stays small");
    assert.ok(diagnostics.length > 0, "the cap is said");
    // virt_type's expansion is also not one of its choices: said on its own.
    for (const d of diagnostics.filter((d) => d.code !== "oslo-invalid-value"))
      assert.match(renderDiagnostic(d).message, /expand to more than 65536 characters/);
  }
});

test("interpolation follows a chain to its end as oslo.config does, wherever it is entered; a cycle stays as written", () => {
  // nova's own options, each naming the next; oslo.config gives every one of them the last value.
  const chain = ["live_migration_uri", "live_migration_inbound_addr", "connection_uri", "live_migration_scheme", "virt_type"];
  const lines = [
    "[libvirt]",
    ...chain.slice(0, -1).map((name, i) => `${name} = $${chain[i + 1]}`),
    "virt_type = end",
    "[vnc]",
    "server_listen = $auth_schemes",
    "auth_schemes = $server_listen",
  ];
  const dir = tree({ "etc/nova/nova.conf": `${lines.join("\n")}\n` });
  const t = new Tree(dir);
  const { document } = loadBuilt(t, discoverHosts(t, "h")[0]!);
  const libvirt = document.nova.sections.libvirt?.options;
  assert.equal(
    chain.map((name) => libvirt?.[name]?.value),
    chain.map(() => "end"),
  );
  assert.is(document.nova.sections.vnc?.options.server_listen?.value, "$server_listen");
});

test("a value of 64 KiB references expands to the cap and no further", () => {
  const dir = tree({ "etc/nova/nova.conf": `[libvirt]\nvirt_type = kvm\nlive_migration_uri = ${"$virt_type".repeat(7000)} x\n` });
  const t = new Tree(dir);
  const { document, diagnostics } = loadBuilt(t, discoverHosts(t, "h")[0]!);
  assert.ok(document.nova.sections.libvirt?.options.live_migration_uri?.value === `${"kvm".repeat(7000)} x`, "expanded in full");
  assert.equal(diagnostics, []);
  const over = tree({ "etc/nova/nova.conf": `[libvirt]\nvirt_type = kvm\nlive_migration_uri = ${"$virt_type".repeat(30000)}\n` });
  const o = new Tree(over);
  const loaded = loadBuilt(o, discoverHosts(o, "h")[0]!);
  assert.equal(
    loaded.diagnostics.map((d) => d.code),
    ["interpolation-too-large"],
  );
  assert.ok(loaded.document.nova.sections.libvirt?.options.live_migration_uri?.value === "$virt_type".repeat(30000), "kept as written");
});

test("URL credentials are redacted, whatever the user information, and nothing else", () => {
  assert.equal(redactUrlCredentials("qemu+tcp://nova:pw@host/system"), { text: "qemu+tcp://<secret>@host/system", redacted: true });
  assert.equal(redactUrlCredentials("https://TOKEN@host/x and ftp://a@b"), { text: "https://<secret>@host/x and ftp://<secret>@b", redacted: true });
  assert.equal(redactUrlCredentials("qemu+tls://%s/system"), { text: "qemu+tls://%s/system", redacted: false });
  // A password may hold / ? #, and schemes may nest: the credentials end at the word's last @.
  assert.equal(redactUrlCredentials("rabbit://nova:pa/ss?x#y@mq:5672/"), { text: "rabbit://<secret>@mq:5672/", redacted: true });
  assert.equal(redactUrlCredentials("x://y://u:pw@h"), { text: "x://<secret>@h", redacted: true });
  assert.equal(redactUrlCredentials("https://host/path@v2 ://x@y"), { text: "https://host/path@v2 ://x@y", redacted: false });
});

test("redacting URL credentials is linear in the value (a backtracking pattern took 37 s on 256 KB)", () => {
  const shapes: ((n: number) => string)[] = [(n) => "a".repeat(n), (n) => "a:".repeat(n / 2), (n) => "x://".repeat(n / 4), (n) => `x://${"a".repeat(n)}`];
  for (const make of shapes) {
    const [small, large] = [make(1 << 15), make(1 << 18)];
    const ratio = growth(
      () => redactUrlCredentials(small),
      () => redactUrlCredentials(large),
      30,
    );
    assert.ok(ratio < 30, `time grew ${ratio.toFixed(1)}x for 8x the input`);
  }
});

test("a .git planted in a tree does not turn the key-permission checks off; a real checkout does", () => {
  const key = readFileSync(join(ROOT, "test/fixtures/pki/compute-1-key.pem"), "utf8");
  const make = () => {
    const dir = tree({ "etc/libvirt/qemu.conf": "", "etc/pki/qemu/server-key.pem": key });
    chmodSync(join(dir, "etc/pki/qemu/server-key.pem"), 0o644);
    return dir;
  };
  const keyFindings = (dir: string) => scan(dir).findings.filter((f) => f.rule === "PKI-001").length;
  const planted = make();
  writeFileSync(join(planted, ".git"), "");
  mkdirSync(join(planted, "etc/.git"));
  assert.is(keyFindings(planted), 1, "an empty .git file and a .git folder without HEAD are not a checkout");
  const pointing = make();
  writeFileSync(join(pointing, ".git"), "gitdir: .\n");
  mkdirSync(join(pointing, "etc/.git"));
  writeFileSync(join(pointing, "etc/.git/HEAD"), "");
  assert.is(keyFindings(pointing), 1, "gitdir: . and an empty HEAD are not a checkout either");
  const checkout = make();
  execFileSync("git", ["init", "-q", checkout]);
  assert.is(keyFindings(checkout), 0, "inside a git checkout the modes are the checkout's: not evaluated");
  const pointer = make();
  writeFileSync(join(pointer, ".git"), `gitdir: ${join(checkout, ".git")}\n`);
  assert.is(keyFindings(pointer), 0, "a .git file naming a git folder is a worktree");
});

test("keys meet their certificates by hash: many copies of one pair load in linear time, not with every pair compared", () => {
  const key = readFileSync(join(ROOT, "test/fixtures/pki/compute-1-key.pem"), "utf8");
  const certificate = readFileSync(join(ROOT, "test/fixtures/pki/compute-1-cert.pem"), "utf8");
  const host = (copies: number) => {
    const files: Record<string, string> = { "etc/libvirt/qemu.conf": "" };
    for (let i = 0; i < copies; i++) {
      files[`etc/pki/qemu/k${i}-key.pem`] = key;
      files[`etc/pki/qemu/c${i}-cert.pem`] = certificate;
    }
    const t = new Tree(tree(files));
    return () => loadBuilt(t, discoverHosts(t, "h")[0]!);
  };
  const [small, large] = [host(40), host(320)];
  const keys = large().document.pki.files.filter((f) => f.kind === "private-key");
  assert.is(keys.length, 320);
  assert.ok(
    keys.every((k) => k.matches?.length === 320),
    "every copy of the key matches every copy of its certificate",
  );
  const ratio = growth(small, large, 30, 1);
  // Reading the files grows 8x; comparing every key with every certificate through OpenSSL grew 64x.
  assert.ok(ratio < 30, `8x the pairs took ${ratio.toFixed(0)}x the time`);
});

test("a byte that is not UTF-8, or a NUL, in a libvirtd.conf comment hides nothing: libvirt reads such files", () => {
  for (const odd of [Buffer.from([0xe9]), Buffer.from([0x00])]) {
    const dir = tree({ "etc/sysconfig/libvirtd": 'LIBVIRTD_ARGS="--listen"\n', "etc/libvirt/qemu.conf": "" });
    writeFileSync(join(dir, "etc/libvirt/libvirtd.conf"), Buffer.concat([Buffer.from("# caf"), odd, Buffer.from('\nlisten_tcp = 1\nauth_tcp = "none"\n')]));
    const result = scan(dir);
    assert.ok(
      result.findings.some((f) => f.rule === "LV-001"),
      `LV-001 with 0x${odd[0]?.toString(16)} in a comment`,
    );
    assert.not.ok(result.diagnostics.some((d) => d.code === "file-not-text"));
  }
});

test('a NUL inside a virConf string ends it, as libvirt\'s g_strndup does: auth_tcp = "none\\0sasl" is none', () => {
  const dir = tree({ "etc/sysconfig/libvirtd": 'LIBVIRTD_ARGS="--listen"\n', "etc/libvirt/qemu.conf": "" });
  writeFileSync(join(dir, "etc/libvirt/libvirtd.conf"), Buffer.from('listen_tcp = 1\nauth_tcp = "none\0sasl"\n', "latin1"));
  const result = scan(dir);
  assert.ok(
    result.findings.some((f) => f.rule === "LV-001"),
    "the critical LV-001, not LV-003",
  );
  assert.ok(result.diagnostics.some((d) => d.code === "virconf-nul"));
});

test("a nova.conf byte that is not UTF-8 stops nova-compute, as oslo.config's UnicodeDecodeError does; a NUL does not", () => {
  const bad = tree({ "etc/libvirt/qemu.conf": "" });
  mkdirSync(join(bad, "etc/nova"));
  writeFileSync(join(bad, "etc/nova/nova.conf"), Buffer.from("[DEFAULT]\n# caf\xe9\n[libvirt]\nlive_migration_scheme = tls\n", "latin1"));
  assert.is(scan(bad).hosts[0]?.verdict.summary, "nova-compute does not start");
  const nul = tree({ "etc/libvirt/qemu.conf": "" });
  mkdirSync(join(nul, "etc/nova"));
  writeFileSync(join(nul, "etc/nova/nova.conf"), Buffer.from("[DEFAULT]\n# a\0b\n[libvirt]\nlive_migration_scheme = tls\n", "latin1"));
  const t = new Tree(nul);
  assert.is(loadBuilt(t, discoverHosts(t, "h")[0]!).document.nova.sections.libvirt?.options.live_migration_scheme?.value, "tls");
});

test("a file swapped for a link to outside the tree between its check and its read is never read through the link", async () => {
  const outside = tree({ "secret.conf": "[libvirt]\nlive_migration_scheme = SWAPPED-CANARY\n" });
  const dir = tree({ "etc/nova/nova.conf": "[libvirt]\nlive_migration_scheme = tls\n", "etc/libvirt/qemu.conf": "" });
  const conf = join(dir, "etc/nova/nova.conf");
  writeFileSync(join(dir, "etc/nova/real.conf"), "[libvirt]\nlive_migration_scheme = tls\n");
  symlinkSync(join(outside, "secret.conf"), join(dir, "etc/nova/evil.conf"));
  // Another process swaps nova.conf between the real file and the link, as fast as it can.
  const swapper = spawn(
    process.execPath,
    [
      "-e",
      `const fs = require("fs"); const d = ${JSON.stringify(join(dir, "etc/nova"))};
       for (;;) { try { fs.linkSync(d + "/real.conf", d + "/tmp"); fs.renameSync(d + "/tmp", d + "/nova.conf");
         fs.symlinkSync(${JSON.stringify(join(outside, "secret.conf"))}, d + "/tmp"); fs.renameSync(d + "/tmp", d + "/nova.conf"); } catch {} }`,
    ],
    { stdio: "ignore" },
  );
  try {
    const t = new Tree(dir);
    const source = discoverHosts(t, "h")[0]!;
    let seen = 0;
    let refused = 0;
    for (let i = 0; i < 3000; i++) {
      const { document, diagnostics } = loadBuilt(t, source);
      if (diagnostics.some((d) => d.location.file === "etc/nova/nova.conf")) refused++;
      const value = document.nova.sections.libvirt?.options.live_migration_scheme?.value;
      assert.is.not(value, "SWAPPED-CANARY");
      if (value === "tls") seen++;
      if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    // Both states were met: the swapping ran while the reads did.
    assert.ok(seen > 0, "the real file was read at times");
    assert.ok(refused > 0, "the link was met, and refused, at times");
  } finally {
    swapper.kill("SIGKILL");
  }
  void conf;
});

test("a socket listening on thousands of ports, behind hundreds of firewall rules, is analysed in bounded time and memory", () => {
  const listen = Array.from({ length: 20000 }, (_, i) => `ListenStream=${1024 + i}`).join("\n");
  const rules = Array.from({ length: 400 }, (_, i) => `-A INPUT -s 10.0.${i % 250}.0/24 -p tcp --dport ${2000 + i} -j ACCEPT`).join("\n");
  const dir = tree({
    "etc/libvirt/qemu.conf": "",
    "lib/systemd/system/libvirtd-tcp.socket": `[Socket]\n${listen}\n`,
    "etc/systemd/system/sockets.target.wants/libvirtd-tcp.socket": "",
    "lib/systemd/system/iptables.service": "[Service]\n",
    "etc/systemd/system/multi-user.target.wants/iptables.service": "",
    "etc/sysconfig/iptables": `*filter\n:INPUT DROP [0:0]\n${rules}\nCOMMIT\n`,
  });
  const t = new Tree(dir);
  const started = Date.now();
  const { document } = loadBuilt(t, discoverHosts(t, "h")[0]!);
  assert.ok(Date.now() - started < 5000, "bounded");
  assert.ok(document.firewall.ports.length <= 65, `${document.firewall.ports.length} port ranges`);
  // The last range covers the ports past the cap: a rule opening one of them opens it.
  const last = document.firewall.ports.at(-2)!;
  assert.ok(last.to - last.from > 1000 && last.status === "restricted", JSON.stringify({ ...last, locations: last.locations.length }));
});

test.run();
