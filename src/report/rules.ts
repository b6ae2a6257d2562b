/** `migpolicy rules`: the catalogue for people (one line a rule) or for scripts (JSON). */
import type { Catalogue } from "../model/rule.js";

export type RuleListingName = "text" | "json";
export const RULE_LISTING_NAMES: readonly RuleListingName[] = ["text", "json"];

const LISTINGS: Record<RuleListingName, (catalogue: Catalogue) => string> = {
  text: (catalogue) => `${catalogue.rules.map((rule) => `${rule.id.padEnd(10)} ${rule.severity.padEnd(8)} ${rule.title}`).join("\n")}\n`,
  json: (catalogue) => `${JSON.stringify(catalogue.rules, null, 2)}\n`,
};

export function ruleListing(name: RuleListingName, catalogue: Catalogue): string {
  return LISTINGS[name](catalogue);
}
