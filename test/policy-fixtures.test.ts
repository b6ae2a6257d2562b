/** Every document the Rego tests evaluate is one the loader could produce. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { HostDocument } from "../src/model/host.js";
import { assertHostDocument } from "../src/model/validate.js";
import { opa } from "./helpers.js";

const out = JSON.parse(opa(["eval", "--format", "json", "-d", "policies", "data.migpolicy.lib.fixtures_test.documents"])) as {
  result: { expressions: { value: HostDocument[] }[] }[];
};
const documents = out.result[0]!.expressions[0]!.value;

test("there are fixture documents", () => {
  assert.ok(documents.length >= 3);
});

documents.forEach((document, index) => {
  test(`fixture document ${index} validates against schemas/host.json`, () => {
    assertHostDocument(document);
  });
});

test.run();
