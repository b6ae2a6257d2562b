"""nova itself as the oracle for the nova ground-truth test (Debian's python3-nova).

Reads a JSON request on stdin: {"cases": [{"etc": dir, "style": "command-line" | "defaults",
"config_files": [names in etc/nova, when the service names its own --config-file files],
"env": {name: value}, "peers": [{"name", "inbound_addr"}], "versions": {"libvirt": [4, 3, 0],
"qemu": [2, 12, 0]}}]}, where `etc` is the host's etc
folder (nova's files in etc/nova). For each case it writes what nova-compute does with those
files, through nova's own code: whether it starts (the configuration parsed with nova's option
registration and LibvirtDriver.init_host run on a bare driver), and for a live and a block
migration to each peer the URI, migrate_uri, disks and flags nova hands libvirt
(LibvirtDriver._live_migration_operation with a domain that records migrateToURI3).

"command-line" is how Debian's init script starts nova-compute (--config-file=/etc/nova/nova.conf,
then /etc/nova/nova-compute.conf when it is a file); "defaults" is a plain `nova-compute` (RDO,
Kolla, TripleO), which reads oslo.config's default files and folders.
"""
import json
import os
import shutil
import sys
import tempfile

import libvirt
from oslo_config import cfg

import nova.conf
from nova import version as nova_version
from nova.virt import driver as virt_driver
from nova.virt.libvirt import driver as libvirt_driver
from nova.virt.libvirt import guest as libvirt_guest
from nova.virt.libvirt import migration as libvirt_migration

CONF = nova.conf.CONF
# nova imports the binding lazily, when it connects; the driver and Guest need its constants.
libvirt_driver.libvirt = libvirt
libvirt_guest.libvirt = libvirt
FLAG_NAMES = {getattr(libvirt, name): name[len("VIR_MIGRATE_"):] for name in dir(libvirt)
              if name.startswith("VIR_MIGRATE_") and not name.startswith("VIR_MIGRATE_PARAM_")
              and isinstance(getattr(libvirt, name), int)}


def flag_names(flags):
    return sorted(name for bit, name in FLAG_NAMES.items() if bit and flags & bit == bit)


class FakeHost:
    """The hypervisor connection init_host would open, reporting the case's libvirt and QEMU
    versions (new enough for everything where the case gives none)."""

    def __init__(self, versions):
        self.libvirt = tuple(versions.get("libvirt") or (99, 0, 0))
        self.qemu = tuple(versions.get("qemu") or (99, 0, 0))

    def initialize(self):
        pass

    def has_min_version(self, lv_ver=None, hv_ver=None, hv_type=None):
        return (lv_ver is None or self.libvirt >= tuple(lv_ver)) and (hv_ver is None or self.qemu >= tuple(hv_ver))


class RecordingDomain:
    def __init__(self):
        self.calls = []

    def migrateToURI3(self, dconnuri, params, flags):
        self.calls.append({"uri": dconnuri, "params": params, "flags": flags})

    def name(self):
        return "instance-00000001"

    def UUIDString(self):
        return "00000000-0000-0000-0000-000000000001"


class MigrateData:
    def __init__(self, block, inbound):
        self.block_migration = block
        self.serial_listen_addr = "127.0.0.1"
        self.target_connect_addr = inbound

    def __contains__(self, name):
        return name in ("block_migration", "serial_listen_addr", "target_connect_addr")


class Instance:
    vm_state = "active"
    uuid = "00000000-0000-0000-0000-000000000001"


def bare_driver(versions):
    driver = object.__new__(libvirt_driver.LibvirtDriver)
    driver._host = FakeHost(versions)
    # What needs a hypervisor, a database or the network; everything else reads CONF for real.
    for name in ("_update_host_specific_capabilities", "_check_cpu_set_configuration", "_check_my_ip",
                 "_check_file_backed_memory_support", "_recreate_assigned_mediated_devices",
                 "_check_cpu_compatibility", "_check_vtpm_support", "_register_all_undefined_instance_details",
                 "_do_quality_warnings"):
        setattr(driver, name, lambda *args, **kwargs: None)
    driver._get_supported_perf_events = lambda: []
    return driver


