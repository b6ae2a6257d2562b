/**
 * What kolla-ansible writes on a compute host for live migration, per release series: the
 * role defaults and group variables the migration settings read, the template lines that
 * render nova.conf's migration settings, libvirtd.conf, qemu.conf and sasl.conf, and the
 * override files merged into nova.conf. Each fact names the kolla-ansible file, line and
 * release tag it was read from (`git show <tag>:<file>`); only the lines that decide
 * migration security are encoded, not the whole templates.
 */

/** A line of a Kolla template: written when every condition of its enclosing `{% if %}` blocks holds. */
export interface TemplateLine {
  text: string;
  when?: readonly string[];
  /** file:line in kolla-ansible at the series' tag. */
  at: string;
}

/** A variable's value as kolla-ansible defines it (a Jinja template, as in the YAML file). */
export interface ReleaseDefault {
  value: string;
  at: string;
}

export interface KollaSeries {
  id: string;
  /** The kolla-ansible releases (major versions) of the series, and the OpenStack releases they deploy. */
  majors: readonly number[];
  openstackReleases: readonly string[];
  /** The tag every fact of the series was read at. */
  tag: string;
  /** Role defaults (ansible/roles/nova-cell/defaults/main.yml): the lowest precedence. */
  roleDefaults: Readonly<Record<string, ReleaseDefault>>;
  /** kolla-ansible's playbook group_vars/all: above the inventory's group_vars/all, below its other group_vars. */
  groupVars: Readonly<Record<string, ReleaseDefault>>;
  /** nova.conf of nova-compute (nova.conf.j2 and the nova.conf.d/libvirt.conf.j2 it includes). */
  novaConf: readonly TemplateLine[];
  libvirtdConf: readonly TemplateLine[];
  qemuConf: readonly TemplateLine[];
  saslConf: readonly TemplateLine[];
  /** The operator's files merged into nova.conf, after the template, relative to node_custom_config ({host}: inventory_hostname). */
  novaOverrides: { paths: readonly string[]; at: string };
  /** When kolla-ansible deploys the nova_libvirt container (a Jinja condition): before 14.0.0 always. */
  libvirtContainer: { when: string; at: string };
  /**
   * Whole-file replacements of libvirtd.conf and qemu.conf, first found wins (22.0.0 on), relative
   * to node_custom_config; empty when the role templates are the only source.
   */
  virconfOverrides: { libvirtd: readonly string[]; qemu: readonly string[]; at: string } | null;
  /** The libvirt TLS files, looked up per host first ({host}), written when libvirt_tls and libvirt_tls_manage_certs. */
  tlsFiles: { lookup: readonly string[]; at: string };
}

const CELL = "ansible/roles/nova-cell";
const T = `${CELL}/templates`;
const DEFAULTS = `${CELL}/defaults/main.yml`;

/** [file, line, text, conditions]: a template line at a tag. */
type Row = readonly [file: string, line: number, text: string, when?: readonly string[]];

function lines(tag: string, rows: readonly Row[]): TemplateLine[] {
  return rows.map(([file, line, text, when]) => ({ text, ...(when === undefined ? {} : { when }), at: `${file}:${line}@${tag}` }));
}

function defaults(tag: string, file: string, rows: Record<string, readonly [number, string]>): Record<string, ReleaseDefault> {
  const out: Record<string, ReleaseDefault> = {};
  for (const [name, [line, value]] of Object.entries(rows)) out[name] = { value, at: `${file}:${line}@${tag}` };
  return out;
}

const NOVA = `${T}/nova.conf.j2`;
const LIBVIRT = `${T}/nova.conf.d/libvirt.conf.j2`;
const LIBVIRTD = `${T}/libvirtd.conf.j2`;
const QEMU = `${T}/qemu.conf.j2`;
const SASL = `${T}/sasl.conf.j2`;
const KVM = "nova_compute_virt_type in ['kvm', 'qemu']";
const TLS = [KVM, "libvirt_tls | bool"];
const TCP = [KVM, "not (libvirt_tls | bool)"];
const NOT_TLS = ["not (libvirt_tls | bool)"];
const ON_TLS = ["libvirt_tls | bool"];
const NOVNC = ["nova_console == 'novnc'"];
const SPICE = ["nova_console == 'spice'"];
const NO_CONSOLE = ["nova_console == 'none'"];
const FAKE = ["enable_nova_fake | bool"];

