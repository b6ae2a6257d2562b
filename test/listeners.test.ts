/** Who listens, from a sosreport's netstat and ss outputs (src/loader/formats/listeners.ts). */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseListeners } from "../src/loader/formats/listeners.js";
import { scan } from "../src/index.js";
import { placeOf, tree } from "./helpers.js";

// As `netstat -W -neopa` and `ss -peaonmi` print them (sos's networking plugin), and `ss -tlnp`.
const NETSTAT = `Active Internet connections (servers and established)
Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode      PID/Program name     Timer
tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      0          21310      1021/sshd: /usr/sbi  off (0.00/0/0)
tcp6       0      0 :::16509                :::*                    LISTEN      0          19820      1/systemd            off (0.00/0/0)
tcp        0      0 192.0.2.13:49152        192.0.2.14:41234        ESTABLISHED 0          88123      4242/qemu-kvm        keepalive (7.1/0/0)
udp        0      0 0.0.0.0:68              0.0.0.0:*                           0          1800       800/dhclient         off (0.00/0/0)
Active UNIX domain sockets (servers and established)
unix  2      [ ACC ]     STREAM     LISTENING     19821    1/systemd            /run/libvirt/libvirt-sock
`;
const SS = `Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process
tcp   LISTEN 0      1000   192.0.2.13:16514       0.0.0.0:*     users:(("libvirtd",pid=2117,fd=14)) ino:31337 sk:1 cgroup:/system.slice/libvirtd.service <->
tcp   LISTEN 0      128       [::]:22            [::]:*     users:(("sshd",pid=1021,fd=4)) ino:21312 sk:2
`;
const SS_TLNP = `State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process
LISTEN 0      4096               *:16509            *:*    users:(("systemd",pid=1,fd=52))
`;

test("netstat, ss -peaonmi and ss -tlnp: every TCP listener with its program and line", () => {
  assert.equal(parseListeners(NETSTAT), [
    { address: "0.0.0.0", port: 22, program: "sshd", line: 3 },
    { address: "::", port: 16509, program: "systemd", line: 4 },
  ]);
  assert.equal(parseListeners(SS), [
    { address: "192.0.2.13", port: 16514, program: "libvirtd", line: 2 },
    { address: "::", port: 22, program: "sshd", line: 3 },
  ]);
  assert.equal(parseListeners(SS_TLNP), [{ address: "*", port: 16509, program: "systemd", line: 2 }]);
  assert.equal(parseListeners("garbage\n\0\ntcp LISTEN\ntcp 0 0 nocolon 0.0.0.0:* LISTEN\n"), []);
});

test("a sosreport whose netstat shows systemd holding :16509, with auth_tcp = none, reports LV-001 there", () => {
  const root = tree({
    "sos_commands/networking/netstat_-W_-neopa": NETSTAT,
    "sos_commands/process/ps_auxwwwm": "USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND\n",
    "etc/libvirt/libvirtd.conf": 'auth_tcp = "none"\n',
    "etc/nova/nova.conf": "[libvirt]\nlive_migration_scheme = tcp\n",
    hostname: "compute-3\n",
  });
  const result = scan(root);
  const lv001 = result.findings.find((f) => f.rule === "LV-001");
  assert.ok(lv001, result.findings.map((f) => f.rule).join(" "));
  assert.is(placeOf(lv001!.location), "etc/libvirt/libvirtd.conf:1");
  assert.equal(
    lv001!.related.map((l) => placeOf(l)),
    ["sos_commands/networking/netstat_-W_-neopa:4"],
  );
  assert.is(result.hosts[0]!.verdict.authorisation.status, "unprotected");
});

test.run();
