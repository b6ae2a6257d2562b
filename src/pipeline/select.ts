import type { ScanResult } from "../model/result.js";

/** Keeps the findings (and not-evaluated notes) of the selected rules: `only` if given, minus `skip`. */
export function selectRules(result: ScanResult, selection: { only?: readonly string[]; skip?: readonly string[] }): ScanResult {
  const keep = (rule: string) =>
    (selection.only === undefined || selection.only.length === 0 || selection.only.includes(rule)) && !(selection.skip ?? []).includes(rule);
  return {
    ...result,
    hosts: result.hosts.map((host) => ({ ...host, not_evaluated: host.not_evaluated.filter((s) => keep(s.rule)) })),
    findings: result.findings.filter((f) => keep(f.rule)),
  };
}
