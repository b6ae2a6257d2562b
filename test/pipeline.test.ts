/** The pipeline's joints: a host the schema rejects is skipped and the fleet goes on. */
import { copyFileSync, cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { discoverHosts, renderDiagnostic, scan, scanTree, Tree, type Layout } from "../src/index.js";
import { EXAMPLES, ROOT, tree } from "./helpers.js";

test("a host whose document fails the schema is skipped with a schema-violation diagnostic; the other hosts are scanned", () => {
  const fleet = new Tree(join(EXAMPLES, "guide-2019-fleet"));
  const [first, second] = discoverHosts(fleet, "guide-2019-fleet");
  assert.ok(first && second);
  // A layout the schema does not know stands for any bug that builds a wrong document.
  const broken = { ...first, layout: "no-such-layout" as Layout };
  const result = scanTree(fleet, "guide-2019-fleet", false, {}, [broken, second]);
  assert.equal(
    result.hosts.map((h) => h.name),
    ["compute-2.example.org"],
  );
  assert.ok(result.findings.some((f) => f.host === "compute-2.example.org" && f.rule === "NOVA-002"));
  assert.not.ok(result.findings.some((f) => f.host === "compute-1.example.org"));
  const [problem, ...others] = result.diagnostics;
  assert.is(others.length, 0);
  assert.is(problem?.code, "schema-violation");
  assert.is(problem?.location.file, "compute-1");
  assert.match(
    renderDiagnostic(problem!).message,
    /^not evaluated: migpolicy built a host document that schemas\/host\.json rejects \(a migpolicy bug; please report it\): \/host\/layout /,
  );
});

test("a host whose compute driver is not libvirt takes no part in the fleet checks", () => {
  const dir = tree({
    "compute-1/etc/hostname": "compute-1\n",
    "compute-1/etc/nova/nova.conf":
      "[DEFAULT]\ncompute_driver = libvirt.LibvirtDriver\n[libvirt]\nlive_migration_with_native_tls = true\nlive_migration_scheme = tls\n",
    "ironic-1/etc/hostname": "compute-1\n",
    "ironic-1/etc/nova/nova.conf": "[DEFAULT]\ncompute_driver = ironic.IronicDriver\n",
  });
  const result = scan(dir);
  assert.equal(
    result.hosts.map((h) => h.verdict.summary),
    ["unknown", "not applicable"],
  );
  // Two hosts named compute-1 would be FLEET-004; the ironic host is not a migration peer.
  assert.equal(
    result.findings.filter((f) => f.host === null).map((f) => f.rule),
    [],
  );
});

test("a host that migrates in clear keeps 'not encrypted' when a peer refuses its certificates", () => {
  const dir = tree({});
  cpSync(join(EXAMPLES, "secure-fleet"), dir, { recursive: true, verbatimSymlinks: true });
  const pki = join(ROOT, "test/fixtures/pki");
  for (const file of ["CA/cacert.pem", "qemu/ca-cert.pem"]) copyFileSync(join(pki, "rogue-ca-cert.pem"), join(dir, "compute-2/etc/pki", file));
  const nova = join(dir, "compute-2/etc/nova/nova.conf");
  writeFileSync(nova, readFileSync(nova, "utf8").replace(/^live_migration_scheme = tls$/m, "live_migration_scheme = tcp"));
  const result = scan(dir, { fileModes: "ignore" });
  assert.equal(
    result.hosts.map((h) => [h.root, h.verdict.summary]),
    [
      ["compute-1", "migrations fail"],
      ["compute-2", "not encrypted"],
    ],
  );
});

test.run();

test("a fleet entry the schema rejects is said with its host's index, and the fleet checks are not run on it", async () => {
  const { assemble } = await import("../src/pipeline/assemble.js");
  const { evaluateSource } = await import("../src/pipeline/host-step.js");
  const { serializeOutcome } = await import("../src/pipeline/wire.js");
  const { Policy } = await import("../src/index.js");
  const fleet = new Tree(join(EXAMPLES, "guide-2019-fleet"));
  const policy = Policy.load();
  const settings = { scanTime: 1_796_083_200, modesMeaningful: false };
  const outcomes = discoverHosts(fleet, "guide-2019-fleet").map((source) => evaluateSource(fleet, source, settings, policy));
  const good = assemble(outcomes, [], policy);
  assert.not.ok(good.diagnostics.some((d) => d.code === "schema-violation"));
  const [first, second] = outcomes;
  assert.ok(first?.fleetEntry && second?.fleetEntry);
  // The second host's entry, as a worker would send it, broken: one rejection, at /hosts/1.
  const broken = serializeOutcome({ ...second, fleetEntry: { ...second.fleetEntry, name: 42 as unknown as string } });
  const result = assemble([first, broken], [], policy);
  const problem = result.diagnostics.find((d) => d.code === "schema-violation");
  assert.ok(problem);
  assert.match(renderDiagnostic(problem).message, /fleet document that schemas\/fleet\.json rejects .*: \/hosts\/1\/name must be string/);
  assert.not.ok(result.findings.some((f) => f.rule.startsWith("FLEET-")));
  assert.is(result.hosts.length, 2);
});
