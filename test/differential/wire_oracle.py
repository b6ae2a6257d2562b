"""A real migration on the wire, for the wire ground-truth test (Debian's libvirt, QEMU, tcpdump).

Reads a JSON request on stdin: {"pki": test/fixtures/pki, "migrations": [{"id", "uri":
"qemu+tcp://compute-2.example.org/system", "flags": ["LIVE", "PEER2PEER", "TLS", ...],
"migrate_uri": null | "tcp://...", "disks": ["vda"], "guest_disk": true}], "certificates":
{"compute-2": "compute-2-rogue"}, "cas": {"compute-2": "rogue-ca"}, "qemu_pairs": {"compute-2": "expired"}} (optional: the
fixtures whose certificates a host presents, with its own key, whose CA it trusts, and whose
certificate and key its QEMU folder holds; default its name and "ca"): what nova hands
libvirt's migrateToURI3, as test/differential/nova_oracle.py reports it, for a guest with or
without a local disk (a block migration's guest has one). It builds two hosts,
compute-1 (10.77.0.1) and compute-2 (10.77.0.2), each a libvirtd (listen_tcp with
auth_tcp = "none", listen_tls, the fixtures' certificates) and QEMU in its own network, mount
and PID namespaces, joined by one veth pair. For each migration it starts a small guest on
compute-1 whose RAM holds a marker (an SMBIOS OEM string SeaBIOS copies into memory) and, when
disks are migrated, a qcow2 disk full of a second marker; captures the link with tcpdump while
`virsh migrate` asks libvirt what nova asks; and writes, for each TCP stream, its server port,
its payload size, how often each marker crossed in clear, QEMU's migration stream magic
("QEVM") and whether the stream is TLS. Both daemons are stopped by their PIDs and the
namespaces removed.
"""
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time

RAM_MARKER = b"MIGPOLICY-RAM-MARKER-7f3a9c"
DISK_MARKER = b"MIGPOLICY-DISK-MARKER-51be02"
HOSTS = {"compute-1": "10.77.0.1", "compute-2": "10.77.0.2"}
# Names of this run's own: two runs at once do not meet (interface names stay under 16 bytes).
RUN = str(os.getpid() % 100000)
NETNS = {"compute-1": "mpw-src-" + RUN, "compute-2": "mpw-dst-" + RUN}
VETH = {"compute-1": "mpwa" + RUN, "compute-2": "mpwb" + RUN}

FLAG_OPTIONS = {
    "LIVE": "--live", "PEER2PEER": "--p2p", "PERSIST_DEST": "--persistent", "UNDEFINE_SOURCE": "--undefinesource",
    "TLS": "--tls", "TUNNELLED": "--tunnelled", "NON_SHARED_INC": "--copy-storage-inc", "NON_SHARED_DISK": "--copy-storage-all",
    "POSTCOPY": "--postcopy", "AUTO_CONVERGE": "--auto-converge",
}

LIBVIRTD_CONF = """listen_tls = 1
listen_tcp = 1
auth_tcp = "none"
auth_unix_rw = "none"
"""
QEMU_CONF = """user = "root"
group = "root"
dynamic_ownership = 0
remember_owner = 0
security_driver = "none"
cgroup_controllers = [ ]
namespaces = [ ]
stdio_handler = "file"
default_tls_x509_cert_dir = "/etc/pki/qemu"
default_tls_x509_verify = 1
"""

# One host: its own /run, /var/lib/libvirt, /etc/libvirt, /etc/pki and /etc/hosts, then libvirtd.
HOST = r"""
set -u
dir=$1; name=$2
# libvirt builds the migration URI from the destination's own host name.
hostname "$name.example.org"
must() { "$@" || { echo "mount failed: $*" >&2; touch "$dir/stop"; exit 3; }; }
must mount -t tmpfs tmpfs /run
mkdir -p /run/libvirt
must mount -t tmpfs tmpfs /var/lib/libvirt
mkdir -p /var/lib/libvirt/images /var/lib/libvirt/qemu
must mount -t tmpfs tmpfs /var/log/libvirt
must mount --bind "$dir/$name/libvirt" /etc/libvirt
must mount --bind "$dir/$name/pki" /etc/pki
must mount --bind "$dir/hosts" /etc/hosts
/usr/sbin/libvirtd --listen > "$dir/$name/libvirtd.log" 2>&1 &
echo $! > "$dir/$name/pid"
for i in $(seq 1 200); do [ -S /run/libvirt/libvirt-sock ] && break; sleep 0.05; done
if [ "$name" = compute-2 ]; then
  while [ ! -e "$dir/stop" ]; do sleep 0.1; done
else
  bash "$dir/migrate.sh" "$dir"
fi
kill "$(cat "$dir/$name/pid")" 2>/dev/null
for i in $(seq 1 100); do kill -0 "$(cat "$dir/$name/pid")" 2>/dev/null || break; sleep 0.05; done
"""

