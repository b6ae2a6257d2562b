/**
 * Whole host trees under random and mutated content: files at the paths the layouts read,
 * links (relative, absolute, dangling, looping), folders where files belong, and the same
 * trees packed as tar archives with random bytes changed. The whole scan (discover, read,
 * parse, build, validate, evaluate, every output format) must finish within a budget and
 * never throw. Shared by the property test (a short run in npm test) and npm run fuzz.
 */
import fc from "fast-check";
import { ArchiveBackend, readTar } from "../../src/loader/archive.js";
import { Tree } from "../../src/loader/fs.js";
import { FORMAT_NAMES, formatter, loadCatalogue, scanTree, TOOL, type Policy } from "../../src/index.js";
import { mutated, text } from "./parsers.js";

/** The paths the layouts read, and a few they do not. */
const PATHS = [
  "etc/nova/nova.conf",
  "etc/nova/nova-compute.conf",
  "etc/nova/nova.conf.d/10-migration.conf",
  "etc/libvirt/libvirtd.conf",
  "etc/libvirt/virtproxyd.conf",
  "etc/libvirt/qemu.conf",
  "etc/sysconfig/libvirtd",
  "etc/default/libvirtd",
  "etc/hostname",
  "etc/passwd",
  "etc/group",
  "etc/sasl2/libvirt.conf",
  "etc/systemd/system/libvirtd-tls.socket.d/override.conf",
  "etc/systemd/system/sockets.target.wants/libvirtd-tls.socket",
  "lib/systemd/system/libvirtd-tls.socket",
  "etc/firewalld/zones/public.xml",
  "etc/sysconfig/iptables",
  "etc/nftables.conf",
  "etc/pki/qemu/server-key.pem",
  "etc/pki/qemu/server-cert.pem",
  "etc/pki/CA/cacert.pem",
  "etc/pki/libvirt/private/serverkey.pem",
  "var/lib/dpkg/status",
  "etc/unrelated.conf",
];

type Node = { kind: "file"; path: string; content: string; mode: number } | { kind: "link"; path: string; target: string } | { kind: "dir"; path: string };

const node: fc.Arbitrary<Node> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("file" as const),
      path: fc.constantFrom(...PATHS),
      content: text,
      mode: fc.constantFrom(0o644, 0o600, 0o640, 0o777),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("link" as const),
      path: fc.constantFrom(...PATHS),
      target: fc.constantFrom("/etc/passwd", "../../../../../etc/shadow", "nova.conf", "qemu.conf", ".", "..", "/", "/proc/self/environ", "missing"),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("dir" as const), path: fc.constantFrom(...PATHS) }) },
);

/** A host tree in memory. */
export function hostTree(seedTexts: string[]): fc.Arbitrary<Node[]> {
  const seeded = fc.record({ kind: fc.constant("file" as const), path: fc.constantFrom(...PATHS), content: mutated(seedTexts), mode: fc.constant(0o644) });
  return fc.array(fc.oneof(node, seeded), { minLength: 1, maxLength: 24 });
}

function backendOf(nodes: Node[]): ArchiveBackend {
  const backend = new ArchiveBackend();
  for (const n of nodes) {
    if (n.kind === "file") backend.add(n.path, { kind: "file", mode: n.mode, uid: 0, gid: 0, data: Buffer.from(n.content) });
    else if (n.kind === "link") backend.add(n.path, { kind: "symlink", mode: 0o777, uid: 0, gid: 0, target: n.target });
    else backend.add(n.path, { kind: "dir", mode: 0o755, uid: 0, gid: 0 });
  }
  return backend;
}

/** A ustar archive of the tree's files and links, in the format `tar` writes. */
function tarOf(nodes: Node[]): Uint8Array {
  const blocks: Buffer[] = [];
  for (const n of nodes) {
    const data = n.kind === "file" ? Buffer.from(n.content) : Buffer.alloc(0);
    const header = Buffer.alloc(512);
    header.write(n.path.slice(0, 99), 0);
    header.write(`${(n.kind === "file" ? n.mode : 0o755).toString(8).padStart(7, "0")}\0`, 100);
    header.write("0000000\0", 108);
    header.write("0000000\0", 116);
    header.write(`${data.length.toString(8).padStart(11, "0")}\0`, 124);
    header.write("00000000000\0", 136);
    header.write(n.kind === "file" ? "0" : n.kind === "link" ? "2" : "5", 156);
    if (n.kind === "link") header.write(n.target.slice(0, 99), 157);
    header.write("ustar\0", 257);
    header.write("00", 263);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : (header[i] as number);
    header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** A tree as an archive whose bytes are changed at a few random places. */
export function damagedArchive(seedTexts: string[]): fc.Arbitrary<Uint8Array> {
  return fc.tuple(hostTree(seedTexts), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 })).map(([nodes, changes]) => {
    const tar = tarOf(nodes);
    for (const [at, value] of changes) tar[at % tar.length] = value;
    return tar;
  });
}

/** One whole scan and its reports must finish within this many milliseconds. */
export const SCAN_BUDGET_MS = 5000;

function scanAndReport(tree: Tree, policy: Policy): void {
  const started = performance.now();
  const result = scanTree(tree, "fuzzed", true, { policy, now: 1_796_083_200 });
  const catalogue = loadCatalogue();
  for (const name of FORMAT_NAMES) formatter(name)({ result, catalogue, tool: TOOL });
  const took = performance.now() - started;
  if (took > SCAN_BUDGET_MS) throw new Error(`the scan took ${took.toFixed(0)} ms`);
}

export function checkTree(nodes: Node[], policy: Policy): void {
  scanAndReport(new Tree(backendOf(nodes)), policy);
}

export function checkArchive(tar: Uint8Array, policy: Policy): void {
  scanAndReport(new Tree(readTar(tar)), policy);
}
