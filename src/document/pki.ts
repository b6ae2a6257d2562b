/**
 * The certificates and keys a host's TLS settings point at: every file in the
 * folders QEMU and the libvirt daemons read them from, with its mode and owner
 * and the facts of what it holds. Key material never enters the host document.
 */
import { posix } from "node:path";
import { diagnostic, type Diagnostic } from "../model/diagnostic.js";
import type { HostFiles } from "../model/files.js";
import type { FileFacts, PkiDir, PkiFile, PkiSection, VirConfConfig } from "../model/host.js";
import { hostPath, treePath, type LayoutPaths } from "../loader/discover.js";
import { joinRelative } from "../loader/paths.js";
import { matchKeys, readPemShared, signedBy, type CertificateHandle, type PemContents } from "../loader/formats/pem.js";
import { QEMU_OPTIONS } from "./options/libvirt.js";
import type { Owners } from "./owners.js";

const MAX_PEM_BYTES = 1024 * 1024;
const MAX_SIGNER_CANDIDATES = 8;
const LIBVIRT_MIGRATE_DIR = "/etc/pki/libvirt-migrate";

/** Secrets that give access to peers or to libvirtd, where deployments keep them. */
const CREDENTIAL_FILES = [
  "/etc/libvirt/passwd.db",
  "/etc/libvirt/krb5.tab",
  "/etc/libvirt/auth.conf",
  "/etc/nova/migration/identity",
  "/var/lib/nova/.ssh/id_rsa",
  "/var/lib/nova/.ssh/id_ed25519",
  "/var/lib/nova/.config/libvirt/auth.conf",
  "/root/.config/libvirt/auth.conf",
  "/etc/kolla/nova-libvirt/auth.conf",
  "/etc/kolla/nova-compute/auth.conf",
];

/** The configurations whose TLS settings name certificate folders and files. */
export interface TlsConfigs {
  qemu: VirConfConfig;
  libvirtd: VirConfConfig;
  virtproxyd: VirConfConfig;
}

function stringOption(configs: TlsConfigs, file: keyof TlsConfigs, name: string): string | null {
  const value = configs[file].options[name]?.value;
  return typeof value === "string" && value !== "" ? value : null;
}

/** Certificate and key file names: a file so named that holds nothing QEMU or libvirt can read is said. */
const PKI_NAME = /\.(pem|crt|cer|key)$/;

