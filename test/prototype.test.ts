/** Names from the input are keys like any other: `__proto__`, `constructor`, `prototype` and `toString` everywhere a name can go. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { discoverHosts, scan, Tree } from "../src/index.js";
import { tree, loadBuilt } from "./helpers.js";

const NAMES = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"];

function hostiles(): string {
  const nova = [
    ...NAMES.flatMap((name) => [`[${name}]`, `${name} = 1`, "live_migration_scheme = tls"]),
    "[libvirt]",
    ...NAMES.map((name) => `${name} = 2`),
    "live_migration_with_native_tls = true",
  ].join("\n");
  // virConf names start with a letter: __proto__ is a syntax error there, as in libvirt.
  const virconf = ['constructor = "x"', "toString = 1", "hasOwnProperty = [ ]", "prototype = 1", 'auth_tcp = "none"', "listen_tcp = 1", ""].join("\n");
  const dir = tree({});
  for (const name of NAMES) {
    const host = join(dir, name);
    for (const [path, text] of Object.entries({
      "etc/nova/nova.conf": `${nova}\n`,
      [`etc/nova/nova.conf.d/${name}.conf`]: `[${name}]\nx = 1\n`,
      "etc/libvirt/libvirtd.conf": virconf,
      "etc/libvirt/qemu.conf": "toString = 1\n",
      "etc/sysconfig/libvirtd": `${name}=1\nLIBVIRTD_ARGS="--listen"\n`,
      "etc/hostname": `${name}\n`,
      "etc/firewalld/zones/public.xml": `<zone ${name}="x"><port protocol="tcp" port="16509" ${name}="y"/></zone>\n`,
    })) {
      mkdirSync(join(host, path, ".."), { recursive: true });
      writeFileSync(join(host, path), text);
    }
  }
  return dir;
}

test("every name reaches the host document as an own key, and no host is lost", () => {
  const dir = hostiles();
  const t = new Tree(dir);
  const sources = discoverHosts(t, "fleet");
  assert.equal(sources.map((s) => s.root).sort(), [...NAMES].sort());
  for (const source of sources) {
    const { document } = loadBuilt(t, source);
    const sections = document.nova.sections;
    for (const name of NAMES) {
      // oslo.config lower-cases every section name but DEFAULT.
      assert.ok(Object.hasOwn(sections, name.toLowerCase()), `section ${name}`);
      assert.ok(Object.hasOwn(sections.libvirt?.options ?? {}, name), `option ${name}`);
    }
    assert.is(Object.getPrototypeOf(sections), null);
    const option = (name: string) => (Object.hasOwn(document.libvirtd.options, name) ? document.libvirtd.options[name] : undefined);
    assert.is(option("constructor")?.value, "x");
    assert.is(option("toString")?.source, "file");
    assert.is(document.host.name, source.root);
  }
});

test("a scan of such hosts finishes and still reports the open TCP port of every host", () => {
  const result = scan(hostiles());
  assert.equal(result.hosts.map((h) => h.name).sort(), [...NAMES].sort());
  const open = result.findings.filter((f) => f.rule === "LV-001").map((f) => f.host);
  assert.equal(open.sort(), [...NAMES].sort());
});

test.run();