/** nova.conf.d/libvirt.conf.j2 lines 1-8 and 23 are the same text in every tag (blob ids differ elsewhere in the file). */
const LIBVIRT_SECTION: readonly Row[] = [
  [LIBVIRT, 1, "[libvirt]", [KVM]],
  [LIBVIRT, 3, "connection_uri = \"qemu+tls://{{ migration_hostname | put_address_in_context('url') }}/system\"", TLS],
  [LIBVIRT, 4, 'live_migration_scheme = "tls"', TLS],
  [LIBVIRT, 5, 'live_migration_inbound_addr = "{{ migration_hostname }}"', TLS],
  [LIBVIRT, 7, "connection_uri = \"qemu+tcp://{{ migration_interface_address | put_address_in_context('url') }}/system\"", TCP],
  [LIBVIRT, 8, 'live_migration_inbound_addr = "{{ migration_interface_address }}"', TCP],
];

const QEMU_LINES: readonly Row[] = [
  [QEMU, 1, 'stdio_handler = "file"'],
  [QEMU, 3, 'user = "nova"'],
  [QEMU, 4, 'group = "nova"'],
];

const SASL_LINES: readonly Row[] = [
  [SASL, 1, "mech_list: {{ libvirt_sasl_mech_list | join(' ') }}"],
  [SASL, 2, "sasldb_path: /etc/libvirt/passwd.db"],
];

/** libvirtd.conf.j2 with SASL (blob aa01f74: 11.4.0, 12.4.0, 13.1.0 and every tag from 14.0.0 to 22.0.0). */
const SASL_LIBVIRTD: readonly Row[] = [
  [LIBVIRTD, 2, "listen_tls = 1", ON_TLS],
  [LIBVIRTD, 3, "listen_tcp = 0", ON_TLS],
  [LIBVIRTD, 4, 'tls_port = "{{ nova_libvirt_port }}"', ON_TLS],
  [LIBVIRTD, 5, 'key_file = "/etc/pki/libvirt/private/serverkey.pem"', ON_TLS],
  [LIBVIRTD, 6, 'cert_file = "/etc/pki/libvirt/servercert.pem"', ON_TLS],
  [LIBVIRTD, 7, 'ca_file = "/etc/pki/CA/cacert.pem"', ON_TLS],
  [LIBVIRTD, 8, "auth_tls = \"{{ 'sasl' if libvirt_enable_sasl | bool else 'none' }}\"", ON_TLS],
  [LIBVIRTD, 10, "listen_tcp = 1", NOT_TLS],
  [LIBVIRTD, 11, "listen_tls = 0", NOT_TLS],
  [LIBVIRTD, 12, "auth_tcp = \"{{ 'sasl' if libvirt_enable_sasl | bool else 'none' }}\"", NOT_TLS],
  [LIBVIRTD, 13, 'tcp_port = "{{ nova_libvirt_port }}"', NOT_TLS],
  [LIBVIRTD, 14, 'ca_file = ""', NOT_TLS],
  [LIBVIRTD, 23, 'listen_addr = "{{ migration_interface_address }}"'],
  [LIBVIRTD, 26, 'auth_unix_ro = "none"', ["enable_neutron_mlnx | bool"]],
];

const TLS_FILES = ["nova/nova-libvirt/{host}/{file}", "nova/nova-libvirt/{file}"];
const NOVA_OVERRIDES_5 = ["global.conf", "nova.conf", "nova/nova-compute.conf", "nova/{host}/nova.conf"];
const NOVA_OVERRIDES_6 = [...NOVA_OVERRIDES_5, "nova/{host}/nova-compute.conf"];

/**
 * kolla-ansible 9 (Train), and the releases before SASL reached their branch (10.0.0-10.4.0,
 * 11.0.0-11.3.0, 12.0.0-12.3.0, 13.0.x): libvirtd on TCP with no authentication at all.
 */
