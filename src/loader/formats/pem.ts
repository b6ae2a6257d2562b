/**
 * PEM files: which blocks they hold, and for certificates the facts checks need.
 * Key material is read only to learn its type and size and whether it matches a
 * certificate; none of it leaves this module.
 */
import { createHash, createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from "node:crypto";
import type { CertificateFacts, PrivateKeyFacts } from "../../model/host.js";
import { certificateExtensions } from "./der.js";

export interface PemContents {
  certificates: CertificateFacts[];
  keys: PrivateKeyFacts[];
  crls: number;
  /** Blocks that could not be read (bad base64 or DER), by label. */
  broken: string[];
  /** Key objects for matching against certificates; never serialised. */
  keyObjects: (KeyObject | null)[];
  certificateObjects: X509Certificate[];
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;
const EKU_NAMES: Record<string, string> = {
  "1.3.6.1.5.5.7.3.1": "serverAuth",
  "1.3.6.1.5.5.7.3.2": "clientAuth",
};

function publicKeyHash(key: KeyObject): string {
  return createHash("sha256").update(key.export({ type: "spki", format: "der" })).digest("hex");
}

function keyDetails(key: KeyObject): { type: string; bits: number | null; curve: string | null } {
  const details = key.asymmetricKeyDetails ?? {};
  return { type: key.asymmetricKeyType ?? "unknown", bits: details.modulusLength ?? null, curve: details.namedCurve ?? null };
}

function certificateFacts(certificate: X509Certificate): CertificateFacts {
  const san = certificate.subjectAltName ?? "";
  const entries = san === "" ? [] : san.split(/,\s*/);
  const extensions = certificateExtensions(new Uint8Array(certificate.raw));
  const key = keyDetails(certificate.publicKey);
  return {
    subject: certificate.subject.replace(/\n/g, ","),
    issuer: certificate.issuer.replace(/\n/g, ","),
    san_dns: entries.filter((e) => e.startsWith("DNS:")).map((e) => e.slice(4)),
    san_ip: entries.filter((e) => e.startsWith("IP Address:")).map((e) => e.slice(11)),
    not_before: Math.floor(Date.parse(certificate.validFrom) / 1000),
    not_after: Math.floor(Date.parse(certificate.validTo) / 1000),
    is_ca: certificate.ca,
    self_issued: certificate.subject === certificate.issuer,
    key_type: key.type,
    key_bits: key.bits,
    curve: key.curve,
    signature_algorithm: extensions.signature_algorithm,
    key_usage: extensions.key_usage,
    key_usage_critical: extensions.key_usage_critical,
    basic_constraints_critical: extensions.basic_constraints_critical,
    ext_key_usage: (certificate.keyUsage ?? []).map((id) => EKU_NAMES[id] ?? id),
    ext_key_usage_critical: extensions.ext_key_usage_critical,
    serial: certificate.serialNumber.toUpperCase(),
    fingerprint_sha256: certificate.fingerprint256.replace(/:/g, "").toLowerCase(),
    public_key_sha256: publicKeyHash(certificate.publicKey),
  };
}

export function readPem(text: string): PemContents {
  const contents: PemContents = { certificates: [], keys: [], crls: 0, broken: [], keyObjects: [], certificateObjects: [] };
  for (const match of text.matchAll(BLOCK)) {
    const label = match[1] as string;
    const block = match[0];
    try {
      if (label === "CERTIFICATE" || label === "TRUSTED CERTIFICATE") {
        const certificate = new X509Certificate(block);
        contents.certificates.push(certificateFacts(certificate));
        contents.certificateObjects.push(certificate);
      } else if (label === "X509 CRL") contents.crls++;
      else if (label === "ENCRYPTED PRIVATE KEY" || (label.endsWith("PRIVATE KEY") && /Proc-Type: 4,ENCRYPTED/.test(block))) {
        contents.keys.push({ type: "unknown", bits: null, curve: null, encrypted: true, public_key_sha256: null });
        contents.keyObjects.push(null);
      } else if (label.endsWith("PRIVATE KEY")) {
        const key = createPrivateKey({ key: block, format: "pem" });
        contents.keys.push({ ...keyDetails(key), encrypted: false, public_key_sha256: publicKeyHash(createPublicKey(key)) });
        contents.keyObjects.push(key);
      }
    } catch {
      contents.broken.push(label);
    }
  }
  return contents;
}
