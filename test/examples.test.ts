/** The bundled examples report exactly the findings their stories call for (examples/README.md). */
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { scan } from "../src/scan.js";
import { EXAMPLES } from "./helpers.js";

const brief = (path: string) =>
  scan(join(EXAMPLES, path)).findings.map((f) => `${f.host} ${f.rule}/${f.message} ${f.location.file}:${f.location.line}:${f.location.column}`);

const libvirtdDefaults = (host: string, folder: string) => [
  `${host} LV-008/default ${folder}/etc/libvirt/libvirtd.conf:69:1`,
  `${host} LV-017/default ${folder}/etc/libvirt/libvirtd.conf:219:1`,
  `${host} LV-005/default ${folder}/etc/libvirt/libvirtd.conf:301:1`,
];

test("the 2019 guide followed literally: OSSN-0089 at the native TLS line, and libvirtd as shipped", () => {
  assert.equal(brief("guide-2019-fleet"), [
    ...libvirtdDefaults("ComputeNode1", "compute-1"),
    "ComputeNode1 NOVA-002/unset compute-1/etc/nova/nova.conf:5492:1",
    ...libvirtdDefaults("ComputeNode2", "compute-2"),
    "ComputeNode2 NOVA-002/unset compute-2/etc/nova/nova.conf:5492:1",
  ]);
});

test("the current guide followed: encrypted, but any certificate the CA signed is trusted", () => {
  assert.equal(brief("guide-current-fleet"), [...libvirtdDefaults("ComputeNode1", "compute-1"), ...libvirtdDefaults("ComputeNode2", "compute-2")]);
  const verdicts = scan(join(EXAMPLES, "guide-current-fleet")).hosts.map((h) => h.verdict.summary);
  assert.equal(verdicts, ["encrypted, not fully authenticated", "encrypted, not fully authenticated"]);
});

test("the secure fleet: nothing to report, every channel protected", () => {
  const result = scan(join(EXAMPLES, "secure-fleet"));
  assert.equal(result.findings, []);
  assert.equal(result.diagnostics, []);
  assert.equal(result.hosts.map((h) => [h.name, h.verdict.summary]), [
    ["compute-1.example.org", "encrypted and authenticated"],
    ["compute-2.example.org", "encrypted and authenticated"],
  ]);
});

test("the verdict per channel: the 2019 guide leaves the control channel in clear", () => {
  const [host] = scan(join(EXAMPLES, "guide-2019-fleet")).hosts;
  assert.equal(host!.verdict, {
    control: { status: "unprotected", by: "libvirt tcp transport: plain TCP" },
    memory: { status: "protected", by: "QEMU-native TLS" },
    disks: { status: "protected", by: "QEMU-native TLS" },
    authentication: { status: "protected", by: "the destination QEMU verifies the source's certificate" },
    authorisation: { status: "unprotected", by: "any certificate signed by the CA is accepted" },
    summary: "not encrypted",
  });
});

test("one host of a fleet scanned alone keeps paths relative to that host", () => {
  assert.equal(brief("guide-2019-fleet/compute-2").at(-1), "ComputeNode2 NOVA-002/unset etc/nova/nova.conf:5492:1");
});

test.run();
