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

/** Lines shared by the series from Ussuri on (SASL on TCP and TLS), read at each series' tag. */
function saslLibvirtd(tag: string): TemplateLine[] {
  const f = `${T}/libvirtd.conf.j2`;
  const tls = ["libvirt_tls | bool"];
  const tcp = ["not (libvirt_tls | bool)"];
  return [
    { text: "listen_tls = 1", when: tls, at: `${f}:2@${tag}` },
    { text: "listen_tcp = 0", when: tls, at: `${f}:3@${tag}` },
    { text: 'tls_port = "{{ nova_libvirt_port }}"', when: tls, at: `${f}:4@${tag}` },
    { text: 'key_file = "/etc/pki/libvirt/private/serverkey.pem"', when: tls, at: `${f}:5@${tag}` },
    { text: 'cert_file = "/etc/pki/libvirt/servercert.pem"', when: tls, at: `${f}:6@${tag}` },
    { text: 'ca_file = "/etc/pki/CA/cacert.pem"', when: tls, at: `${f}:7@${tag}` },
    { text: "auth_tls = \"{{ 'sasl' if libvirt_enable_sasl | bool else 'none' }}\"", when: tls, at: `${f}:8@${tag}` },
    { text: "listen_tcp = 1", when: tcp, at: `${f}:10@${tag}` },
    { text: "listen_tls = 0", when: tcp, at: `${f}:11@${tag}` },
    { text: "auth_tcp = \"{{ 'sasl' if libvirt_enable_sasl | bool else 'none' }}\"", when: tcp, at: `${f}:12@${tag}` },
    { text: 'tcp_port = "{{ nova_libvirt_port }}"', when: tcp, at: `${f}:13@${tag}` },
    { text: 'ca_file = ""', when: tcp, at: `${f}:14@${tag}` },
    { text: 'listen_addr = "{{ migration_interface_address }}"', at: `${f}:23@${tag}` },
    { text: 'auth_unix_ro = "none"', when: ["enable_neutron_mlnx | bool"], at: `${f}:26@${tag}` },
  ];
}

function novaConf(tag: string): TemplateLine[] {
  const f = `${T}/nova.conf.j2`;
  const l = `${T}/nova.conf.d/libvirt.conf.j2`;
  const libvirt = ["nova_compute_virt_type in ['kvm', 'qemu']"];
  const tls = [...libvirt, "libvirt_tls | bool"];
  const tcp = [...libvirt, "not (libvirt_tls | bool)"];
  return [
    { text: "[DEFAULT]", at: `${f}:2@${tag}` },
    { text: "compute_driver = libvirt.LibvirtDriver", when: ["not (enable_nova_fake | bool)"], at: `${f}:21@${tag}` },
    { text: "compute_driver = fake.FakeDriver", when: ["enable_nova_fake | bool"], at: `${f}:19@${tag}` },
    { text: "my_ip = {{ api_interface_address }}", at: `${f}:25@${tag}` },
    { text: "[vnc]", when: ["nova_console == 'novnc'"], at: `${f}:46@${tag}` },
    { text: "server_listen = {{ api_interface_address }}", when: ["nova_console == 'novnc'"], at: `${f}:52@${tag}` },
    { text: "[vnc]", when: ["nova_console == 'spice'"], at: `${f}:59@${tag}` },
    { text: "enabled = false", when: ["nova_console == 'spice'"], at: `${f}:61@${tag}` },
    { text: "[vnc]", when: ["nova_console == 'none'"], at: `${f}:72@${tag}` },
    { text: "enabled = false", when: ["nova_console == 'none'"], at: `${f}:73@${tag}` },
    { text: "[libvirt]", when: libvirt, at: `${l}:1@${tag}` },
    { text: "connection_uri = \"qemu+tls://{{ migration_hostname | put_address_in_context('url') }}/system\"", when: tls, at: `${l}:3@${tag}` },
    { text: 'live_migration_scheme = "tls"', when: tls, at: `${l}:4@${tag}` },
    { text: 'live_migration_inbound_addr = "{{ migration_hostname }}"', when: tls, at: `${l}:5@${tag}` },
    {
      text: "connection_uri = \"qemu+tcp://{{ migration_interface_address | put_address_in_context('url') }}/system\"",
      when: tcp,
      at: `${l}:7@${tag}`,
    },
    { text: 'live_migration_inbound_addr = "{{ migration_interface_address }}"', when: tcp, at: `${l}:8@${tag}` },
    { text: "images_type = rbd", when: [...libvirt, "nova_backend == 'rbd'"], at: `${l}:11@${tag}` },
    { text: "virt_type = {{ nova_compute_virt_type }}", when: libvirt, at: `${l}:23@${tag}` },
  ];
}

