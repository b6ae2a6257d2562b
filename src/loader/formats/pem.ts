/**
 * PEM files: which blocks they hold, and for certificates the facts checks need.
 * Key material is read only to learn its type and size and whether it matches a
 * certificate; none of it leaves this module.
 */
import { createHash, createPrivateKey, createPublicKey, verify, X509Certificate, type KeyObject } from "node:crypto";
import type { CertificateFacts, PrivateKeyFacts } from "../../model/host.js";
import { certificateExtensions, children, content, read } from "./der.js";
import { certificatePublicKey, privateKeyPublicKey, type PublicKeyFacts } from "./public-key.js";
import { certificateFacts, cryptoCertificateFacts, type X509Facts } from "./x509.js";

/** A key or certificate's public key, for matching keys to certificates; never serialised. */
interface PublicKeyHandle {
  /**
   * The SHA-256 of the canonical SubjectPublicKeyInfo (read from the DER, or exported by
   * OpenSSL): equal hashes, same key; null when neither could give it.
   */
  exact: string | null;
  /** node:crypto's view, made only when the DER reading could not decide. */
  keyObject(): KeyObject;
}

export interface PemContents {
  certificates: CertificateFacts[];
  keys: PrivateKeyFacts[];
  crls: number;
  /** Blocks that could not be read (bad base64 or DER), by label. */
  broken: string[];
  /** Per key, what matching needs. */
  keyHandles: (PublicKeyHandle | null)[];
  certificateHandles: CertificateHandle[];
}

/** A certificate's public key for matching: its canonical hash, and node:crypto's view on demand. */
export interface CertificateHandle {
  exact: string | null;
  /** The certificate's DER and its signature algorithm, for checking who signed it. */
  raw: Uint8Array;
  algorithm: string;
  x509(): X509Certificate;
}

const LABEL = /^[A-Z0-9 ]+$/;

/**
 * The PEM blocks of a text, `-----BEGIN L-----` (then a line break) up to the next
 * `-----END L-----`, in one pass: every END marker is indexed first, so a BEGIN without its
 * END costs no search to the end of the text (a backtracking pattern took 12 s on 1 MiB).
 */
export function pemBlocks(text: string): { label: string; block: string }[] {
  const ends = new Map<string, number[]>();
  for (let at = text.indexOf("-----END "); at >= 0; at = text.indexOf("-----END ", at + 1)) {
    const close = text.indexOf("-----", at + 9);
    const label = close < 0 ? "" : text.slice(at + 9, close);
    if (close < 0 || close - at > 100 || !LABEL.test(label)) continue;
    const list = ends.get(label);
    if (list === undefined) ends.set(label, [at]);
    else list.push(at);
  }
  const next = new Map<string, number>();
  const found: { label: string; block: string }[] = [];
  for (let at = text.indexOf("-----BEGIN "); at >= 0; ) {
    const close = text.indexOf("-----", at + 11);
    const label = close < 0 ? "" : text.slice(at + 11, close);
    const bodyStart = close + 5 + (text[close + 5] === "\r" ? 1 : 0);
    if (close < 0 || close - at > 100 || !LABEL.test(label) || text[bodyStart] !== "\n") {
      at = text.indexOf("-----BEGIN ", at + 1);
      continue;
    }
    const list = ends.get(label) ?? [];
    let index = next.get(label) ?? 0;
    while (index < list.length && (list[index] as number) < bodyStart + 1) index++;
    next.set(label, index);
    const end = list[index];
    if (end === undefined) {
      at = text.indexOf("-----BEGIN ", at + 1);
      continue;
    }
    const stop = end + 9 + label.length + 5;
    found.push({ label, block: text.slice(at, stop) });
    at = text.indexOf("-----BEGIN ", stop);
  }
  return found;
}
const EKU_NAMES: Record<string, string> = {
  "1.3.6.1.5.5.7.3.1": "serverAuth",
  "1.3.6.1.5.5.7.3.2": "clientAuth",
};

