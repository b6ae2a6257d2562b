// Generated from schemas/fleet.json by tools/build.mjs: edit the schema, then npm run build.
/** The schema_version this module's documents carry. */
export const FLEET_SCHEMA_VERSION = 1;

/**
 * A compact summary of every host of a scan, the input of the fleet checks. Each entry is computed by the policies (policies/lib/fleet_entry.rego) from the host document.
 */
export interface FleetDocument {
schema_version: 1
hosts: FleetHost[]
}
export interface FleetHost {
name: string
root: string
name_location: Location
/**
 * How this host migrates as a source: the libvirt transport, native TLS, tunnelling.
 */
transport: {
control: string
native_tls: boolean
tunnelled: boolean
location: Location
}
/**
 * Subjects of the client certificates the host presents (QEMU's client-cert.pem, libvirt's clientcert.pem).
 */
client_dns: string[]
/**
 * The tls_allowed_dn_list the host's remote daemon admits, or null when it admits any certificate the CA signed.
 */
allowed_dns: (null | {
daemon: string
patterns: string[]
location: Location
})
/**
 * SHA-256 fingerprints of the CA certificates the host trusts.
 */
ca_fingerprints: string[]
/**
 * The first file holding a CA certificate the host trusts (by path), where a disagreement about the CA is shown; null when it shows none.
 */
ca_location?: (Location | null)
certificates: {
file: string
issuer: string
serial: string
public_key_sha256: string
}[]
}
/**
 * A place in a scanned file: file relative to the scanned root with forward slashes; 1-based line and column, columns counting UTF-16 code units of the decoded line (SARIF's default columnKind); the end is exclusive (end_column points one past the last character).
 */
export interface Location {
file: string
line: number
column: number
end_line?: number
end_column?: number
}
