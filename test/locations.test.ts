/** No finding points at a file that is not in the scanned tree (issue: alerts on files not in the repository). */
import { lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { scan } from "../src/index.js";
import { EXAMPLES, ROOT, tree } from "./helpers.js";

const held = (root: string, file: string) => lstatSync(join(root, file), { throwIfNoEntry: false }) !== undefined;

const trees: [string, string][] = [
  ...readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.includes("fleet"))
    .map((entry): [string, string] => [`examples/${entry.name}`, join(EXAMPLES, entry.name)]),
  ...readdirSync(join(ROOT, "test/fixtures/layouts")).map((name): [string, string] => [`layouts/${name}`, join(ROOT, "test/fixtures/layouts", name)]),
  ["libvirt only", tree({ "etc/libvirt/libvirtd.conf": "listen_tls = 1\n", "etc/sysconfig/libvirtd": 'LIBVIRTD_ARGS="--listen"\n' })],
  ["nova only", tree({ "etc/nova/nova.conf": "[libvirt]\nlive_migration_with_native_tls = true\n" })],
  ["nova-compute.conf alone", tree({ "etc/nova/nova-compute.conf": "[libvirt]\nvirt_type = kvm\n", "etc/hostname": "compute-9\n" })],
];

for (const [name, root] of trees) {
  test(`every finding is at a file of the tree: ${name}`, () => {
    const result = scan(root);
    for (const finding of result.findings) {
      assert.ok(held(root, finding.location.file), `${finding.rule} at ${finding.location.file}`);
      for (const related of finding.related) assert.ok(held(root, related.file), `${finding.rule} related ${related.file}`);
    }
  });
}

test("a check decided by a file the tree does not hold is not evaluated, with the reason", () => {
  const root = tree({ "etc/libvirt/libvirtd.conf": "listen_tls = 1\n", "etc/sysconfig/libvirtd": 'LIBVIRTD_ARGS="--listen"\n' });
  const [host] = scan(root).hosts;
  const reasons = new Map(host!.not_evaluated.map((skip) => [skip.rule, skip.reason]));
  assert.is(reasons.get("NOVA-003"), "etc/nova/nova.conf is not in the tree, so what it would decide is not shown");
  assert.is(reasons.get("QEMU-006"), "etc/libvirt/qemu.conf is not in the tree, so what it would decide is not shown");
  assert.is(host!.verdict.control.status, "unknown");
  assert.is(host!.verdict.control.by, "the tree holds no nova configuration (nova.conf, nova-compute.conf, nova.conf.d)");
});

test("a nova.conf without a [libvirt] section still gets the findings nova's defaults call for, each with a fix", () => {
  const root = tree({ "etc/nova/nova.conf": "[DEFAULT]\ncompute_driver = libvirt.LibvirtDriver\n" });
  const findings = scan(root).findings.filter((f) => f.rule.startsWith("NOVA-00"));
  assert.equal(
    findings.map((f) => f.rule),
    ["NOVA-001", "NOVA-003", "NOVA-004"],
  );
  const nova001 = findings[0]!;
  assert.equal(nova001.fix?.edits, [
    { location: { file: "etc/nova/nova.conf", line: 2, column: 1 }, action: "insert-after", text: "[libvirt]\nlive_migration_scheme = tls" },
  ]);
});

test.run();