function publicKeyHash(key: KeyObject): string {
  return createHash("sha256")
    .update(key.export({ type: "spki", format: "der" }))
    .digest("hex");
}

/** Key types whose public key has a single SubjectPublicKeyInfo encoding (no parameters to spell out). */
const ONE_ENCODING = new Set(["ed25519", "ed448", "x25519", "x448"]);

function viaCrypto(key: KeyObject): PublicKeyFacts {
  const details = key.asymmetricKeyDetails ?? {};
  return { type: key.asymmetricKeyType ?? "unknown", bits: details.modulusLength ?? null, curve: details.namedCurve ?? null, sha256: publicKeyHash(key) };
}

/** The facts checks need; from the DER where x509.ts reads it exactly, else from node:crypto. */
function certificate(block: string): { facts: CertificateFacts; handle: CertificateHandle } {
  const der = pemBody(block);
  const read = der === null ? null : certificateFacts(der);
  let object: X509Certificate | undefined;
  const x509 = (): X509Certificate => (object ??= new X509Certificate(block));
  const raw = read !== null && der !== null ? der : new Uint8Array(x509().raw);
  const facts: X509Facts = read ?? cryptoCertificateFacts(x509());
  const fromDer = certificatePublicKey(raw);
  const key = fromDer ?? viaCrypto(x509().publicKey);
  const san = facts.subjectAltName ?? "";
  const entries = san === "" ? [] : san.split(/,\s*/);
  const extensions = certificateExtensions(raw);
  return {
    facts: {
      subject: facts.subject.replace(/\n/g, ","),
      issuer: facts.issuer.replace(/\n/g, ","),
      san_dns: entries.filter((e) => e.startsWith("DNS:")).map((e) => e.slice(4)),
      san_ip: entries.filter((e) => e.startsWith("IP Address:")).map((e) => e.slice(11)),
      not_before: facts.validFromSeconds,
      not_after: facts.validToSeconds,
      is_ca: facts.ca,
      self_issued: facts.subject === facts.issuer,
      key_type: key.type,
      key_bits: key.bits,
      curve: key.curve,
      signature_algorithm: extensions.signature_algorithm,
      key_usage: extensions.key_usage,
      key_usage_critical: extensions.key_usage_critical,
      basic_constraints_critical: extensions.basic_constraints_critical,
      ext_key_usage: (facts.extKeyUsage ?? []).map((id) => EKU_NAMES[id] ?? id),
      ext_key_usage_critical: extensions.ext_key_usage_critical,
      serial: facts.serialNumber.toUpperCase(),
      fingerprint_sha256: facts.fingerprint256,
      public_key_sha256: key.sha256,
    },
    handle: { exact: fromDer?.sha256 ?? (ONE_ENCODING.has(key.type) ? key.sha256 : null), raw, algorithm: extensions.signature_algorithm, x509 },
  };
}

/** The DER inside a PEM block without headers (RFC 7468 lax: whitespace anywhere). */
function pemBody(block: string): Uint8Array | null {
  const body = block.slice(block.indexOf("\n") + 1, block.lastIndexOf("-----END"));
  const base64 = body.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) return null;
  return Buffer.from(base64, "base64");
}

function privateKey(label: string, block: string): { facts: PublicKeyFacts; handle: PublicKeyHandle } {
  const der = pemBody(block);
  const fromDer = der === null ? null : privateKeyPublicKey(label, der);
  if (fromDer !== null) {
    let object: KeyObject | undefined;
    return { facts: fromDer, handle: { exact: fromDer.sha256, keyObject: () => (object ??= createPrivateKey({ key: block, format: "pem" })) } };
  }
  const key = createPrivateKey({ key: block, format: "pem" });
  // Where a key type has one SubjectPublicKeyInfo encoding, OpenSSL's export meets a
  // certificate's by hash (Ed25519 keys in PKCS#8 come this way: compared pair by pair,
  // 10,000 of them took ~50 s); an EC key with explicit parameters is still compared by OpenSSL.
  const facts = viaCrypto(createPublicKey(key));
  return { facts, handle: { exact: ONE_ENCODING.has(facts.type) ? facts.sha256 : null, keyObject: () => key } };
}