MIGRATE = r"""
set -u
dir=$1
veth=$(cat "$dir/veth")
dest=qemu+tcp://compute-2.example.org/system
while IFS='|' read -r id uri options disk; do
  [ -n "$id" ] || continue
  rm -f /var/lib/libvirt/images/disk.qcow2
  if [ "$disk" = yes ]; then
    cp "$dir/disk.qcow2" /var/lib/libvirt/images/disk.qcow2
  fi
  # KVM where it works here, else TCG (a nested machine may refuse KVM's MSRs).
  started=no
  for accel in kvm tcg; do
    [ $accel = kvm ] && [ ! -e /dev/kvm ] && continue
    virsh define "$dir/guest-$disk-$accel.xml" >/dev/null 2>&1
    if virsh start guest >/dev/null 2>>"$dir/$id.start"; then started=$accel; break; fi
    virsh undefine guest >/dev/null 2>&1
  done
  echo $started > "$dir/$id.accel"
  [ $started = no ] && { echo "start failed" > "$dir/$id.error"; continue; }
  sleep 0.5
  tcpdump -i "$veth" -s 0 -U -w "$dir/$id.pcap" 'tcp' 2>"$dir/$id.tcpdump" &
  tcpdump=$!
  for i in $(seq 1 100); do grep -q "listening on" "$dir/$id.tcpdump" && break; sleep 0.05; done
  if timeout 60 virsh migrate $options guest "$uri" >"$dir/$id.out" 2>"$dir/$id.error"; then echo ok > "$dir/$id.status"; else echo failed > "$dir/$id.status"; fi
  sleep 0.5
  kill -INT $tcpdump; wait $tcpdump 2>/dev/null
  virsh destroy guest >/dev/null 2>&1; virsh undefine guest >/dev/null 2>&1
  virsh -c $dest destroy guest >/dev/null 2>&1; virsh -c $dest undefine guest >/dev/null 2>&1
done < "$dir/migrations"
"""


def guest_xml(disk, kvm):
    disk_xml = """<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
      <source file='/var/lib/libvirt/images/disk.qcow2'/><target dev='vda' bus='virtio'/></disk>""" if disk else ""
    return f"""<domain type='{"kvm" if kvm else "qemu"}'>
  <name>guest</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
  <sysinfo type='smbios'><oemStrings><entry>{RAM_MARKER.decode()}</entry></oemStrings></sysinfo>
  <os><type arch='x86_64' machine='pc'>hvm</type><smbios mode='sysinfo'/></os>
  {"" if kvm else "<cpu mode='custom'><model>qemu64</model></cpu>"}
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator>{disk_xml}<video><model type='none'/></video>
  <memballoon model='none'/></devices>
</domain>"""


def qemu_pki(pki, name, out, cert, ca, pair):
    os.makedirs(out)
    shutil.copyfile(os.path.join(pki, f"{ca}-cert.pem"), os.path.join(out, "ca-cert.pem"))
    for role in ("server", "client"):
        shutil.copyfile(os.path.join(pki, f"{pair or cert}-cert.pem"), os.path.join(out, f"{role}-cert.pem"))
        shutil.copyfile(os.path.join(pki, f"{pair or name}-key.pem"), os.path.join(out, f"{role}-key.pem"))


