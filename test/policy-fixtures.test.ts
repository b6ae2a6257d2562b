/** Every document the Rego tests evaluate is one the loader could produce. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { HostDocument } from "../src/model/host.js";
import type { FleetDocument } from "../src/model/fleet.js";
import { assertFleetDocument, assertHostDocument } from "../src/index.js";
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

const fleets = (
  JSON.parse(opa(["eval", "--format", "json", "-d", "policies", "data.migpolicy.lib.fixtures_test.fleet_documents"])) as {
    result: { expressions: { value: FleetDocument[] }[] }[];
  }
).result[0]!.expressions[0]!.value;

fleets.forEach((document, index) => {
  test(`fleet fixture document ${index} validates against schemas/fleet.json`, () => {
    assertFleetDocument(document);
  });
});

test.run();