export function readPem(text: string): PemContents {
  const contents: PemContents = { certificates: [], keys: [], crls: 0, broken: [], keyHandles: [], certificateHandles: [] };
  for (const { label, block } of pemBlocks(text)) {
    try {
      if (label === "CERTIFICATE" || label === "TRUSTED CERTIFICATE") {
        const { facts, handle } = certificate(block);
        contents.certificates.push(facts);
        contents.certificateHandles.push(handle);
      } else if (label === "X509 CRL") contents.crls++;
      else if (label === "ENCRYPTED PRIVATE KEY" || (label.endsWith("PRIVATE KEY") && /Proc-Type: 4,ENCRYPTED/.test(block))) {
        contents.keys.push({ type: "unknown", bits: null, curve: null, encrypted: true, public_key_sha256: null });
        contents.keyHandles.push(null);
      } else if (label.endsWith("PRIVATE KEY")) {
        const { facts, handle } = privateKey(label, block);
        contents.keys.push({ type: facts.type, bits: facts.bits, curve: facts.curve, encrypted: false, public_key_sha256: facts.sha256 });
        contents.keyHandles.push(handle);
      }
    } catch {
      contents.broken.push(label);
    }
  }
  return contents;
}

/**
 * Parses by content, across the hosts of a scan: a fleet's hosts hold copies of one CA
 * certificate and often of one key pair, which cost a DER reading and node:crypto each time.
 * Bounded: cleared when full; files larger than MAX_SHARED_TEXT are parsed each time.
 */
const sharedPems = new Map<string, Readonly<PemContents>>();
const MAX_SHARED_PEMS = 256;
const MAX_SHARED_TEXT = 1 << 16;

/**
 * readPem, the same result, parsing a text the process has parsed before only once. The facts
 * are fresh objects (the document builder adds each host's signers to them); the handles, the
 * DER and node:crypto's views behind them, are shared.
 */
export function readPemShared(text: string): PemContents {
  if (text.length > MAX_SHARED_TEXT) return readPem(text);
  let parsed = sharedPems.get(text);
  if (parsed === undefined) {
    if (sharedPems.size >= MAX_SHARED_PEMS) sharedPems.clear();
    parsed = readPem(text);
    // Shared by every copy: a builder that changed one would change every host's.
    for (const facts of [...parsed.certificates, ...parsed.keys]) {
      for (const value of Object.values(facts)) if (Array.isArray(value)) Object.freeze(value);
      Object.freeze(facts);
    }
    sharedPems.set(text, parsed);
  }
  return {
    certificates: parsed.certificates.map((facts) => ({ ...facts })),
    keys: parsed.keys.map((facts) => ({ ...facts })),
    crls: parsed.crls,
    broken: [...parsed.broken],
    keyHandles: parsed.keyHandles,
    certificateHandles: parsed.certificateHandles,
  };
}

/**
 * For each of `keys`, the indexes (in order) of the `certificates` whose first certificate
 * its first key belongs to. Keys and certificates read from DER meet by their public key's
 * hash, so n keys and n certificates cost n, not n² (1,000 copies of one pair took 56 s);
 * only those node:crypto alone can read are compared pair by pair.
 */