const TRAIN: KollaSeries = {
  id: "train",
  majors: [9],
  openstackReleases: ["train"],
  tag: "train-eol",
  roleDefaults: defaults("train-eol", DEFAULTS, {
    nova_cell_compute_group: [114, "compute"],
    nova_libvirt_port: [361, "{{'16514' if libvirt_tls | bool  else '16509'}}"],
    libvirt_tls: [426, "{{ false }}"],
    libvirt_tls_manage_certs: [431, "{{ true }}"],
    migration_hostname: [435, "{{ ansible_nodename }}"],
  }),
  groupVars: defaults("train-eol", "ansible/group_vars/all.yml", {
    node_custom_config: [13, "/etc/kolla/config"],
    api_interface_address: [67, "{{ 'api' | kolla_address }}"],
    network_interface: [193, "eth0"],
    api_interface: [196, "{{ network_interface }}"],
    migration_interface: [201, "{{ network_interface }}"],
    migration_interface_address: [223, "{{ 'migration' | kolla_address }}"],
    openstack_release: [511, "train"],
    enable_ceph: [579, "no"],
    enable_nova_fake: [714, "no"],
    nova_backend_ceph: [946, "{{ enable_ceph }}"],
    nova_backend: [947, "{{ 'rbd' if nova_backend_ceph | bool else 'default' }}"],
    nova_compute_virt_type: [949, "kvm"],
    nova_console: [953, "novnc"],
  }),
  novaConf: lines("train-eol", [
    [NOVA, 2, "[DEFAULT]"],
    [NOVA, 19, "compute_driver = fake.FakeDriver", FAKE],
    [NOVA, 28, "compute_driver = libvirt.LibvirtDriver", ["not (enable_nova_fake | bool)", "nova_compute_virt_type not in ['vmware', 'xenapi']"]],
    [NOVA, 32, "my_ip = {{ api_interface_address }}"],
    [NOVA, 48, "[vnc]", NOVNC],
    [NOVA, 54, "server_listen = {{ api_interface_address }}", NOVNC],
    [NOVA, 61, "[vnc]", SPICE],
    [NOVA, 63, "enabled = false", SPICE],
    [NOVA, 74, "[vnc]", NO_CONSOLE],
    [NOVA, 75, "enabled = false", NO_CONSOLE],
    ...LIBVIRT_SECTION,
    [LIBVIRT, 11, "images_type = rbd", [KVM, "enable_ceph | bool and nova_backend == 'rbd'"]],
    [LIBVIRT, 23, "virt_type = {{ nova_compute_virt_type }}", [KVM]],
  ]),
  libvirtdConf: lines("train-eol", [
    [LIBVIRTD, 2, "listen_tls = 1", ON_TLS],
    [LIBVIRTD, 3, "listen_tcp = 0", ON_TLS],
    [LIBVIRTD, 4, 'tls_port = "{{ nova_libvirt_port }}"', ON_TLS],
    [LIBVIRTD, 5, 'key_file = "/etc/pki/libvirt/private/serverkey.pem"', ON_TLS],
    [LIBVIRTD, 6, 'cert_file = "/etc/pki/libvirt/servercert.pem"', ON_TLS],
    [LIBVIRTD, 7, 'ca_file = "/etc/pki/CA/cacert.pem"', ON_TLS],
    [LIBVIRTD, 9, "listen_tcp = 1", NOT_TLS],
    [LIBVIRTD, 10, "listen_tls = 0", NOT_TLS],
    [LIBVIRTD, 11, 'auth_tcp = "none"', NOT_TLS],
    [LIBVIRTD, 12, 'tcp_port = "{{ nova_libvirt_port }}"', NOT_TLS],
    [LIBVIRTD, 13, 'ca_file = ""', NOT_TLS],
    [LIBVIRTD, 22, 'listen_addr = "{{ migration_interface_address }}"'],
  ]),
  qemuConf: lines("train-eol", QEMU_LINES),
  saslConf: [],
  novaOverrides: { paths: NOVA_OVERRIDES_5, at: `${CELL}/tasks/config.yml:69-73@train-eol` },
  libvirtContainer: { when: "true", at: `${CELL}/tasks/config.yml:96-97@train-eol` },
  virconfOverrides: null,
  tlsFiles: { lookup: TLS_FILES, at: `${CELL}/tasks/config-libvirt-tls.yml:8-9@train-eol` },
};

