/**
 * What Kayobe (StackHPC's wrapper of kolla-ansible) decides before kolla-ansible runs: the
 * globals.yml it generates from its own variables (every etc/kayobe/*.yml is an extra-var
 * of its playbooks), merged with the operator's etc/kayobe/kolla/globals.yml, and where its
 * libvirt certificates go. Each fact names the kayobe file, line and tag it was read at.
 */
import type { ReleaseDefault } from "./releases.js";

const TAG = "20.0.0";
const at = (file: string, line: number) => `${file}:${line}@${TAG}`;
const GROUP_VARS = "ansible/inventory/group_vars/all";

/** Kayobe's own defaults for the variables the generated globals read (its built-in inventory's group_vars/all). */
export const KAYOBE_DEFAULTS: Readonly<Record<string, ReleaseDefault>> = {
  openstack_release: { value: "2026.1", at: at(`${GROUP_VARS}/openstack`, 6) },
  kolla_openstack_release: { value: "{{ openstack_release }}", at: at(`${GROUP_VARS}/kolla`, 93) },
  compute_libvirt_enable_tls: { value: "{{ false }}", at: at(`${GROUP_VARS}/compute`, 256) },
  kolla_enable_nova_libvirt_container: { value: "yes", at: at(`${GROUP_VARS}/kolla`, 568) },
};

/**
 * The lines of the globals.yml Kayobe generates (ansible/roles/kolla-ansible/templates/kolla/globals.yml)
 * that decide migration: kolla_libvirt_tls is always a boolean (ansible/kolla-ansible.yml:122), so
 * libvirt_tls is always written; libvirt_enable_sasl is never (nothing sets kolla_libvirt_enable_sasl),
 * so Kolla's default applies; enable_nova_libvirt_container comes from the feature-flag loop.
 */
export const KAYOBE_GLOBALS: Readonly<Record<string, ReleaseDefault>> = {
  openstack_release: { value: "{{ kolla_openstack_release }}", at: at("ansible/roles/kolla-ansible/templates/kolla/globals.yml", 20) },
  // globals.yml:377 writes kolla_libvirt_tls, which ansible/kolla-ansible.yml:122 sets from compute_libvirt_enable_tls.
  libvirt_tls: { value: "{{ compute_libvirt_enable_tls | bool }}", at: at("ansible/roles/kolla-ansible/templates/kolla/globals.yml", 377) },
  enable_nova_libvirt_container: {
    value: "{{ kolla_enable_nova_libvirt_container | bool }}",
    at: at("ansible/roles/kolla-ansible/templates/kolla/globals.yml", 216),
  },
};

/**
 * The interfaces Kayobe gives each host in the Kolla inventory's host_vars: its interface on
 * the internal network (ansible/kolla-ansible.yml:196-203), where libvirt listens.
 */
export const KAYOBE_HOST_VARS: Readonly<Record<string, ReleaseDefault>> = {
  network_interface: { value: "internal-net-interface", at: at("ansible/kolla-ansible.yml", 196) },
  api_interface: { value: "internal-net-interface", at: at("ansible/kolla-ansible.yml", 200) },
};

/**
 * Where Kayobe copies the libvirt certificates from, flat (one pair for every compute host):
 * etc/kayobe/certificates/libvirt/<file> into kolla's config/nova/nova-libvirt/ (kolla-openstack.yml:150,
 * roles/kolla-openstack/tasks/config.yml:33-52); files under kolla/config/nova/nova-libvirt/ are copied after, and win.
 */
export const KAYOBE_TLS_SOURCE = { path: "certificates/libvirt/{file}", at: at("ansible/roles/kolla-openstack/tasks/config.yml", 40) };

/**
 * How Kayobe's run combines the base configuration with an environment's, each a line read at
 * the tag (the text is a fragment of it): the folders later in the list win.
 */
export const KAYOBE_RUN = {
  /** Every etc/kayobe/*.yml, then each environment's, sorted in each folder, is an extra-var. */
  varsFiles: { text: "vars_files += sorted(path_vars_files)", at: at("kayobe/ansible.py", 329) },
  /** An environment's dependencies (its .kayobe-environment) come before it. */
  dependencies: { text: 'dependencies = metadata.get("dependencies", [])', at: at("kayobe/utils.py", 376) },
  /** kolla/globals.yml of the base, then of each environment, templated and merged. */
  globalsPaths: { text: "kolla_globals_paths_static + kayobe_env_search_paths", at: at("ansible/kolla-ansible.yml", 125) },
  globalsTemplated: { text: "template_data = templar.template(template_data)", at: at("kayobe/plugins/action/merge_yaml.py", 110) },
  globalsMerged: { text: "def update_nested_conf(conf, update, extend_lists=False):", at: at("kayobe/plugins/action/merge_yaml.py", 179) },
  /** kolla/inventory of the base, then of each environment, as extra inventories. */
  inventories: { text: "kolla_overcloud_inventory_search_paths_static + kayobe_env_search_paths", at: at("ansible/kolla-ansible.yml", 114) },
  /** kolla/config of the base, then of each environment. */
  configPaths: { text: "kolla_openstack_custom_config_paths_extra_multi_env_static + kayobe_env_search_paths", at: at("ansible/kolla-openstack.yml", 145) },
  /** INI files found in several of those folders are concatenated, each through the file lookup (which strips its last newline). */
  iniStrategy: { text: "kolla_openstack_custom_config_ini_merge_strategy_default: concat", at: at("ansible/roles/kolla-openstack/defaults/main.yml", 205) },
  concat: { text: "{{ lookup('file', path) }}", at: at("ansible/roles/kolla-openstack/tasks/config.yml", 122) },
  /** The libvirt certificates come from the environment's own folder only. */
  certificates: {
    text: 'kolla_nova_libvirt_certificates_src: "{{ kayobe_env_config_path }}/certificates/libvirt"',
    at: at("ansible/kolla-openstack.yml", 150),
  },
} as const;