export function matchKeys(keys: PemContents[], certificates: PemContents[]): number[][] {
  const byHash = new Map<string, number[]>();
  const inexact: number[] = [];
  certificates.forEach((certificate, index) => {
    const handle = certificate.certificateHandles[0];
    if (!handle) return;
    if (handle.exact === null) inexact.push(index);
    else {
      const list = byHash.get(handle.exact);
      if (list === undefined) byHash.set(handle.exact, [index]);
      else list.push(index);
    }
  });
  const exactIndexes = [...byHash.values()].flat().sort((a, b) => a - b);
  return keys.map((key) => {
    const handle = key.keyHandles[0];
    if (!handle) return [];
    const candidates = handle.exact === null ? [...exactIndexes, ...inexact] : [...(byHash.get(handle.exact) ?? []), ...inexact];
    return candidates.filter((index) => keyMatchesCertificate(key, certificates[index] as PemContents)).sort((a, b) => a - b);
  });
}

/** Whether the first key of `key` is the private key of the first certificate of `certificate`. */
export function keyMatchesCertificate(key: PemContents, certificate: PemContents): boolean {
  const handle = key.keyHandles[0];
  const other = certificate.certificateHandles[0];
  if (!handle || !other) return false;
  if (handle.exact !== null && other.exact !== null) return handle.exact === other.exact;
  return other.x509().checkPrivateKey(handle.keyObject());
}

/** The hash each signature algorithm signs with, as node:crypto's verify names it (null: none, EdDSA). */
const SIGNATURE_HASHES: Record<string, string | null> = {
  sha1WithRSAEncryption: "sha1",
  sha256WithRSAEncryption: "sha256",
  sha384WithRSAEncryption: "sha384",
  sha512WithRSAEncryption: "sha512",
  ecdsaWithSHA1: "sha1",
  ecdsaWithSHA256: "sha256",
  ecdsaWithSHA384: "sha384",
  ecdsaWithSHA512: "sha512",
  ed25519: null,
  ed448: null,
};

/** Issuer keys by their certificate's DER: a fleet's hosts share their CA, which is read once. */
const issuerKeys = new Map<string, KeyObject>();
const MAX_ISSUER_KEYS = 256;

const derId = (raw: Uint8Array): string => createHash("sha256").update(raw).digest("hex");

function issuerKey(issuer: CertificateHandle, id: string): KeyObject {
  let key = issuerKeys.get(id);
  if (key === undefined) {
    if (issuerKeys.size >= MAX_ISSUER_KEYS) issuerKeys.clear();
    key = issuer.x509().publicKey;
    issuerKeys.set(id, key);
  }
  return key;
}

/**
 * Each answer of signedBy by both certificates' DER: the hosts of a fleet hold copies of the
 * same certificates, whose signatures were verified once (a verification cost ~0.5 ms a host,
 * measured on the bench's 1,000 full hosts). Bounded: cleared when full.
 */
const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 4096;

/**
 * Whether `signer`'s certificate signed `subject`: the signature over its TBSCertificate verifies with the issuer's key (what a TLS peer
 * checks, beyond the names). From the DER with node:crypto's verify; RSA-PSS and what the
 * DER reading does not follow go to X509Certificate.verify. Never throws.
 */
export function signedBy(subject: CertificateHandle, signer: CertificateHandle): boolean {
  const signerId = derId(signer.raw);
  const pair = `${derId(subject.raw)}:${signerId}`;
  const known = verdicts.get(pair);
  if (known !== undefined) return known;
  const answer = verifySignature(subject, signer, signerId);
  if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
  verdicts.set(pair, answer);
  return answer;
}

function verifySignature(subject: CertificateHandle, signer: CertificateHandle, signerId: string): boolean {
  try {
    const key = issuerKey(signer, signerId);
    const hash = SIGNATURE_HASHES[subject.algorithm];
    if (hash === undefined) return subject.x509().verify(key);
    const [tbs, , signature] = children(subject.raw, read(subject.raw, 0));
    if (tbs === undefined || signature === undefined || signature.tag !== 0x03) return false;
    return verify(hash, subject.raw.subarray(tbs.start, tbs.end), key, content(subject.raw, signature).subarray(1));
  } catch {
    return false;
  }
}
