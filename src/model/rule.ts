/**
 * Rules as the catalogue holds them: mapped from the policies' METADATA by the build
 * (eval/metadata.ts), the single source of rule facts.
 */
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
  /** The policy's folder (a key of AREAS); custom for users' bundles. */
  area: string;
  /** Whether the rule checks each host document or the fleet document. */
  input: "host" | "fleet";
  /** Ids the rule was known by before (SARIF deprecatedIds). */
  aliases?: string[];
  /** Why a retired rule is kept: it keeps its id and is marked deprecated. */
  deprecated?: string;
}

export interface Catalogue {
  rules: Rule[];
}

/**
 * The policies' folders, each an area of the rule pack, with its heading in the docs.
 * @public tools/build.mjs reads it from the compiled module.
 */
export const AREAS = {
  nova: "nova.conf: how nova migrates",
  libvirtd: "libvirt daemons: who may connect",
  qemu: "qemu.conf: QEMU's TLS and migration listener",
  pki: "Certificates and keys",
  firewall: "Host firewall",
  versions: "Installed versions",
  deployment: "Deployment repositories (Kolla-Ansible, Kayobe)",
  fleet: "Across the fleet",
} as const;

/** A rule id a user's bundle wants that another rule has already. */
export class RuleIdTaken extends Error {
  constructor(
    readonly id: string,
    readonly file: string,
  ) {
    super(`rule id ${id} of ${file} is already taken`);
  }
}

/** The catalogue with users' rules added; their ids must not collide with the pack's. */
export function withRules(catalogue: Catalogue, rules: Rule[]): Catalogue {
  const known = new Set(catalogue.rules.map((r) => r.id));
  for (const rule of rules) {
    if (known.has(rule.id)) throw new RuleIdTaken(rule.id, rule.file);
    known.add(rule.id);
  }
  return { rules: [...catalogue.rules, ...rules] };
}

export function ruleById(catalogue: Catalogue): Map<string, Rule> {
  return new Map(catalogue.rules.map((rule) => [rule.id, rule]));
}
