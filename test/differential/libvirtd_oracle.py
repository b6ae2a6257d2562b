"""The real libvirtd as the oracle for the libvirtd ground-truth test (Debian's libvirt-daemon-system).

Reads a JSON request on stdin: {"cases": [{"root": host root, "other_pki": folder,
"foreign_pki": folder}]} and, for
each case, starts the real libvirtd on the tree's /etc/libvirt and /etc/pki in new mount,
network and PID namespaces (nothing it opens is visible outside them), the way the
distributions' libvirtd.service does in traditional mode: `libvirtd $LIBVIRTD_ARGS`, the
variable read from the tree's /etc/sysconfig/libvirtd or /etc/default/libvirtd by the shell.
It writes what the daemon did: whether it kept running (and the last errors it logged), the
TCP sockets it listens on, and who gets in on any of them ("in", "refused", "access-denied"):
a qemu+tcp client with no credentials, a qemu+tls client with the tree's own client
certificate, one with a certificate the same CA signed for another name (`other_pki`, a
pkipath folder), and one with a certificate from a CA the host does not trust (`foreign_pki`). Every daemon is stopped by its PID.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

INNER = r"""
set -u
scratch=$1
# Every mount must take: otherwise libvirtd would run on the machine's own files.
must() { "$@" || { echo "mount failed: $*" >&2; exit 3; }; }
must mount --bind "$scratch/etc/libvirt" /etc/libvirt
must mount -t tmpfs tmpfs /etc/pki
cp -a "$scratch/etc/pki/." /etc/pki/ 2>/dev/null
must mount -t tmpfs tmpfs /run
must mount -t tmpfs tmpfs /var/lib/libvirt
must mount -t tmpfs tmpfs /var/log/libvirt
mkdir -p /run/libvirt
ip link set lo up
# listen_addr may name any address of the host: bind to it here, and route it to lo.
sysctl -qw net.ipv4.ip_nonlocal_bind=1 net.ipv6.ip_nonlocal_bind=1
ip route add local 0.0.0.0/0 dev lo table local 2>/dev/null
ip -6 route add local ::/0 dev lo table local 2>/dev/null
args=$(cat "$scratch/args")
activate=$(cat "$scratch/sockets")
# Socket activation: systemd-socket-activate opens the enabled units' sockets and passes them
# named as systemd does (LISTEN_FDS, LISTEN_FDNAMES), then becomes libvirtd.
$activate /usr/sbin/libvirtd $args > "$scratch/libvirtd.log" 2>&1 &
pid=$!
echo $pid > "$scratch/pid"
# systemd-socket-activate may stay the parent: whether libvirtd itself runs is asked of the PID namespace.
alive() { pgrep -x libvirtd >/dev/null; }
running=1
for i in $(seq 1 100); do
  if ! kill -0 $pid 2>/dev/null; then running=0; break; fi
  if [ -S /run/libvirt/libvirt-sock ]; then break; fi
  sleep 0.05
done
# systemd-socket-activate starts libvirtd at the first connection, as systemd does.
if [ -n "$activate" ]; then timeout 10 virsh -c qemu:///system uri >/dev/null 2>&1; fi
sleep 0.3
alive || running=0
echo "running=$running"
ss -ltnH | awk '{print "listen=" $4}'
# in; refused (by authentication or the DN list); or past both and stopped by an access driver
# (polkit, which does not run in the namespace: its rules decide on the real host).
try() {
  if timeout 10 virsh -c "$2" uri </dev/null >"$scratch/$1.out" 2>&1; then echo "$1=in"
  elif grep -q "access denied" "$scratch/$1.out"; then echo "$1=access-denied"
  else echo "$1=refused"; fi
}
# Every client against every socket: a TLS socket refuses the plain client and the reverse,
# so custom ports need no guessing. A client admitted on any socket counts.
for socket in $(ss -ltnH | awk '{print $4}'); do
  port=${socket##*:}
  host=${socket%:*}
  case "$host" in 0.0.0.0|\*) host=127.0.0.1 ;; \[::\]) host=[::1] ;; esac
  # Whether the socket speaks TLS: the server answers a ClientHello.
  if timeout 5 openssl s_client -connect "$host:$port" </dev/null 2>/dev/null | grep -q "SSL handshake has read [1-9]"; then
    echo "tls@$port=yes"; else echo "tls@$port=no"; fi
  try "tcp_anonymous@$port" "qemu+tcp://$host:$port/system"
  if [ -f /etc/pki/libvirt/clientcert.pem ]; then try "tls_own@$port" "qemu+tls://$host:$port/system?no_verify=1"; fi
  try "tls_other@$port" "qemu+tls://$host:$port/system?no_verify=1&pkipath=$scratch/other"
  try "tls_foreign@$port" "qemu+tls://$host:$port/system?no_verify=1&pkipath=$scratch/foreign"
