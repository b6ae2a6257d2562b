// What the tests that ask the real software need from Debian: oslo.config (python3-oslo.config,
// for /usr/bin/python3), nova (python3-nova, python3-libvirt, and Debian 11's nova 22 unpacked
// into .tools/nova-22), libvirtd (libvirt-daemon-system, libvirt-clients), QEMU and tcpdump for
// the wire test, Chromium for the HTML report's browser test, augeas (augeas-tools) and the augeas lenses libvirt ships for libvirtd.conf
// and qemu.conf, extracted from libvirt's packages into .tools/lenses so that the differential
// test reads the lenses of the packages' own version whatever is installed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./go-tools.mjs";

export const LENS_DIR = join(root, ".tools", "lenses", "usr", "share", "augeas", "lenses");
const LENS_PACKAGES = ["libvirt-daemon", "libvirt-daemon-driver-qemu"];

const ok = (command, args, options = {}) => spawnSync(command, args, { stdio: "ignore", ...options }).status === 0;

let aptUpdated = false;
function apt(args) {
  if (process.getuid?.() !== 0 || !ok("apt-get", ["--version"])) {
    throw new Error(`the differential tests need Debian packages; as root run: apt-get update && apt-get ${args.join(" ")}`);
  }
  if (!aptUpdated) {
    process.stderr.write("apt-get update …\n");
    if (!ok("apt-get", ["update", "-q"])) throw new Error("apt-get update failed");
    aptUpdated = true;
  }
  process.stderr.write(`apt-get ${args.join(" ")} …\n`);
  const result = spawnSync("apt-get", args, {
    stdio: ["ignore", "ignore", "inherit"],
    cwd: args[0] === "download" ? DEB_DIR : root,
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (result.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed`);
}

const DEB_DIR = join(root, ".tools", "debs");

/**
 * nova 22.0.1 (Victoria), the last release that drops native TLS on old libvirt or QEMU, from
 * Debian 11's python3-nova: unpacked into .tools/nova-22 (its code runs on this Python) with
 * apt's lists for bullseye kept in .tools/apt-bullseye, apart from the system's.
 */
const NOVA_22 = join(root, ".tools", "nova-22", "usr", "lib", "python3", "dist-packages");
const BULLSEYE = join(root, ".tools", "apt-bullseye");

function ensureNova22() {
  if (existsSync(join(NOVA_22, "nova", "virt", "libvirt", "driver.py"))) return;
  if (process.getuid?.() !== 0) throw new Error("the nova oracle test needs Debian 11's python3-nova; run the tests as root on Debian");
  mkdirSync(join(BULLSEYE, "lists", "partial"), { recursive: true });
  writeFileSync(join(BULLSEYE, "sources.list"), "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bullseye main\n");
  const options = [
    "-o",
    `Dir::Etc::SourceList=${join(BULLSEYE, "sources.list")}`,
    "-o",
    "Dir::Etc::SourceParts=/dev/null",
    "-o",
    `Dir::State::Lists=${join(BULLSEYE, "lists")}`,
  ];
  process.stderr.write("apt-get update (bullseye, for nova 22) …\n");
  if (!ok("apt-get", [...options, "update", "-q"])) throw new Error("apt-get update for bullseye failed");
  const madison = spawnSync("apt-cache", [...options, "madison", "python3-nova"], { encoding: "utf8" }).stdout ?? "";
  const version = madison
    .split("\n")
    .find((line) => line.includes("bullseye"))
    ?.split("|")[1]
    ?.trim();
  if (!version?.startsWith("2:22.")) throw new Error(`bullseye has no python3-nova 22 (apt-cache madison: ${madison.trim()})`);
  const debs = join(BULLSEYE, "debs");
  rmSync(debs, { recursive: true, force: true });
  mkdirSync(debs, { recursive: true });
  if (!ok("apt-get", [...options, "download", `python3-nova=${version}`], { cwd: debs })) throw new Error(`apt-get download python3-nova=${version} failed`);
  for (const deb of readdirSync(debs).filter((name) => name.endsWith(".deb"))) {
    if (!ok("dpkg-deb", ["-x", join(debs, deb), join(root, ".tools", "nova-22")])) throw new Error(`dpkg-deb -x ${deb} failed`);
  }
}

export function ensureTestDeps() {
  const missing = [];
  if (!ok("/usr/bin/python3", ["-c", "import oslo_config"])) missing.push("python3-oslo.config");
  if (!ok("augtool", ["--version"])) missing.push("augeas-tools");
  // Jinja2 for the Kayobe templar pass's differential test.
  if (!ok("/usr/bin/python3", ["-c", "import jinja2"])) missing.push("python3-jinja2");
  // openssl tells the libvirtd oracle which sockets speak TLS.
  if (!ok("openssl", ["version"])) missing.push("openssl");
  // nova itself for the nova ground-truth test, with the libvirt binding whose constants it passes.
  if (!ok("/usr/bin/python3", ["-c", "import nova.virt.libvirt.driver, libvirt"])) missing.push("python3-nova", "python3-libvirt");
  // The real libvirtd for the libvirtd ground-truth test (run only inside namespaces, never as a service).
  if (!existsSync("/usr/sbin/libvirtd") || !ok("virsh", ["--version"])) missing.push("libvirt-daemon-system", "libvirt-daemon-driver-qemu", "libvirt-clients");
  // QEMU, its image tool and tcpdump for the wire test: two hosts migrating a guest, the link captured.
  if (!existsSync("/usr/bin/qemu-system-x86_64") || !ok("qemu-img", ["--version"]) || !ok("tcpdump", ["--version"])) {
    missing.push("qemu-system-x86", "qemu-utils", "tcpdump");
  }
  // Headless Chromium renders the HTML report in its test (screenshot and DOM).
  if (!ok("chromium", ["--version"])) missing.push("chromium");
  if (missing.length > 0) apt(["install", "-y", "-q", "--no-install-recommends", ...missing]);
  ensureNova22();

  if (!existsSync(join(LENS_DIR, "libvirtd.aug")) || !existsSync(join(LENS_DIR, "libvirtd_qemu.aug"))) {
    rmSync(DEB_DIR, { recursive: true, force: true });
    mkdirSync(DEB_DIR, { recursive: true });
    apt(["download", ...LENS_PACKAGES]);
    for (const deb of readdirSync(DEB_DIR).filter((name) => name.endsWith(".deb"))) {
      if (!ok("dpkg-deb", ["-x", join(DEB_DIR, deb), join(root, ".tools", "lenses")])) throw new Error(`dpkg-deb -x ${deb} failed`);
    }
  }
}
