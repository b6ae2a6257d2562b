/**
 * The shapes of the facts in policies/facts/data.json, which both the document builders
 * (through the generated ./facts.ts) and the policies (as data.facts) read.
 */
export type OsloType = "string" | "boolean" | "integer";

export interface NovaOptionSpec {
  type: OsloType;
  default: string | boolean | number | null;
  /** The default is computed on the host at start-up (socket.gethostname(), the host's IPv4), so a tree cannot show it. */
  computed?: boolean;
  /** oslo.config refuses any other value (a StrOpt's choices). */
  choices?: string[];
  /**
   * When nova-compute first reads the option: an invalid value at "start" stops nova-compute
   * (LibvirtDriver.init_host); at "migration", every live migration fails.
   */
  read?: "start" | "migration";
}

export type VirType = "bool" | "string" | "uint" | "string-list";

export interface VirOptionSpec {
  type: VirType;
  default: string | number | string[] | null;
  /** The value is a secret: the document says only that it is set. */
  secret?: boolean;
}

export interface Facts {
  /** systemctl is-enabled states of a unit that starts at boot or when pulled in. */
  active_unit_states: string[];
  options: {
    /** nova's options by oslo.config group (nova/conf/libvirt.py, nova/conf/vnc.py, nova/conf/netconf.py). */
    nova: Record<string, Record<string, NovaOptionSpec>>;
    /** libvirtd.conf (src/remote/libvirtd.conf.in, remote_daemon_config.c). */
    libvirtd: Record<string, VirOptionSpec>;
    /** Where virtproxyd.conf differs from libvirtd.conf. */
    virtproxyd_differences: Record<string, VirOptionSpec>;
    /** qemu.conf (src/qemu/qemu.conf.in, qemu_conf.c). */
    qemu: Record<string, VirOptionSpec>;
  };
}
