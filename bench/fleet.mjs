// Builds benchmark fleets from the bundled examples: every host a full Debian configuration
// (nova.conf as nova-common ships it, ~10,000 lines; libvirtd.conf; qemu.conf; certificates)
// varied per host, or a small rendered one (Kolla-Ansible's few hundred lines).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const VARIANTS = [
  (nova) => nova,
  (nova) => nova.replace("\n[libvirt]\n", "\n[libvirt]\nlive_migration_scheme = tcp\n"),
  (nova) => nova.replace("live_migration_with_native_tls = true", "#live_migration_with_native_tls = false"),
  (nova) => nova.replace("\n[libvirt]\n", "\n[libvirt]\nlive_migration_tunnelled = true\n"),
];

/** A fleet of `count` hosts under `dir` (made once and kept); returns its path. */
export function fleet(root, dir, count, kind = "full") {
  const path = join(dir, `${kind}-${count}`);
  if (existsSync(join(path, ".complete"))) return path;
  rmSync(path, { recursive: true, force: true });
  mkdirSync(path, { recursive: true });
  const source = kind === "full" ? join(root, "examples/secure-fleet/compute-1") : join(root, "test/fixtures/layouts/kolla-host");
  const novaPath = kind === "full" ? "etc/nova/nova.conf" : "etc/kolla/nova-compute/nova.conf";
  const nova = readFileSync(join(source, novaPath), "utf8");
  for (let i = 0; i < count; i++) {
    const host = join(path, `compute-${String(i).padStart(5, "0")}`);
    cpSync(source, host, { recursive: true, verbatimSymlinks: true });
    writeFileSync(join(host, "etc/hostname"), `compute-${i}.example.org\n`);
    writeFileSync(join(host, novaPath), VARIANTS[i % VARIANTS.length](nova).replace("my_ip = 192.0.2.21", `my_ip = 10.${(i >> 8) & 255}.${i & 255}.1`));
  }
  writeFileSync(join(path, ".complete"), "");
  return path;
}
