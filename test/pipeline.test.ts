/** The pipeline's joints: a host the schema rejects is skipped and the fleet goes on. */
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { discoverHosts, renderDiagnostic, scanTree, Tree, type Layout } from "../src/index.js";
import { EXAMPLES } from "./helpers.js";

test("a host whose document fails the schema is skipped with a schema-violation diagnostic; the other hosts are scanned", () => {
  const tree = new Tree(join(EXAMPLES, "guide-2019-fleet"));
  const [first, second] = discoverHosts(tree, "guide-2019-fleet");
  assert.ok(first && second);
  // A layout the schema does not know stands for any bug that builds a wrong document.
  const broken = { ...first, layout: "no-such-layout" as Layout };
  const result = scanTree(tree, "guide-2019-fleet", false, {}, [broken, second]);
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

test.run();