/** kolla-ansible 10-16 (Ussuri to 2023.1) once SASL reached them (ussuri-eol, 11.4.0, 12.4.0, 13.1.0, 14.0.0 on); read at 16.0.0. */
const USSURI_2023_1: KollaSeries = {
  id: "ussuri-2023.1",
  majors: [10, 11, 12, 13, 14, 15, 16],
  openstackReleases: ["ussuri", "victoria", "wallaby", "xena", "yoga", "zed", "2023.1"],
  tag: "16.0.0",
  roleDefaults: defaults("16.0.0", DEFAULTS, {
    nova_cell_compute_group: [106, "compute"],
    nova_libvirt_port: [472, "{{ '16514' if libvirt_tls | bool else '16509' }}"],
    libvirt_tls: [545, "{{ false }}"],
    libvirt_tls_manage_certs: [550, "{{ true }}"],
    migration_hostname: [554, "{{ ansible_facts.nodename }}"],
    libvirt_enable_sasl: [562, "{{ true }}"],
    libvirt_sasl_mech_list: [566, "{{ ['SCRAM-SHA-256' if libvirt_tls | bool else 'DIGEST-MD5'] }}"],
  }),
  groupVars: defaults("16.0.0", "ansible/group_vars/all.yml", {
    node_custom_config: [13, "{{ node_config }}/config"],
    api_interface_address: [85, "{{ 'api' | kolla_address }}"],
    network_interface: [242, "eth0"],
    api_interface: [245, "{{ network_interface }}"],
    migration_interface: [248, "{{ api_interface }}"],
    migration_interface_address: [271, "{{ 'migration' | kolla_address }}"],
    openstack_release: [581, "2023.1"],
    enable_neutron_mlnx: [721, "no"],
    enable_nova_libvirt_container: [734, "{{ nova_compute_virt_type in ['kvm', 'qemu'] }}"],
    enable_nova_fake: [774, "no"],
    nova_backend_ceph: [1027, "no"],
    nova_backend: [1028, "{{ 'rbd' if nova_backend_ceph | bool else 'default' }}"],
    nova_compute_virt_type: [1030, "kvm"],
    nova_console: [1034, "novnc"],
  }),
  novaConf: lines("16.0.0", [
    [NOVA, 2, "[DEFAULT]"],
    [NOVA, 19, "compute_driver = fake.FakeDriver", FAKE],
    [NOVA, 23, "compute_driver = libvirt.LibvirtDriver", ["not (enable_nova_fake | bool)", "nova_compute_virt_type != 'vmware'"]],
    [NOVA, 27, "my_ip = {{ api_interface_address }}"],
    [NOVA, 43, "[vnc]", NOVNC],
    [NOVA, 49, "server_listen = {{ api_interface_address }}", NOVNC],
    [NOVA, 56, "[vnc]", SPICE],
    [NOVA, 58, "enabled = false", SPICE],
    [NOVA, 69, "[vnc]", NO_CONSOLE],
    [NOVA, 70, "enabled = false", NO_CONSOLE],
    ...LIBVIRT_SECTION,
    [LIBVIRT, 11, "images_type = rbd", [KVM, "nova_backend == 'rbd'"]],
    [LIBVIRT, 23, "virt_type = {{ nova_compute_virt_type }}", [KVM]],
  ]),
  libvirtdConf: lines("16.0.0", SASL_LIBVIRTD),
  qemuConf: lines("16.0.0", QEMU_LINES),
  saslConf: lines("16.0.0", SASL_LINES),
  novaOverrides: { paths: NOVA_OVERRIDES_5, at: `${CELL}/tasks/config.yml:62-66@16.0.0` },
  libvirtContainer: { when: "enable_nova_libvirt_container | bool", at: "ansible/group_vars/all.yml:734@16.0.0" },
  virconfOverrides: null,
  tlsFiles: { lookup: TLS_FILES, at: `${CELL}/tasks/config-libvirt-tls.yml:8-9@16.0.0` },
};

