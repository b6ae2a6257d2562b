/** The rule catalogue the build wrote beside policy.wasm (tools/build.mjs). */
import { readFileSync } from "node:fs";
import type { Catalogue } from "../model/rule.js";

const DEFAULT_CATALOGUE_URL = new URL("../../policy/catalogue.json", import.meta.url);

export function loadCatalogue(url: URL = DEFAULT_CATALOGUE_URL): Catalogue {
  // The build's own output, validated against schemas/metadata.json when it was made.
  return JSON.parse(readFileSync(url, "utf8")) as Catalogue;
}