done
pkill -x libvirtd 2>/dev/null
kill $pid 2>/dev/null
wait $pid 2>/dev/null
exit 0
"""


def daemon_args(root):
    """LIBVIRTD_ARGS as the unit's EnvironmentFile gives it, read by the shell."""
    for name in ("etc/sysconfig/libvirtd", "etc/default/libvirtd"):
        path = os.path.join(root, name)
        if os.path.isfile(path):
            out = subprocess.run(["bash", "-c", 'LIBVIRTD_ARGS="--timeout 120"; . "$1"; printf %s "$LIBVIRTD_ARGS"', "-", path],
                                 capture_output=True, text=True, timeout=10)
            return out.stdout
    return "--timeout 120"


def unit_setting(root, unit, key):
    """The last value of a [Socket] setting in the unit and its drop-ins (an empty one resets)."""
    value = None
    files = []
    for folder in ("lib/systemd/system", "usr/lib/systemd/system", "etc/systemd/system"):
        path = os.path.join(root, folder, unit)
        if os.path.isfile(path):
            files = [path]
    for folder in ("lib/systemd/system", "usr/lib/systemd/system", "etc/systemd/system"):
        drop_ins = os.path.join(root, folder, unit + ".d")
        if os.path.isdir(drop_ins):
            files += [os.path.join(drop_ins, name) for name in sorted(os.listdir(drop_ins)) if name.endswith(".conf")]
    for path in files:
        for line in open(path, errors="replace"):
            name, _, rest = line.strip().partition("=")
            if name == key:
                value = rest or None
    return value


def activation(root):
    """systemd-socket-activate's arguments for the libvirtd sockets the tree enables, or ""."""
    wants = os.path.join(root, "etc/systemd/system/sockets.target.wants")
    units = sorted(name for name in os.listdir(wants) if name.startswith("libvirtd") and name.endswith(".socket")) if os.path.isdir(wants) else []
    # A masked unit (linked to /dev/null by the administrator) never starts, wanted or not.
    admin = os.path.join(root, "etc/systemd/system")
    units = [unit for unit in units
             if not (os.path.islink(os.path.join(admin, unit)) and os.readlink(os.path.join(admin, unit)) == "/dev/null")]
    listens = [(unit, unit_setting(root, unit, "ListenStream")) for unit in units]
    listens = [(unit, listen) for unit, listen in listens if listen]
    if not listens:
        return ""
    words = ["systemd-socket-activate"] + [word for _, listen in listens for word in ("-l", listen)]
    return " ".join(words + ["--fdname=" + ":".join(unit for unit, _ in listens)])


def ask(case, scratch):
    etc = os.path.join(scratch, "etc")
    os.makedirs(os.path.join(etc, "libvirt"))
    os.makedirs(os.path.join(etc, "pki"))
    for folder in ("libvirt", "pki"):
        source = os.path.join(case["root"], "etc", folder)
        if os.path.isdir(source):
            shutil.copytree(source, os.path.join(etc, folder), dirs_exist_ok=True, symlinks=False,
                            ignore_dangling_symlinks=True)
    shutil.copytree(case["other_pki"], os.path.join(scratch, "other"))
    shutil.copytree(case["foreign_pki"], os.path.join(scratch, "foreign"))
    with open(os.path.join(scratch, "args"), "w") as out:
        out.write(daemon_args(case["root"]))
    with open(os.path.join(scratch, "sockets"), "w") as out:
        out.write(activation(case["root"]))
    # --kill-child: if this process dies or times out, the namespace's processes die with it.
    result = subprocess.run(["unshare", "--mount", "--net", "--pid", "--fork", "--kill-child", "--mount-proc", "bash", "-c", INNER, "-", scratch],
                            capture_output=True, text=True, timeout=120)
    if result.returncode == 3:
        raise SystemExit(result.stderr)
    answer = {"args": open(os.path.join(scratch, "args")).read(), "activation": open(os.path.join(scratch, "sockets")).read(),
              "listen": [], "tls_ports": [], "clients": {}, "sockets": {}}
    for line in result.stdout.splitlines():
        key, _, value = line.partition("=")
        if key == "running":
            answer["running"] = value == "1"
        elif key == "listen":
            answer["listen"].append(value)
        elif key.startswith("tls@"):
            answer["tls_ports"] += [int(key[4:])] if value == "yes" else []
        elif "@" in key:
            client, _, port = key.partition("@")
            answer["sockets"].setdefault(port, {})[client] = value
            # A client admitted on any socket is admitted; else the closest it came.
            rank = {"in": 2, "access-denied": 1, "refused": 0}
            if rank[value] >= rank.get(answer["clients"].get(client), -1):
                answer["clients"][client] = value
    log = open(os.path.join(scratch, "libvirtd.log"), errors="replace").read().splitlines()
    errors = [line.split(" : ", 2)[-1] for line in log if " error : " in line and "ethtool" not in line and "system bus" not in line]
    answer["errors"] = errors[-3:]

    return answer


def main():
    request = json.load(sys.stdin)
    # The mount points the namespaces cover; Debian ships no /etc/pki, so it is made (empty) here.
    for mount_point in ("/etc/pki", "/etc/libvirt", "/var/lib/libvirt", "/var/log/libvirt"):
        os.makedirs(mount_point, exist_ok=True)
    answers = []
    for case in request["cases"]:
        with tempfile.TemporaryDirectory(prefix="libvirtd-oracle-") as scratch:
            answers.append(ask(case, scratch))
    json.dump(answers, sys.stdout)


main()