/** kolla-ansible 17-21 (2023.2 to 2025.2): a sixth nova.conf override, nova/<host>/nova-compute.conf; read at 21.0.0. */
const V2023_2_2025_2: KollaSeries = {
  id: "2023.2-2025.2",
  majors: [17, 18, 19, 20, 21],
  openstackReleases: ["2023.2", "2024.1", "2024.2", "2025.1", "2025.2"],
  tag: "21.0.0",
  roleDefaults: defaults("21.0.0", DEFAULTS, {
    nova_cell_compute_group: [117, "compute"],
    nova_libvirt_port: [520, "{{ '16514' if libvirt_tls | bool else '16509' }}"],
    libvirt_tls: [585, "{{ false }}"],
    libvirt_tls_manage_certs: [590, "{{ true }}"],
    migration_hostname: [594, "{{ ansible_facts.nodename }}"],
    libvirt_enable_sasl: [602, "{{ true }}"],
    libvirt_sasl_mech_list: [606, "{{ ['SCRAM-SHA-256' if libvirt_tls | bool else 'DIGEST-MD5'] }}"],
  }),
  groupVars: {
    ...defaults("21.0.0", "ansible/group_vars/all/nova.yml", {
      enable_nova_libvirt_container: [4, "{{ nova_compute_virt_type in ['kvm', 'qemu'] }}"],
      nova_backend_ceph: [11, "no"],
      nova_backend: [12, "{{ 'rbd' if nova_backend_ceph | bool else 'default' }}"],
      nova_compute_virt_type: [14, "kvm"],
      nova_console: [18, "novnc"],
      enable_nova_fake: [37, "no"],
      migration_interface: [40, "{{ api_interface }}"],
      migration_interface_address: [41, "{{ 'migration' | kolla_address }}"],
    }),
    ...defaults("21.0.0", "ansible/group_vars/all/common.yml", {
      node_custom_config: [150, "{{ node_config }}/config"],
      api_interface_address: [198, "{{ 'api' | kolla_address }}"],
      network_interface: [223, "eth0"],
      api_interface: [225, "{{ network_interface }}"],
      openstack_release: [294, "2025.2"],
    }),
    ...defaults("21.0.0", "ansible/group_vars/all/neutron.yml", { enable_neutron_mlnx: [6, "no"] }),
  },
  novaConf: lines("21.0.0", [
    [NOVA, 2, "[DEFAULT]"],
    [NOVA, 19, "compute_driver = fake.FakeDriver", FAKE],
    [NOVA, 21, "compute_driver = libvirt.LibvirtDriver", ["not (enable_nova_fake | bool)"]],
    [NOVA, 25, "my_ip = {{ api_interface_address }}"],
    [NOVA, 46, "[vnc]", NOVNC],
    [NOVA, 52, "server_listen = {{ api_interface_address }}", NOVNC],
    [NOVA, 59, "[vnc]", SPICE],
    [NOVA, 61, "enabled = false", SPICE],
    [NOVA, 72, "[vnc]", NO_CONSOLE],
    [NOVA, 73, "enabled = false", NO_CONSOLE],
    ...LIBVIRT_SECTION,
    [LIBVIRT, 11, "images_type = rbd", [KVM, "nova_backend == 'rbd'"]],
    [LIBVIRT, 23, "virt_type = {{ nova_compute_virt_type }}", [KVM]],
  ]),
  libvirtdConf: lines("21.0.0", SASL_LIBVIRTD),
  qemuConf: lines("21.0.0", QEMU_LINES),
  saslConf: lines("21.0.0", SASL_LINES),
  novaOverrides: { paths: NOVA_OVERRIDES_6, at: `${CELL}/tasks/config.yml:67-72@21.0.0` },
  libvirtContainer: { when: "enable_nova_libvirt_container | bool", at: "ansible/group_vars/all/nova.yml:4@21.0.0" },
  virconfOverrides: null,
  tlsFiles: { lookup: TLS_FILES, at: `${CELL}/tasks/config-libvirt-tls.yml:17-18@21.0.0` },
};

