import type { ScanResult } from "../model/result.js";
import type { Catalogue } from "../model/rule.js";

interface Selection {
  only?: readonly string[];
  skip?: readonly string[];
}

const keeps = (selection: Selection) => (rule: string) =>
  (selection.only === undefined || selection.only.length === 0 || selection.only.includes(rule)) && !(selection.skip ?? []).includes(rule);

/** Keeps the findings (and not-evaluated notes) of the selected rules: `only` if given, minus `skip`. */
export function selectRules(result: ScanResult, selection: Selection): ScanResult {
  const keep = keeps(selection);
  return {
    ...result,
    hosts: result.hosts.map((host) => ({ ...host, not_evaluated: host.not_evaluated.filter((s) => keep(s.rule)) })),
    findings: result.findings.filter((f) => keep(f.rule)),
  };
}

/** The rules a selected run reports on: a report lists these, not checks whose results it dropped. */
export function selectCatalogue(catalogue: Catalogue, selection: Selection): Catalogue {
  const keep = keeps(selection);
  return { ...catalogue, rules: catalogue.rules.filter((rule) => keep(rule.id)) };
}
