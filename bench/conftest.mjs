// conftest (tools/bench/go.mod) running bench/conftest/*, migpolicy's v0 checks written as a
// conftest user would, over the same files. conftest picks one parser per run and has none for
// virConf or oslo.config, so a scan is two runs: nova.conf as INI; libvirtd.conf, qemu.conf and
// LIBVIRTD_ARGS as Java properties (virConf's `key = value` lines read that way). Both runs
// use --combine, which LV-001 needs (libvirtd.conf and LIBVIRTD_ARGS together).
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The rules the conftest policies implement: migpolicy's findings for these must agree. */
export const V0_RULES = ["NOVA-002", "NOVA-003", "NOVA-005", "LV-001", "QEMU-001"];

const NOVA = ["etc/nova/nova.conf", "etc/kolla/nova-compute/nova.conf"];
const LIBVIRT = [
  "etc/libvirt/libvirtd.conf",
  "etc/libvirt/qemu.conf",
  "etc/sysconfig/libvirtd",
  "etc/default/libvirtd",
  "etc/kolla/nova-libvirt/libvirtd.conf",
  "etc/kolla/nova-libvirt/qemu.conf",
];

function filesOf(fleet, names) {
  const hosts = readdirSync(fleet, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return hosts.flatMap((host) => names.map((name) => `${host}/${name}`)).filter((path) => existsSync(join(fleet, path)));
}

// Peak RSS of a child we did not write: VmHWM (the kernel's high-water mark) read from
// /proc every 5 ms; the last reading before exit is the peak, give or take the last 5 ms.
function run(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let peakKb = 0;
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const poll = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {
        // exited between two readings
      }
    }, 5);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(poll);
      const seconds = (performance.now() - started) / 1000;
      // conftest exits 1 when a check fails; anything else, or no summary line, is a broken run.
      const summary = /(\d+) tests?, (\d+) passed, (\d+) warnings?, (\d+) failures?, (\d+) exceptions?/.exec(stdout);
      if ((code !== 0 && code !== 1) || !summary || summary[5] !== "0") {
        reject(new Error(`conftest ${args.slice(0, 8).join(" ")} … exited ${code}: ${stderr.split("\n")[0]}`));
        return;
      }
      resolve({ seconds, peakKb, failures: Number(summary[4]) });
    });
  });
}

/** Both conftest runs over the fleet at `fleet`, one after the other, as a user would script them. */
export async function conftestScan(conftest, policies, fleet) {
  const common = ["test", "--no-color", "--combine"];
  const nova = await run(conftest, [...common, "--parser", "ini", "-p", join(policies, "nova"), ...filesOf(fleet, NOVA)], fleet);
  const libvirt = await run(conftest, [...common, "--parser", "properties", "-p", join(policies, "libvirt"), ...filesOf(fleet, LIBVIRT)], fleet);
  return {
    seconds: nova.seconds + libvirt.seconds,
    rssMb: Math.max(nova.peakKb, libvirt.peakKb) / 1024,
    failures: nova.failures + libvirt.failures,
  };
}

/** How many findings of the v0 rules a migpolicy SARIF log holds. */
export function v0Findings(sarifPath) {
  const log = JSON.parse(readFileSync(sarifPath, "utf8"));
  return log.runs[0].results.filter((r) => V0_RULES.includes(r.ruleId)).length;
}