export function loadPki(
  host: HostFiles,
  paths: LayoutPaths,
  configs: TlsConfigs,
  owners: Owners,
  modesReason: string | undefined,
  notes: Diagnostic[],
): PkiSection {
  const dirs = new Map<string, PkiDir>();
  const addDir = (hostPath: string, path: string | null): PkiDir => {
    const existing = dirs.get(hostPath);
    if (existing) return existing;
    const dir: PkiDir = { host_path: hostPath, path, exists: path !== null && host.isDirectory(path) };
    dirs.set(hostPath, dir);
    return dir;
  };
  const hostDir = (hostPath: string): PkiDir => addDir(hostPath, treePath(paths, hostPath));

  // An empty setting leaves QEMU its default folder.
  const defaultDir = hostDir(stringOption(configs, "qemu", "default_tls_x509_cert_dir") ?? String(QEMU_OPTIONS.default_tls_x509_cert_dir?.default));
  const explicitMigrate = stringOption(configs, "qemu", "migrate_tls_x509_cert_dir");
  const libvirtMigrate = hostDir(LIBVIRT_MIGRATE_DIR);
  const migrate =
    explicitMigrate !== null
      ? { ...hostDir(explicitMigrate), source: "explicit" as const }
      : libvirtMigrate.exists
        ? { ...libvirtMigrate, source: "libvirt-migrate" as const }
        : { ...defaultDir, source: "default" as const };
  for (const daemon of ["libvirtd", "virtproxyd"] as const) {
    for (const option of ["key_file", "cert_file", "ca_file", "crl_file"]) {
      const file = stringOption(configs, daemon, option);
      if (file !== null) hostDir(posix.dirname(file));
    }
  }
  for (const known of ["/etc/pki/qemu", "/etc/pki/libvirt", "/etc/pki/libvirt/private", "/etc/pki/CA", "/etc/pki/CA/private", "/etc/pki/libvirt-nbd"]) {
    hostDir(known);
  }
  for (const path of paths.pkiDirs) addDir(hostPath(paths, path) ?? `/${path}`, path);

  const files: PkiFile[] = [];
  const pems: { file: PkiFile; pem: PemContents }[] = [];
  const seen = new Set<string>();
  for (const dir of dirs.values()) {
    if (!dir.exists || dir.path === null) continue;
    for (const name of host.list(dir.path).sort()) {
      const path = joinRelative(dir.path, name);
      if (seen.has(path)) continue;
      const result = host.read(path, MAX_PEM_BYTES);
      if (result.kind === "missing" || (result.kind === "refused" && result.reason === "not-a-file")) continue;
      seen.add(path);
      const file: PkiFile = { path, host_path: posix.join(dir.host_path, name), kind: "other", mode: null, uid: null, gid: null, owner: null, group: null };
      if (result.kind === "refused") {
        file.kind = "unreadable";
        files.push(file);
        notes.push(diagnostic("pki-file-unusable", { problem: `it cannot be read (${result.detail})` }, { file: path, line: 1, column: 1 }));
        continue;
      }
      const facts = owners.facts(path, file.host_path);
      if (facts !== null && facts.mode !== null) {
        file.mode = facts.mode;
        file.uid = result.stats.uid;
        file.gid = result.stats.gid;
        file.owner = facts.owner;
        file.group = facts.group;
      }
      const pem = readPemShared(Buffer.from(result.bytes.buffer, result.bytes.byteOffset, result.bytes.byteLength).toString("latin1"));
      if (pem.keys.length > 0) {
        file.kind = "private-key";
        file.key = pem.keys[0] as NonNullable<PkiFile["key"]>;
      } else if (pem.certificates.length > 0) {
        file.kind = "certificate";
        file.certificates = pem.certificates;
      } else if (pem.crls > 0) file.kind = "crl";
      if (pem.broken.length > 0) file.broken = pem.broken;
      if (file.kind === "other" && PKI_NAME.test(name)) {
        const problem =
          pem.broken.length > 0
            ? `its PEM blocks cannot be read (${pem.broken.join(", ")})`
            : result.bytes.length === 0
              ? "it is empty"
              : "it holds no PEM block";
        notes.push(diagnostic("pki-file-unusable", { problem }, { file: path, line: 1, column: 1 }));
      }
      files.push(file);
      pems.push({ file, pem });
    }
  }

  const matches = matchKeys(
    pems.map(({ pem }) => pem),
    pems.map(({ pem }) => pem),
  );
  pems.forEach(({ file, pem }, index) => {
    if (pem.keyHandles[0]) file.matches = (matches[index] ?? []).map((other) => (pems[other] as (typeof pems)[number]).file.path);
  });

  markSigners(pems);

  const credentials: FileFacts[] = [];
  for (const hostPath of CREDENTIAL_FILES) {
    const path = treePath(paths, hostPath);
    const facts = path === null ? null : owners.facts(path, hostPath);
    if (facts !== null) credentials.push(facts);
  }
  const section: PkiSection = {
    modes: owners.meaningful ? "tree" : "not-meaningful",
    ...(owners.meaningful || modesReason === undefined ? {} : { modes_reason: modesReason }),
    dirs: [...dirs.values()],
    qemu: { default_dir: defaultDir, migrate_dir: migrate },
    files,
    credentials,
  };
  if (paths.notCollected.pki && files.length === 0) section.not_collected = paths.notCollected.pki;
  // A key past the cut would go unseen: the checks of certificates and keys cannot be decided.
  const cut = [...dirs.values()].find((dir) => dir.path !== null && host.truncated(dir.path));
  if (cut !== undefined) section.not_collected = `${cut.host_path} holds more entries than migpolicy reads from one folder: only the first were read`;
  return section;
}

/**
 * Each certificate's signers among the host's CA certificates (by the public key that
 * verifies its signature): what its peers' CA files must hold for a handshake to succeed.
 * Candidates are found by name first, so each certificate costs one verification per CA
 * certificate named as its issuer, up to MAX_SIGNER_CANDIDATES: past them a signer is not
 * looked for, and an empty signed_by decides nothing (peer_trust leaves it undecided).
 */
function markSigners(pems: { pem: PemContents }[]): void {
  const bySubject = new Map<string, { facts: PemContents["certificates"][number]; handle: CertificateHandle }[]>();
  for (const { pem } of pems) {
    pem.certificates.forEach((facts, index) => {
      const handle = pem.certificateHandles[index];
      if (!facts.is_ca || handle === undefined) return;
      const list = bySubject.get(facts.subject);
      if (list === undefined) bySubject.set(facts.subject, [{ facts, handle }]);
      else list.push({ facts, handle });
    });
  }
  for (const { pem } of pems) {
    pem.certificates.forEach((facts, index) => {
      const handle = pem.certificateHandles[index];
      if (handle === undefined) return;
      const signers = new Set<string>();
      // Bounded: a folder of hundreds of CAs under one name costs a few verifications a certificate, not n².
      for (const candidate of (bySubject.get(facts.issuer) ?? []).slice(0, MAX_SIGNER_CANDIDATES)) {
        if (!signers.has(candidate.facts.public_key_sha256) && signedBy(handle, candidate.handle)) signers.add(candidate.facts.public_key_sha256);
      }
      facts.signed_by = [...signers].sort();
    });
  }
}