/** kolla-ansible 22 (2026.1): libvirtd.conf and qemu.conf may be replaced whole by the operator's templates; read at 22.0.0. */
const V2026_1: KollaSeries = {
  id: "2026.1",
  majors: [22],
  openstackReleases: ["2026.1"],
  tag: "22.0.0",
  roleDefaults: defaults("22.0.0", DEFAULTS, {
    nova_cell_compute_group: [119, "compute"],
    nova_libvirt_port: [549, "{{ '16514' if libvirt_tls | bool else '16509' }}"],
    libvirt_tls: [618, "{{ false }}"],
    libvirt_tls_manage_certs: [623, "{{ true }}"],
    migration_hostname: [627, "{{ ansible_facts.nodename }}"],
    libvirt_enable_sasl: [635, "{{ true }}"],
    libvirt_sasl_mech_list: [639, "{{ ['SCRAM-SHA-256' if libvirt_tls | bool else 'DIGEST-MD5'] }}"],
  }),
  groupVars: {
    ...defaults("22.0.0", "ansible/group_vars/all/nova.yml", {
      enable_nova_libvirt_container: [4, "{{ nova_compute_virt_type in ['kvm', 'qemu'] }}"],
      nova_backend_ceph: [11, "{{ false }}"],
      nova_backend: [12, "{{ 'rbd' if nova_backend_ceph | bool else 'default' }}"],
      nova_compute_virt_type: [14, "kvm"],
      nova_console: [18, "novnc"],
      enable_nova_fake: [37, "{{ false }}"],
      migration_interface: [40, "{{ api_interface }}"],
      migration_interface_address: [41, "{{ 'migration' | kolla_address }}"],
    }),
    ...defaults("22.0.0", "ansible/group_vars/all/common.yml", {
      node_custom_config: [163, "{{ node_config }}/config"],
      api_interface_address: [216, "{{ 'api' | kolla_address }}"],
      network_interface: [238, "eth0"],
      api_interface: [240, "{{ network_interface }}"],
      openstack_release: [310, "2026.1"],
    }),
    ...defaults("22.0.0", "ansible/group_vars/all/neutron.yml", { enable_neutron_mlnx: [6, "{{ false }}"] }),
  },
  novaConf: lines("22.0.0", [
    [NOVA, 2, "[DEFAULT]"],
    [NOVA, 37, "compute_driver = fake.FakeDriver", FAKE],
    [NOVA, 39, "compute_driver = libvirt.LibvirtDriver", ["not (enable_nova_fake | bool)"]],
    [NOVA, 43, "my_ip = {{ api_interface_address }}"],
    [NOVA, 64, "[vnc]", NOVNC],
    [NOVA, 70, "server_listen = {{ api_interface_address }}", NOVNC],
    [NOVA, 77, "[vnc]", SPICE],
    [NOVA, 79, "enabled = false", SPICE],
    [NOVA, 97, "[vnc]", NO_CONSOLE],
    [NOVA, 98, "enabled = false", NO_CONSOLE],
    ...LIBVIRT_SECTION,
    [LIBVIRT, 11, "images_type = rbd", [KVM, "nova_backend == 'rbd'"]],
    [LIBVIRT, 23, "virt_type = {{ nova_compute_virt_type }}", [KVM]],
  ]),
  libvirtdConf: lines("22.0.0", SASL_LIBVIRTD),
  qemuConf: lines("22.0.0", QEMU_LINES),
  saslConf: lines("22.0.0", SASL_LINES),
  novaOverrides: { paths: NOVA_OVERRIDES_6, at: `${CELL}/tasks/config.yml:73-78@22.0.0` },
  libvirtContainer: { when: "enable_nova_libvirt_container | bool", at: "ansible/group_vars/all/nova.yml:4@22.0.0" },
  virconfOverrides: {
    libvirtd: ["nova/{host}/libvirtd.conf.j2", "nova/libvirtd.conf.j2"],
    qemu: ["nova/{host}/qemu.conf.j2", "nova/qemu.conf.j2"],
    at: `${CELL}/tasks/config.yml:117-119,133-135@22.0.0`,
  },
  tlsFiles: { lookup: TLS_FILES, at: `${CELL}/tasks/config-libvirt-tls.yml:17-18@22.0.0` },
};

/** Oldest first. */
export const SERIES: readonly KollaSeries[] = [TRAIN, USSURI_2023_1, V2023_2_2025_2, V2026_1];

/**
 * The first release of each branch whose libvirtd.conf.j2 has SASL (git log -S libvirt_enable_sasl):
 * an earlier release of the branch renders like Train, with no authentication on TCP.
 */
const FIRST_WITH_SASL: Readonly<Record<number, string | null>> = { 10: null, 11: "11.4.0", 12: "12.4.0", 13: "13.1.0" };

