/**
 * The libvirtd.conf, virtproxyd.conf and qemu.conf options migpolicy reads, with the types
 * the daemons look them up with and their defaults, from policies/facts/data.json. `null`
 * means unset (the daemon derives a value or does without).
 */
import { FACTS } from "./facts.js";
import type { VirOptionSpec } from "./specs.js";

export type { VirOptionSpec } from "./specs.js";

export const LIBVIRTD_OPTIONS: Record<string, VirOptionSpec> = FACTS.options.libvirtd;

/** virtproxyd.conf: the same network settings, except that listen_tls defaults to 0 (there is no --listen). */
export const VIRTPROXYD_OPTIONS: Record<string, VirOptionSpec> = { ...LIBVIRTD_OPTIONS, ...FACTS.options.virtproxyd_differences };

export const QEMU_OPTIONS: Record<string, VirOptionSpec> = FACTS.options.qemu;

/** The remote daemons' own ports, which their socket units listen on too: tcp_port's and tls_port's defaults. */
export const LIBVIRT_PORTS = { tcp: Number(LIBVIRTD_OPTIONS.tcp_port?.default), tls: Number(LIBVIRTD_OPTIONS.tls_port?.default) } as const;

/** Whether a unit in this systemctl state starts (at boot or when pulled in). */
export function unitActive(state: string | undefined): boolean {
  return state !== undefined && FACTS.active_unit_states.includes(state);
}