function defaults(tag: string, lines: Record<string, [number, string]>, file: string): Record<string, ReleaseDefault> {
  const out: Record<string, ReleaseDefault> = {};
  for (const [name, [line, value]] of Object.entries(lines)) out[name] = { value, at: `${file}:${line}@${tag}` };
  return out;
}

const SERIES_2023_2: KollaSeries = {
  id: "2023.2-2025.2",
  majors: [17, 18, 19, 20, 21],
  openstackReleases: ["2023.2", "2024.1", "2024.2", "2025.1", "2025.2"],
  tag: "21.0.0",
  roleDefaults: defaults(
    "21.0.0",
    {
      nova_cell_compute_group: [117, "compute"],
      nova_libvirt_port: [520, "{{ '16514' if libvirt_tls | bool else '16509' }}"],
      libvirt_tls: [585, "{{ false }}"],
      libvirt_tls_manage_certs: [590, "{{ true }}"],
      migration_hostname: [594, "{{ ansible_facts.nodename }}"],
      libvirt_enable_sasl: [602, "{{ true }}"],
      libvirt_sasl_mech_list: [606, "{{ ['SCRAM-SHA-256' if libvirt_tls | bool else 'DIGEST-MD5'] }}"],
    },
    `${CELL}/defaults/main.yml`,
  ),
  groupVars: {
    ...defaults(
      "21.0.0",
      {
        enable_nova_libvirt_container: [4, "{{ nova_compute_virt_type in ['kvm', 'qemu'] }}"],
        nova_backend_ceph: [11, "no"],
        nova_backend: [12, "{{ 'rbd' if nova_backend_ceph | bool else 'default' }}"],
        nova_compute_virt_type: [14, "kvm"],
        nova_console: [18, "novnc"],
        enable_nova_fake: [37, "no"],
        migration_interface: [40, "{{ api_interface }}"],
        migration_interface_address: [41, "{{ 'migration' | kolla_address }}"],
      },
      "ansible/group_vars/all/nova.yml",
    ),
    ...defaults(
      "21.0.0",
      {
        node_custom_config: [150, "{{ node_config }}/config"],
        api_interface_address: [198, "{{ 'api' | kolla_address }}"],
        network_interface: [223, "eth0"],
        api_interface: [225, "{{ network_interface }}"],
        openstack_release: [294, "2025.2"],
      },
      "ansible/group_vars/all/common.yml",
    ),
    ...defaults("21.0.0", { enable_neutron_mlnx: [6, "no"] }, "ansible/group_vars/all/neutron.yml"),
  },
  novaConf: novaConf("21.0.0"),
  libvirtdConf: saslLibvirtd("21.0.0"),
  qemuConf: [
    { text: 'stdio_handler = "file"', at: `${T}/qemu.conf.j2:1@21.0.0` },
    { text: 'user = "nova"', at: `${T}/qemu.conf.j2:3@21.0.0` },
    { text: 'group = "nova"', at: `${T}/qemu.conf.j2:4@21.0.0` },
  ],
  saslConf: [
    { text: "mech_list: {{ libvirt_sasl_mech_list | join(' ') }}", at: `${T}/sasl.conf.j2:1@21.0.0` },
    { text: "sasldb_path: /etc/libvirt/passwd.db", at: `${T}/sasl.conf.j2:2@21.0.0` },
  ],
  novaOverrides: {
    paths: ["global.conf", "nova.conf", "nova/nova-compute.conf", "nova/{host}/nova.conf", "nova/{host}/nova-compute.conf"],
    at: `${CELL}/tasks/config.yml:66-72@21.0.0`,
  },
  virconfOverrides: null,
  tlsFiles: { lookup: ["nova/nova-libvirt/{host}/{file}", "nova/nova-libvirt/{file}"], at: `${CELL}/tasks/config-libvirt-tls.yml@21.0.0` },
};

export const SERIES: readonly KollaSeries[] = [SERIES_2023_2];

/** The series a kolla-ansible major version or an OpenStack release name belongs to. */
export function seriesOf(release: string): KollaSeries | null {
  const major = /^(\d+)(\.|$)/.exec(release);
  for (const series of SERIES) {
    if (major !== null && Number(major[1]) >= 4 && series.majors.includes(Number(major[1]))) return series;
    if (series.openstackReleases.includes(release.toLowerCase())) return series;
  }
  return null;
}

/** The series assumed when the repository names no release: the newest. */
export const NEWEST_SERIES: KollaSeries = SERIES[SERIES.length - 1] as KollaSeries;
