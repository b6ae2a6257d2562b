/**
 * The nova options migpolicy reads, with oslo.config types and nova's defaults, from
 * policies/facts/data.json. Options not listed keep their raw string.
 */
import { FACTS } from "./facts.js";
import type { NovaOptionSpec } from "./specs.js";

export type { NovaOptionSpec } from "./specs.js";

export const NOVA_OPTIONS: Record<string, Record<string, NovaOptionSpec>> = FACTS.options.nova;

/**
 * Options whose whole value is a secret (oslo.config `secret=True` in nova and
 * the libraries it registers), and a pattern for the rest (passwords, tokens,
 * keys); URL credentials are removed from every other value.
 */
const SECRET_OPTIONS = new Set(["transport_url", "connection", "slave_connection", "sql_connection"]);
const SECRET_NAME = /(pass(wd|word)?|secret|token|_key$|^key$|credential|passcode|authorization_code)/i;

export function isSecretNovaOption(name: string): boolean {
  return SECRET_OPTIONS.has(name) || SECRET_NAME.test(name);
}

/** `scheme://user:password@host` → true: the value carries credentials. */
export function hasUrlCredentials(value: string): boolean {
  return /[a-z][a-z0-9+.-]*:\/\/[^\s/@]*:[^\s/@]*@/i.test(value);
}