function versionAtLeast(version: string, minimum: string): boolean {
  const a = version.split(".").map(Number);
  const b = minimum.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** The series a kolla-ansible version (17.2.0) or an OpenStack release name (2024.1, yoga) belongs to; null when unknown. */
/** The OpenStack releases before Train, whose kolla-ansible (8.x and older) migpolicy has no facts for. */
const BEFORE_TRAIN = [
  "austin",
  "bexar",
  "cactus",
  "diablo",
  "essex",
  "folsom",
  "grizzly",
  "havana",
  "icehouse",
  "juno",
  "kilo",
  "liberty",
  "mitaka",
  "newton",
  "ocata",
  "pike",
  "queens",
  "rocky",
  "stein",
];

/** Whether a release (a kolla-ansible version or an OpenStack release) is older than every series migpolicy has facts for. */
export function beforeFacts(release: string): boolean {
  const name = release.trim().toLowerCase();
  const version = /^(\d+)(?:\.\d+){0,3}$/.exec(name);
  if (version !== null) return Number(version[1]) < 9;
  return BEFORE_TRAIN.includes(name);
}

export function seriesOf(release: string): KollaSeries | null {
  const name = release.trim().toLowerCase();
  const version = /^(\d+)\.\d+\.\d+$/.exec(name) ?? /^(\d+)$/.exec(name);
  if (version !== null && Number(version[1]) < 100) {
    const major = Number(version[1]);
    if (major in FIRST_WITH_SASL && version[0].includes(".")) {
      const first = FIRST_WITH_SASL[major];
      if (first === null || first === undefined || !versionAtLeast(version[0], first)) return TRAIN;
    }
    return SERIES.find((series) => series.majors.includes(major)) ?? null;
  }
  return SERIES.find((series) => series.openstackReleases.includes(name)) ?? null;
}

/**
 * The OpenStack releases in order from Train: kolla-ansible's major version is 9 for Train and
 * one more for each release after (its release notes), nova's is 20 for Train (nova's setup.cfg
 * at each stable branch): nova major = kolla-ansible major + 11.
 */
const OPENSTACK_RELEASES = [
  "train",
  "ussuri",
  "victoria",
  "wallaby",
  "xena",
  "yoga",
  "zed",
  "2023.1",
  "2023.2",
  "2024.1",
  "2024.2",
  "2025.1",
  "2025.2",
  "2026.1",
];

/** nova's major version that a kolla-ansible release deploys (its images are built from that branch), or null. */
export function novaMajorOf(release: string): number | null {
  const name = release.trim().toLowerCase();
  const version = /^(\d+)(\.\d+\.\d+)?$/.exec(name);
  if (version !== null && Number(version[1]) >= 9 && Number(version[1]) < 100) return Number(version[1]) + 11;
  const index = OPENSTACK_RELEASES.indexOf(name);
  return index < 0 ? null : 20 + index;
}

/** How kolla-ansible's command line passes the extra-vars that follow globals.yml: passwords.yml and globals.d. */
export interface ExtraVars {
  /** globals.d's files (the extensions it takes), and whether they come before passwords.yml; null when it reads none. */
  globalsD: { extensions: readonly string[]; beforePasswords: boolean } | null;
  at: string;
}

/**
 * The CLI of the release: Train's and Ussuri's shell script reads no globals.d; Victoria's to
 * 18.x's takes its *.yml (in find's order, taken here as sorted) before passwords.yml; the
 * Python CLI of 19.0.0 on takes .yml, .yaml and .json, sorted, after passwords.yml.
 */
export function extraVarsOf(release: string): ExtraVars {
  const nova = novaMajorOf(release);
  const major = nova === null ? 22 : nova - 11;
  if (major <= 10) return { globalsD: null, at: "tools/kolla-ansible:467@train-eol, :484@ussuri-eol" };
  if (major <= 18) return { globalsD: { extensions: [".yml"], beforePasswords: true }, at: "tools/kolla-ansible:489@victoria-eol, :585-587@18.0.0" };
  return { globalsD: { extensions: [".yml", ".yaml", ".json"], beforePasswords: false }, at: "kolla_ansible/ansible.py:226,245-259@19.0.0" };
}

/** What --kolla-release accepts, for messages. */
export const KOLLA_RELEASES = `kolla-ansible 9.0.0 to 22.x, or ${OPENSTACK_RELEASES[0]} to ${OPENSTACK_RELEASES.at(-1)}`;

/** The series assumed when the repository names no release: the newest. */
export const NEWEST_SERIES: KollaSeries = SERIES[SERIES.length - 1] as KollaSeries;
