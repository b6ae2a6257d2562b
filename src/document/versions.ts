/**
 * The installed versions of nova, libvirt and QEMU, from whichever package list
 * the layout keeps; unknown (with the reason) where it keeps none, as in container
 * layouts whose images hold them.
 */
import type { PackageVersion, Versions } from "../model/host.js";
import type { HostFiles } from "../model/files.js";
import type { LayoutPaths } from "../loader/discover.js";
import { parseDpkgList, parseDpkgStatus, parseRpmList, upstreamNumbers, type InstalledPackage } from "../loader/formats/packages.js";

const CANDIDATES: Record<"nova" | "libvirt" | "qemu", string[]> = {
  nova: ["nova-compute", "openstack-nova-compute", "python3-nova", "python2-nova", "python-nova", "nova-common", "openstack-nova-common"],
  libvirt: ["libvirt-daemon-driver-qemu", "libvirt-daemon", "libvirt-daemon-system", "libvirt-daemon-kvm", "libvirt-bin", "libvirt-libs", "libvirt0"],
  // RHEL 8+ qemu-kvm(-core); CentOS/RHEL 7's virt SIG and RHOSP qemu-kvm-ev and qemu-kvm-rhev; Debian and Ubuntu qemu-system-x86.
  qemu: ["qemu-system-x86", "qemu-kvm-core", "qemu-kvm-ev", "qemu-kvm-rhev", "qemu-kvm", "qemu-system-x86-core", "qemu-system-arm", "qemu-system-misc"],
};

export function loadVersions(files: HostFiles, paths: LayoutPaths): Versions {
  const sources: [Versions["source"], string | null, (text: string) => InstalledPackage[]][] = [
    ["dpkg-status", paths.packages.dpkgStatus, parseDpkgStatus],
    ["rpm-list", paths.packages.rpmList, parseRpmList],
    ["dpkg-list", paths.packages.dpkgList, parseDpkgList],
  ];
  for (const [source, path, parse] of sources) {
    if (path === null) continue;
    const text = files.text(path);
    if (text === null) continue;
    const installed = new Map(parse(text).map((p) => [p.name, p]));
    const pick = (component: keyof typeof CANDIDATES): PackageVersion | null => {
      for (const name of CANDIDATES[component]) {
        const found = installed.get(name);
        if (!found) continue;
        const numbers = upstreamNumbers(found.version);
        if (numbers) return { package: name, version: found.version, numbers, location: { file: path, line: found.line, column: 1 } };
      }
      return null;
    };
    return { source, nova: pick("nova"), libvirt: pick("libvirt"), qemu: pick("qemu") };
  }
  const container = Object.values(paths.packages).every((p) => p === null);
  return {
    source: "none",
    reason:
      paths.notCollected.packages ??
      (container ? "nova, libvirt and QEMU run from container images, whose packages the host does not list" : "the tree holds no package list"),
    nova: null,
    libvirt: null,
    qemu: null,
  };
}