def copy_etc(etc, into, nova_dir=None):
    """The host's etc/nova (or the folder a container's start copies to /etc/nova: Kolla's
    /etc/kolla/nova-compute), following links only where they stay inside the tree."""
    source = nova_dir or os.path.join(etc, "nova")
    target = os.path.join(into, "etc", "nova")
    os.makedirs(target)
    if not os.path.isdir(source):
        return target
    real_root = os.path.realpath(etc)
    for dirpath, dirnames, filenames in os.walk(source, followlinks=False):
        rel = os.path.relpath(dirpath, source)
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            resolved = os.path.realpath(path)
            if not (resolved == real_root or resolved.startswith(real_root + os.sep)) or not os.path.exists(resolved):
                continue
            out = os.path.join(target, rel, name)
            if os.path.isdir(resolved):
                os.makedirs(out, exist_ok=True)
                if os.path.islink(path):
                    shutil.copytree(resolved, out, dirs_exist_ok=True)
            elif os.path.isfile(resolved):
                shutil.copyfile(resolved, out)
    return target


def arguments(style, nova_dir, config_files=None):
    if style == "defaults":
        return []
    if config_files is not None:
        # A unit that names its files (devstack's n-cpu: --config-file /etc/nova/nova-cpu.conf).
        return ["--config-file=" + os.path.join(nova_dir, name) for name in config_files]
    args = ["--config-file=" + os.path.join(nova_dir, "nova.conf")]
    if os.path.isfile(os.path.join(nova_dir, "nova-compute.conf")):
        args.append("--config-file=" + os.path.join(nova_dir, "nova-compute.conf"))
    return args


def error_text(error):
    return "%s: %s" % (type(error).__name__, error)


def ask(case, scratch):
    nova_dir = copy_etc(case["etc"], scratch, case.get("nova_dir"))
    # oslo.config's own search for default files and folders, in the copy instead of /etc.
    search = [nova_dir, os.path.dirname(nova_dir)]
    cfg._get_config_dirs = lambda project=None: search
    default_files = cfg.find_config_files(project="nova", prog="nova-compute")
    default_dirs = cfg.find_config_dirs(project="nova", prog="nova-compute")
    for name in [n for n in os.environ if n.startswith("OS_")]:
        del os.environ[name]
    os.environ.update(case.get("env", {}))
    CONF.reset()
    answer = {"nova": nova_version.version_string(), "args": arguments(case["style"], nova_dir, case.get("config_files"))}
    try:
        CONF(answer["args"], project="nova", prog="nova-compute", default_config_files=default_files,
             default_config_dirs=default_dirs)
        answer["compute_driver"] = CONF.compute_driver
        if not CONF.compute_driver:
            # ComputeManager loads the driver before anything else: nova's own check, which exits.
            try:
                virt_driver.load_compute_driver(None)
            except SystemExit:
                answer["starts"] = False
                answer["error"] = "SystemExit: Compute driver option required, but not specified"
                return answer
        driver = bare_driver(case.get("versions", {}))
        driver.init_host("compute")
    except Exception as error:  # nova-compute exits: nothing migrates.
        answer["starts"] = False
        answer["error"] = error_text(error)
        # The flags init_host had parsed before it stopped (the native-TLS decision comes first).
        if "driver" in locals() and hasattr(driver, "_live_migration_flags"):
            answer["parsed_flags"] = flag_names(driver._live_migration_flags)
        return answer
    answer["starts"] = True
    libvirt_migration.get_updated_guest_xml = lambda *args, **kwargs: "<domain/>"
    answer["migrations"] = []
    for peer in case.get("peers", [{"name": "peer", "inbound_addr": None}]):
        for block in (False, True):
            domain = RecordingDomain()
            record = {"peer": peer["name"], "block": block}
            try:
                driver._live_migration_operation(None, Instance(), peer["name"], block,
                                                 MigrateData(block, peer.get("inbound_addr")),
                                                 libvirt_guest.Guest(domain), ["vda"] if block else [])
                call = domain.calls[0]
                record.update({"uri": call["uri"], "migrate_uri": call["params"].get("migrate_uri"),
                               "migrate_disks": call["params"].get("migrate_disks", []),
                               "flags": flag_names(call["flags"])})
            except Exception as error:
                record["error"] = error_text(error)
            answer["migrations"].append(record)
    return answer


def main():
    request = json.load(sys.stdin)
    answers = []
    for case in request["cases"]:
        with tempfile.TemporaryDirectory(prefix="nova-oracle-") as scratch:
            answers.append(ask(case, scratch))
    json.dump(answers, sys.stdout)


main()
