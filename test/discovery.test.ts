/** Discovery never drops a host silently: fleets of fleets, empty folders, a machine without a compute service. */
import { cpSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { foldersWithoutHosts, type HostSource } from "../src/loader/discover.js";
import { renderDiagnostic, scan, Tree } from "../src/index.js";
import { EXAMPLES, growth, tree } from "./helpers.js";

test("a fleet of fleets: every host of every site is scanned; a folder with no host is named", () => {
  const root = mkdtempSync(join(tmpdir(), "migpolicy-sites-"));
  cpSync(join(EXAMPLES, "guide-2019-fleet"), join(root, "site-a"), { recursive: true });
  cpSync(join(EXAMPLES, "secure-fleet"), join(root, "regions/eu/site-b"), { recursive: true });
  cpSync(join(EXAMPLES, "guide-current-fleet/compute-1"), join(root, "compute-9"), { recursive: true });
  mkdirSync(join(root, "empty"));
  mkdirSync(join(root, "docs/notes"), { recursive: true });
  const result = scan(root);
  assert.equal(
    result.hosts.map((h) => h.root),
    ["compute-9", "regions/eu/site-b/compute-1", "regions/eu/site-b/compute-2", "site-a/compute-1", "site-a/compute-2"],
  );
  assert.equal(
    result.diagnostics.map((d) => `${d.code} ${d.location.file}`),
    ["folder-without-hosts docs", "folder-without-hosts empty"],
  );
  // Findings name files by their path from the scanned folder.
  assert.ok(result.findings.some((f) => f.location.file.startsWith("site-a/compute-1/etc/")));
});

test("a machine's root without nova's or libvirt's configuration says so; libvirt's client alone is no compute host", () => {
  const root = tree({ "etc/libvirt/libvirt.conf": '#uri_default = "qemu:///system"\n', "lib/libvirt/.keep": "", "usr/share/doc/x": "" });
  const result = scan(root);
  assert.equal(result.hosts, []);
  assert.equal(
    result.diagnostics.map((d) => d.code),
    ["no-compute-service"],
  );
  assert.match(renderDiagnostic(result.diagnostics[0]!).message, /no compute service to scan/);
});

test("a folder whose subfolders hold no host at all is an error, not an empty report", () => {
  const result = scan(tree({ "a/b/README": "x", "c/.keep": "" }));
  assert.equal(
    result.diagnostics.map((d) => d.code),
    ["no-hosts-found"],
  );
});

test("two sites' compute-1 without a host name of their own are two hosts, not one name twice", () => {
  const root = tree({
    "site1/compute-1/etc/nova/nova.conf": "[libvirt]\nlive_migration_scheme = tls\n",
    "site2/compute-1/etc/nova/nova.conf": "[libvirt]\nlive_migration_scheme = tls\n",
    "site2/notes/etc/libvirt/libvirt.conf": "",
  });
  const result = scan(root);
  assert.equal(
    result.hosts.map((h) => h.name),
    ["site1/compute-1", "site2/compute-1"],
  );
  assert.not.ok(result.findings.some((f) => f.rule === "FLEET-004"));
  // A folder beside a host, with no host in it, is named too.
  assert.equal(
    result.diagnostics.map((d) => `${d.code} ${d.location.file}`),
    ["folder-without-hosts site2/notes"],
  );
});

test("the folders of a fleet that hold no host are found in time linear in the hosts", () => {
  const fleet = (n: number) => {
    const dir = mkdtempSync(join(tmpdir(), "migpolicy-folders-"));
    for (let i = 0; i < n; i++) mkdirSync(join(dir, `site-${i % 4}`, `compute-${i}`), { recursive: true });
    mkdirSync(join(dir, "site-0", "notes"));
    // Only what foldersWithoutHosts reads of a source: its root.
    const sources = Array.from({ length: n }, (_, i) => ({ root: `site-${i % 4}/compute-${i}` }) as HostSource);
    return { tree: new Tree(dir), sources };
  };
  const [small, large] = [fleet(1000), fleet(8000)];
  assert.equal(foldersWithoutHosts(large.tree, large.sources), ["site-0/notes"]);
  const ratio = growth(
    () => foldersWithoutHosts(small.tree, small.sources),
    () => foldersWithoutHosts(large.tree, large.sources),
  );
  assert.ok(ratio < 24, `8x the hosts took ${ratio.toFixed(0)}x the time`);
});

test.run();
