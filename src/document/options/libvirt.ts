/**
 * The libvirtd.conf and qemu.conf options migpolicy reads, with the types the
 * daemons look them up with and their defaults (src/remote/libvirtd.conf.in,
 * remote_daemon_config.c; src/qemu/qemu.conf.in, qemu_conf.c). `null` means
 * unset (the daemon derives a value or does without).
 */
export type VirType = "bool" | "string" | "uint" | "string-list";

export interface VirOptionSpec {
  type: VirType;
  default: string | number | string[] | null;
  secret?: boolean;
}

export const LIBVIRTD_OPTIONS: Record<string, VirOptionSpec> = {
  listen_tls: { type: "bool", default: 1 },
  listen_tcp: { type: "bool", default: 0 },
  tls_port: { type: "string", default: "16514" },
  tcp_port: { type: "string", default: "16509" },
  listen_addr: { type: "string", default: null },
  auth_tcp: { type: "string", default: "sasl" },
  auth_tls: { type: "string", default: "none" },
  key_file: { type: "string", default: "/etc/pki/libvirt/private/serverkey.pem" },
  cert_file: { type: "string", default: "/etc/pki/libvirt/servercert.pem" },
  ca_file: { type: "string", default: "/etc/pki/CA/cacert.pem" },
  crl_file: { type: "string", default: null },
  tls_no_verify_certificate: { type: "bool", default: 0 },
  tls_no_sanity_certificate: { type: "bool", default: 0 },
  tls_allowed_dn_list: { type: "string-list", default: null },
  sasl_allowed_username_list: { type: "string-list", default: null },
  tls_priority: { type: "string", default: null },
  unix_sock_group: { type: "string", default: null },
  unix_sock_rw_perms: { type: "string", default: null },
  auth_unix_rw: { type: "string", default: null },
  access_drivers: { type: "string-list", default: null },
};

/** virtproxyd.conf: the same network settings, except that listen_tls defaults to 0 (there is no --listen). */
export const VIRTPROXYD_OPTIONS: Record<string, VirOptionSpec> = {
  ...LIBVIRTD_OPTIONS,
  listen_tls: { type: "bool", default: 0 },
};

export const QEMU_OPTIONS: Record<string, VirOptionSpec> = {
  default_tls_x509_cert_dir: { type: "string", default: "/etc/pki/qemu" },
  default_tls_x509_verify: { type: "bool", default: null },
  migrate_tls_x509_cert_dir: { type: "string", default: null },
  migrate_tls_x509_verify: { type: "bool", default: null },
  migrate_tls_force: { type: "bool", default: 0 },
  nbd_tls: { type: "bool", default: 0 },
  migration_address: { type: "string", default: null },
  migration_host: { type: "string", default: null },
  migration_port_min: { type: "uint", default: 49152 },
  migration_port_max: { type: "uint", default: 49215 },
  user: { type: "string", default: null },
  group: { type: "string", default: null },
  default_tls_priority: { type: "string", default: null },
  migrate_tls_priority: { type: "string", default: null },
  vnc_listen: { type: "string", default: "127.0.0.1" },
  vnc_tls: { type: "bool", default: 0 },
  spice_listen: { type: "string", default: "127.0.0.1" },
  spice_tls: { type: "bool", default: 0 },
  vnc_password: { type: "string", default: null, secret: true },
  spice_password: { type: "string", default: null, secret: true },
};
