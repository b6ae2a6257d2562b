// Generated from schemas/fleet.json by tools/build.mjs: edit the schema, then npm run build.
/** The schema_version this module's documents carry. */
export const FLEET_SCHEMA_VERSION = 1;

/**
 * Which end of which TLS connection a certificate serves: libvirt's daemon-to-daemon connection (the source's libvirtd is the client) or QEMU's migration stream (the source's QEMU is the client).
 */
export type TlsRole = ("libvirt-client" | "libvirt-server" | "qemu-client" | "qemu-server")

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
/**
 * What peers' TLS handshakes with this host depend on, by role (libvirt-client, libvirt-server, qemu-client, qemu-server), for the channels in use: the certificates it presents (each with the chain in its file) and the CA files it verifies its peers' certificates of a role against.
 */
trust: {
presents: {
role: TlsRole
file: string
host_path: string
chain: {
issuer: string
/**
 * The public keys (SHA-256) of the host's CA certificates that verify this certificate's signature.
 */
signed_by: string[]
}[]
}[]
verifies: {
role: TlsRole
file: string
host_path: string
cas: {
subject: string
public_key_sha256: string
}[]
}[]
/**
 * Why the host's certificates cannot be compared (a sosreport holds no /etc/pki), or null.
 */
not_collected: (string | null)
}
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
