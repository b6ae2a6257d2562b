/**
 * Just enough DER to read what node:crypto's X509Certificate does not expose:
 * the signature algorithm and the keyUsage, basicConstraints and
 * extendedKeyUsage extensions with their critical flags (RFC 5280 §4.1, §4.2.1).
 */
export interface DerNode {
  tag: number;
  start: number;
  end: number;
  header: number;
}

export function read(der: Uint8Array, offset: number): DerNode {
  const tag = der[offset] as number;
  let length = der[offset + 1] as number;
  let header = 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + (der[offset + 2 + i] as number);
    header += bytes;
  }
  if (offset + header + length > der.length) throw new Error("DER: length past the end");
  return { tag, start: offset, end: offset + header + length, header };
}

export function children(der: Uint8Array, node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  for (let offset = node.start + node.header; offset < node.end; ) {
    const child = read(der, offset);
    out.push(child);
    offset = child.end;
  }
  return out;
}

/** A node's content octets (after its tag and length). */
export function content(der: Uint8Array, node: DerNode): Uint8Array {
  return der.subarray(node.start + node.header, node.end);
}

export function oid(der: Uint8Array, node: DerNode): string {
  const bytes = content(der, node);
  const parts: number[] = [Math.floor((bytes[0] as number) / 40), (bytes[0] as number) % 40];
  let value = 0;
  for (let i = 1; i < bytes.length; i++) {
    value = value * 128 + ((bytes[i] as number) & 0x7f);
    if (!((bytes[i] as number) & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join(".");
}

const KEY_USAGE_BITS = [
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
  "encipherOnly",
  "decipherOnly",
];

const SIGNATURE_ALGORITHMS: Record<string, string> = {
  "1.2.840.113549.1.1.4": "md5WithRSAEncryption",
  "1.2.840.113549.1.1.5": "sha1WithRSAEncryption",
  "1.2.840.113549.1.1.11": "sha256WithRSAEncryption",
  "1.2.840.113549.1.1.12": "sha384WithRSAEncryption",
  "1.2.840.113549.1.1.13": "sha512WithRSAEncryption",
  "1.2.840.113549.1.1.10": "rsassaPss",
  "1.2.840.10045.4.1": "ecdsaWithSHA1",
  "1.2.840.10045.4.3.2": "ecdsaWithSHA256",
  "1.2.840.10045.4.3.3": "ecdsaWithSHA384",
  "1.2.840.10045.4.3.4": "ecdsaWithSHA512",
  "1.3.101.112": "ed25519",
  "1.3.101.113": "ed448",
};

export interface CertificateExtensions {
  signature_algorithm: string;
  key_usage: string[] | null;
  key_usage_critical: boolean;
  basic_constraints_critical: boolean;
  ext_key_usage_critical: boolean;
}

export function certificateExtensions(der: Uint8Array): CertificateExtensions {
  const certificate = read(der, 0);
  const [tbs, algorithm] = children(der, certificate) as [DerNode, DerNode];
  const algorithmOid = oid(der, children(der, algorithm)[0] as DerNode);
  const result: CertificateExtensions = {
    signature_algorithm: SIGNATURE_ALGORITHMS[algorithmOid] ?? algorithmOid,
    key_usage: null,
    key_usage_critical: false,
    basic_constraints_critical: false,
    ext_key_usage_critical: false,
  };
  const extensionsWrapper = children(der, tbs).find((n) => n.tag === 0xa3);
  if (!extensionsWrapper) return result;
  const list = children(der, extensionsWrapper)[0];
  if (!list) return result;
  for (const extension of children(der, list)) {
    const parts = children(der, extension);
    const id = oid(der, parts[0] as DerNode);
    const critical = parts.length === 3 && parts[1]?.tag === 0x01 && der[(parts[1].start + parts[1].header) as number] !== 0;
    const value = parts[parts.length - 1] as DerNode;
    if (id === "2.5.29.15") {
      result.key_usage_critical = critical;
      const bitString = read(der, value.start + value.header);
      const bytes = der.subarray(bitString.start + bitString.header + 1, bitString.end);
      result.key_usage = KEY_USAGE_BITS.filter((_, bit) => (((bytes[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1) === 1);
    } else if (id === "2.5.29.19") result.basic_constraints_critical = critical;
    else if (id === "2.5.29.37") result.ext_key_usage_critical = critical;
  }
  return result;
}
