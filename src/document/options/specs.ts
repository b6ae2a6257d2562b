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
  /**
   * Older names oslo.config still reads for the option (DeprecatedOpt), in nova's order; each
   * until the nova release that removed it, where one did (nova/conf/vnc.py at each tag).
   */
  deprecated_names?: { section: string; option: string; removed_in?: number[] }[];
}

export type VirType = "bool" | "string" | "uint" | "string-list";

export interface VirOptionSpec {
  type: VirType;
  default: string | number | string[] | null;
  /** The value is a secret: the document says only that it is set. */
  secret?: boolean;
}

/** What a nova release's libvirt driver needs (nova/virt/libvirt/driver.py at each release's tag). */
interface NovaRelease {
  /** The first major version these facts hold for, until the next entry's. */
  major: number;
  /** init_host refuses to start below these (MIN_LIBVIRT_VERSION, MIN_QEMU_VERSION; QEMU for kvm and qemu only). */
  min_libvirt: number[];
  min_qemu: number[];
  /**
   * live_migration_with_native_tls: "absent" (the option does not exist, so it is ignored),
   * "always" honoured, or honoured only from these versions, silently dropped below them.
   */
  native_tls: "absent" | "always" | { libvirt: number[]; qemu: number[] };
}

export interface Facts {
  /** nova's releases from 18 on, oldest first. */
  nova_releases: NovaRelease[];
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
