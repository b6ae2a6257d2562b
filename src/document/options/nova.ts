/**
 * The nova options migpolicy reads, with oslo.config types and nova's defaults
 * (nova/conf/libvirt.py). Options not listed keep their raw string.
 */
export type OsloType = "string" | "boolean" | "integer";

export interface NovaOptionSpec {
  type: OsloType;
  default: string | boolean | number | null;
  /** The default is computed on the host at start-up, so a tree cannot show it. */
  computed?: boolean;
}

export const NOVA_OPTIONS: Record<string, Record<string, NovaOptionSpec>> = {
  DEFAULT: {
    // Defaults computed on the host at start-up (socket.gethostname(), the host's IPv4).
    host: { type: "string", default: null, computed: true },
    my_ip: { type: "string", default: null, computed: true },
  },
  vnc: {
    enabled: { type: "boolean", default: true },
    server_listen: { type: "string", default: "127.0.0.1" },
    auth_schemes: { type: "string", default: "none" },
  },
  libvirt: {
    virt_type: { type: "string", default: "kvm" },
    connection_uri: { type: "string", default: "" },
    live_migration_scheme: { type: "string", default: null },
    live_migration_uri: { type: "string", default: null },
    live_migration_inbound_addr: { type: "string", default: null },
    live_migration_tunnelled: { type: "boolean", default: false },
    live_migration_with_native_tls: { type: "boolean", default: false },
    live_migration_permit_post_copy: { type: "boolean", default: false },
    live_migration_permit_auto_converge: { type: "boolean", default: false },
    live_migration_parallel_connections: { type: "integer", default: 1 },
  },
};

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
