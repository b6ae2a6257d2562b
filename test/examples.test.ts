/** The bundled examples report exactly the findings their stories call for. */
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { scan } from "../src/scan.js";
import { EXAMPLES } from "./helpers.js";

const brief = (path: string) =>
  scan(join(EXAMPLES, path)).findings.map((f) => `${f.host} ${f.rule}/${f.message} ${f.location.file}:${f.location.line}:${f.location.column}`);

test("the 2019 guide followed literally: OSSN-0089 on both hosts, at the native TLS line", () => {
  assert.equal(brief("guide-2019-fleet"), [
    "ComputeNode1 NOVA-002/unset compute-1/etc/nova/nova.conf:5492:1",
    "ComputeNode2 NOVA-002/unset compute-2/etc/nova/nova.conf:5492:1",
  ]);
});

test("the current guide followed: nothing to report", () => {
  const result = scan(join(EXAMPLES, "guide-current-fleet"));
  assert.equal(result.findings, []);
  assert.equal(result.diagnostics, []);
  assert.equal(result.hosts.map((h) => h.name), ["ComputeNode1", "ComputeNode2"]);
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
  assert.equal(brief("guide-2019-fleet/compute-2"), ["ComputeNode2 NOVA-002/unset etc/nova/nova.conf:5492:1"]);
});

test.run();
