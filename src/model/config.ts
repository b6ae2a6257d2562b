// Generated from schemas/config.json by tools/build.mjs: edit the schema, then npm run build.
/**
 * migpolicy's configuration file (.migpolicy.yaml, or --config FILE): the rules that run, what fails a run, and the findings accepted, each with a reason. The command line's flags win over it.
 */
export interface MigpolicyConfig {
/**
 * The lowest severity whose findings fail the run (as --fail-on).
 */
"fail-on"?: ("critical" | "high" | "medium" | "low" | "info" | "never")
/**
 * The lowest severity of a load problem that fails the run (as --fail-on-problem).
 */
"fail-on-problem"?: ("error" | "warning" | "note" | "never")
/**
 * Only these rules are reported (as --rule).
 */
rules?: string[]
/**
 * These rules are not reported (as --skip-rule).
 */
"skip-rules"?: string[]
/**
 * Findings accepted: each entry names a rule and, optionally, hosts and a path, with the reason; from the day after `expires` its findings return.
 */
ignore?: IgnoreConfigEntry[]
}
export interface IgnoreConfigEntry {
rule: string
/**
 * A glob over the host's name or its folder (compute-*); an entry with hosts never matches a fleet-wide finding.
 */
hosts?: string
/**
 * A glob over the finding's file, relative to the scanned path (** /etc/nova/nova.conf).
 */
path?: string
reason: string
/**
 * YYYY-MM-DD (UTC): the last day the entry is honoured.
 */
expires?: string
}
