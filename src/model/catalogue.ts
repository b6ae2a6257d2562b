/**
 * The rule catalogue, extracted by the build from the policies' METADATA
 * (tools/build.mjs, `opa inspect -a`): the single source of rule facts.
 */
import { readFileSync } from "node:fs";
import type { Severity } from "./finding.js";

export interface RuleReference {
  url: string;
  description: string;
}

export interface Rule {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  security_severity: number;
  cwe: number[];
  remediation: string;
  messages: Record<string, string>;
  references: RuleReference[];
  /** The policy file, relative to the package root. */
  file: string;
  /** The policy's folder: nova, libvirtd, qemu, pki, firewall, versions, fleet; custom for users' bundles. */
  area: string;
  /** Whether the rule checks each host document or the fleet document. */
  input: "host" | "fleet";
}

export interface Catalogue {
  rules: Rule[];
}

export const DEFAULT_CATALOGUE_URL = new URL("../../policy/catalogue.json", import.meta.url);

export function loadCatalogue(url: URL = DEFAULT_CATALOGUE_URL): Catalogue {
  return JSON.parse(readFileSync(url, "utf8")) as Catalogue;
}

/** The catalogue with users' rules added; their ids must not collide with the pack's. */
export function withRules(catalogue: Catalogue, rules: Rule[]): Catalogue {
  const known = new Set(catalogue.rules.map((r) => r.id));
  for (const rule of rules) {
    if (known.has(rule.id)) throw new Error(`rule id ${rule.id} of ${rule.file} is already taken`);
    known.add(rule.id);
  }
  return { rules: [...catalogue.rules, ...rules] };
}

export function ruleById(catalogue: Catalogue): Map<string, Rule> {
  return new Map(catalogue.rules.map((rule) => [rule.id, rule]));
}

/** A finding's message: its rule's template with `{name}` replaced by the argument. */
export function renderMessage(rule: Rule | undefined, messageId: string, args: Record<string, unknown>): string {
  const template = rule?.messages[messageId] ?? `${rule?.title ?? "finding"}`;
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => (name in args ? String(args[name]) : whole));
}