def host_files(work, pki, name, cert, ca, qemu_pair):
    base = os.path.join(work, name)
    os.makedirs(os.path.join(base, "libvirt"))
    with open(os.path.join(base, "libvirt", "libvirtd.conf"), "w") as f:
        f.write(LIBVIRTD_CONF)
    with open(os.path.join(base, "libvirt", "qemu.conf"), "w") as f:
        f.write(QEMU_CONF)
    for folder in ("CA", "libvirt/private"):
        os.makedirs(os.path.join(base, "pki", folder))
    shutil.copyfile(os.path.join(pki, f"{ca}-cert.pem"), os.path.join(base, "pki", "CA", "cacert.pem"))
    for role in ("server", "client"):
        shutil.copyfile(os.path.join(pki, f"{cert}-cert.pem"), os.path.join(base, "pki", "libvirt", f"{role}cert.pem"))
        shutil.copyfile(os.path.join(pki, f"{name}-key.pem"), os.path.join(base, "pki", "libvirt", "private", f"{role}key.pem"))
    qemu_pki(pki, name, os.path.join(base, "pki", "qemu"), cert, ca, qemu_pair)


def run(*args, check=True):
    return subprocess.run(list(args), check=check, capture_output=True, text=True, timeout=60)


def network_up():
    network_down()
    for name, ns in NETNS.items():
        run("ip", "netns", "add", ns)
    run("ip", "link", "add", VETH["compute-1"], "type", "veth", "peer", "name", VETH["compute-2"])
    for name, ns in NETNS.items():
        run("ip", "link", "set", VETH[name], "netns", ns)
        run("ip", "-n", ns, "addr", "add", HOSTS[name] + "/24", "dev", VETH[name])
        run("ip", "-n", ns, "link", "set", VETH[name], "up")
        run("ip", "-n", ns, "link", "set", "lo", "up")


def network_down():
    for ns in NETNS.values():
        run("ip", "netns", "del", ns, check=False)
    run("ip", "link", "del", VETH["compute-1"], check=False)


