// Generated from schemas/metadata.json by tools/build.mjs: edit the schema, then npm run build.
/**
 * How bad a finding of the rule is, worst first.
 */
export type Severity = ("critical" | "high" | "medium" | "low" | "info")

/**
 * The METADATA annotation of one check (scope document): migpolicy's own rules and users' bundles alike. The build and the bundle loader validate every check's METADATA against this schema before mapping it to a rule.
 */
export interface Metadata {
title: string
description: string
related_resources?: RelatedResource[]
custom: RuleMetadata
}
export interface RelatedResource {
ref: string
description?: string
}
export interface RuleMetadata {
id: string
severity: Severity
security_severity?: number
cwe?: number[]
remediation: string
messages: {
[k: string]: string | undefined
}
/**
 * Ids this rule was known by before; SARIF carries them as deprecatedIds.
 */
aliases?: string[]
/**
 * Why the rule is retired: it keeps its id and is marked deprecated.
 */
deprecated?: string
}
