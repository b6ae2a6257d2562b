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
const SECRET_OPTIONS = new Set([
  // oslo.messaging
  "transport_url",
  // oslo.db (and nova's old [DEFAULT] sql_connection)
  "connection",
  "slave_connection",
  "sql_connection",
  // oslo.cache: backend_argument carries backends' passwords (secret=True)
  "backend_argument",
  // osprofiler: the keys that sign trace data (secret=True)
  "hmac_keys",
]);
const SECRET_NAME = /(pass(wd|word)?|secret|token|_keys?$|^keys?$|credential|passcode|authorization_code)/i;

export function isSecretNovaOption(name: string): boolean {
  return SECRET_OPTIONS.has(name) || SECRET_NAME.test(name);
}