def tcp_streams(path):
    """Payload bytes per TCP connection and direction, from a pcap (Ethernet, IPv4), in sequence
    order, and each connection's listening port (the destination of its SYN)."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        return {}, {}
    endian = "<" if data[:4] == b"\xd4\xc3\xb2\xa1" else ">"
    offset = 24
    segments = {}
    servers = {}
    while offset + 16 <= len(data):
        _, _, caplen, _ = struct.unpack(endian + "IIII", data[offset:offset + 16])
        frame = data[offset + 16:offset + 16 + caplen]
        offset += 16 + caplen
        if len(frame) < 14 + 20 or frame[12:14] != b"\x08\x00":
            continue
        ip = frame[14:]
        ihl = (ip[0] & 15) * 4
        if ip[9] != 6:
            continue
        total = struct.unpack(">H", ip[2:4])[0]
        tcp = ip[ihl:total]
        sport, dport, seq = struct.unpack(">HHI", tcp[:8])
        flags = tcp[13]
        connection = frozenset([(ip[12:16], sport), (ip[16:20], dport)])
        if flags & 0x02 and not flags & 0x10:
            servers[connection] = dport
        payload = tcp[(tcp[12] >> 4) * 4:]
        if payload:
            key = (ip[12:16], sport, ip[16:20], dport)
            segments.setdefault(key, {})[seq] = payload
    streams = {}
    for key, parts in segments.items():
        streams[key] = b"".join(parts[seq] for seq in sorted(parts))
    return streams, servers


def tls_records(stream):
    """TLS records in the stream, from its first handshake record within its first KiB (NBD
    negotiates STARTTLS in clear before it): the count, or 0 when it is not TLS."""
    start = min((i for i in (stream.find(b"\x16\x03\x01", 0, 1024), stream.find(b"\x16\x03\x03", 0, 1024)) if i >= 0), default=-1)
    if start < 0:
        return 0
    count, i = 0, start
    while i + 5 <= len(stream):
        kind, major, length = stream[i], stream[i + 1], struct.unpack(">H", stream[i + 3:i + 5])[0]
        if kind not in (20, 21, 22, 23) or major != 3:
            break
        count += 1
        i += 5 + length
    return count


def analyse(path):
    out = []
    streams, servers = tcp_streams(path)
    for (src, sport, dst, dport), stream in streams.items():
        # The listening side is the SYN's destination; for a connection caught after its SYN,
        # libvirt's ports, then QEMU's range 49152-49215, the destination before the source.
        server = servers.get(frozenset([(src, sport), (dst, dport)])) or \
            next((port for port in (sport, dport) if port in (16509, 16514)), None) or \
            next((port for port in (dport, sport) if 49152 <= port <= 49215), dport)
        out.append({"port": server, "bytes": len(stream), "ram_markers": stream.count(RAM_MARKER),
                    "disk_markers": stream.count(DISK_MARKER), "qevm": stream.count(b"QEVM"),
                    "tls_records": tls_records(stream)})
    return sorted(out, key=lambda s: (s["port"], -s["bytes"]))


def main():
    request = json.load(sys.stdin)
    work = tempfile.mkdtemp(prefix="wire-oracle-")
    answers = []
    processes = []
    try:
        with open(os.path.join(work, "hosts"), "w") as f:
            f.write("127.0.0.1 localhost\n" + "".join(f"{ip} {name}.example.org {name}\n" for name, ip in HOSTS.items()))
        for name in HOSTS:
            host_files(work, request["pki"], name, request.get("certificates", {}).get(name, name), request.get("cas", {}).get(name, "ca"),
                       request.get("qemu_pairs", {}).get(name))
        for disk in ("no", "yes"):
            for accel in ("kvm", "tcg"):
                with open(os.path.join(work, f"guest-{disk}-{accel}.xml"), "w") as f:
                    f.write(guest_xml(disk == "yes", accel == "kvm"))
        raw = os.path.join(work, "disk.raw")
        with open(raw, "wb") as f:
            f.write((DISK_MARKER + b"\n") * ((4 << 20) // (len(DISK_MARKER) + 1)))
            f.truncate(16 << 20)
        run("qemu-img", "convert", "-O", "qcow2", raw, os.path.join(work, "disk.qcow2"))
        with open(os.path.join(work, "migrate.sh"), "w") as f:
            f.write(MIGRATE)
        with open(os.path.join(work, "veth"), "w") as f:
            f.write(VETH["compute-1"])
        for mount_point in ("/etc/pki", "/etc/libvirt", "/var/lib/libvirt", "/var/log/libvirt"):
            os.makedirs(mount_point, exist_ok=True)
        with open(os.path.join(work, "migrations"), "w") as f:
            for m in request["migrations"]:
                options = [FLAG_OPTIONS[flag] for flag in m["flags"] if flag in FLAG_OPTIONS]
                if m.get("migrate_uri"):
                    options += ["--migrateuri", m["migrate_uri"]]
                if m.get("disks"):
                    options += ["--migrate-disks", ",".join(m["disks"])]
                f.write("|".join([m["id"], m["uri"], " ".join(options), "yes" if m.get("guest_disk") else "no"]) + "\n")
        network_up()
        # The destination's image: empty, the same size, where the source's is.
        dst = subprocess.Popen(["ip", "netns", "exec", NETNS["compute-2"], "unshare", "--mount", "--uts", "--pid", "--fork", "--kill-child", "--mount-proc",
                                "bash", "-c", HOST.replace('mkdir -p /var/lib/libvirt/images /var/lib/libvirt/qemu',
                                                           'mkdir -p /var/lib/libvirt/images /var/lib/libvirt/qemu; '
                                                           'qemu-img create -q -f qcow2 /var/lib/libvirt/images/disk.qcow2 16M'),
                                "-", work, "compute-2"])
        processes.append(dst)
        for _ in range(200):
            if os.path.exists(os.path.join(work, "compute-2", "pid")):
                break
            time.sleep(0.05)
        time.sleep(0.5)
        src = subprocess.run(["ip", "netns", "exec", NETNS["compute-1"], "unshare", "--mount", "--uts", "--pid", "--fork", "--kill-child", "--mount-proc",
                              "bash", "-c", HOST, "-", work, "compute-1"], capture_output=True, text=True, timeout=600)
        for m in request["migrations"]:
            status_file = os.path.join(work, m["id"] + ".status")
            status = open(status_file).read().strip() if os.path.exists(status_file) else "not run"
            error_file = os.path.join(work, m["id"] + ".error")
            error = open(error_file, errors="replace").read().strip() if os.path.exists(error_file) else ""
            pcap = os.path.join(work, m["id"] + ".pcap")
            accel_file = os.path.join(work, m["id"] + ".accel")
            accel = open(accel_file).read().strip() if os.path.exists(accel_file) else "no"
            answers.append({"id": m["id"], "migrated": status == "ok", "error": error[-400:], "accel": accel,
                            "streams": analyse(pcap) if os.path.exists(pcap) else []})
    finally:
        open(os.path.join(work, "stop"), "w").close()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.send_signal(signal.SIGKILL)
        network_down()
        if not os.environ.get("WIRE_KEEP"):
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(work, file=sys.stderr)
    json.dump(answers, sys.stdout)


main()
