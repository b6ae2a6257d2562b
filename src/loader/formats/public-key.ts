/**
 * Public keys read from DER without OpenSSL: from a certificate's SubjectPublicKeyInfo and
 * from the private key formats that carry the public key (PKCS#1 and PKCS#8 RSA keys; SEC1
 * and PKCS#8 EC keys with their public point). Parsing every key with node:crypto to hash its
 * public key was a quarter of a fleet's load time.
 *
 * The SubjectPublicKeyInfo built here is the canonical one OpenSSL exports (RSA with NULL
 * parameters; EC on a named curve, uncompressed point), so its SHA-256 equals what
 * `KeyObject.export({ type: "spki" })` hashes to, and a key matches a certificate exactly when
 * the hashes are equal. Anything else (DSA, RSA-PSS, explicit curve parameters, compressed
 * points, Ed25519 private keys, which hold no public key) returns null and the caller asks
 * node:crypto; test/public-key.test.ts holds the two to the same answers.
 */
import { createHash } from "node:crypto";
import { children, content, oid, read, type DerNode } from "./der.js";

export interface PublicKeyFacts {
  /** node:crypto's asymmetricKeyType names. */
  type: string;
  /** RSA modulus length, as node:crypto's modulusLength. */
  bits: number | null;
  /** OpenSSL's curve name, as node:crypto's namedCurve. */
  curve: string | null;
  /** SHA-256 of the canonical SubjectPublicKeyInfo, hex. */
  sha256: string;
}

const RSA = "1.2.840.113549.1.1.1";
const EC = "1.2.840.10045.2.1";
const RAW_SPKI_TYPES: Record<string, string> = { "1.3.101.112": "ed25519", "1.3.101.113": "ed448", "1.3.101.110": "x25519", "1.3.101.111": "x448" };
const CURVES: Record<string, string> = {
  "1.2.840.10045.3.1.7": "prime256v1",
  "1.3.132.0.34": "secp384r1",
  "1.3.132.0.35": "secp521r1",
  "1.3.132.0.10": "secp256k1",
  "1.3.132.0.33": "secp224r1",
  "1.2.840.10045.3.1.1": "prime192v1",
};

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const BIT_STRING = 0x03;
const OCTET_STRING = 0x04;
const NULL = 0x05;
const OID = 0x06;

function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const length = parts.reduce((sum, p) => sum + p.length, 0);
  const lengthBytes: number[] = [];
  if (length < 0x80) lengthBytes.push(length);
  else {
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) lengthBytes.unshift(rest & 0xff);
    lengthBytes.unshift(0x80 | lengthBytes.length);
  }
  const out = new Uint8Array(1 + lengthBytes.length + length);
  out[0] = tag;
  out.set(lengthBytes, 1);
  let offset = 1 + lengthBytes.length;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The whole encoding of a node (tag, length and content). */
function whole(der: Uint8Array, node: DerNode): Uint8Array {
  return der.subarray(node.start, node.end);
}

function expect(node: DerNode | undefined, tag: number): DerNode {
  if (node?.tag !== tag) throw new Error(`DER: expected tag ${tag.toString(16)}`);
  return node;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Bits of an unsigned big-endian INTEGER's magnitude (OpenSSL's BN_num_bits). */
function integerBits(der: Uint8Array, node: DerNode): number {
  const bytes = content(der, node);
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i] as number));
}

const RSA_ALGORITHM = tlv(SEQUENCE, tlv(OID, new Uint8Array([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01])), tlv(NULL));
const EC_ALGORITHM_OID = tlv(OID, new Uint8Array([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]));

/** From the modulus and exponent INTEGER nodes of an RSAPublicKey or RSAPrivateKey. */
function rsaKey(der: Uint8Array, modulus: DerNode, exponent: DerNode): PublicKeyFacts {
  expect(modulus, INTEGER);
  expect(exponent, INTEGER);
  const publicKey = tlv(SEQUENCE, whole(der, modulus), whole(der, exponent));
  const spki = tlv(SEQUENCE, RSA_ALGORITHM, tlv(BIT_STRING, new Uint8Array([0]), publicKey));
  return { type: "rsa", bits: integerBits(der, modulus), curve: null, sha256: sha256(spki) };
}

/** From the curve OID node and the public point's BIT STRING node; null unless named and uncompressed. */
function ecKey(der: Uint8Array, curve: DerNode | undefined, point: DerNode | undefined): PublicKeyFacts | null {
  if (curve?.tag !== OID || point?.tag !== BIT_STRING) return null;
  const name = CURVES[oid(der, curve)];
  const bits = content(der, point);
  if (name === undefined || bits[0] !== 0 || bits[1] !== 0x04) return null;
  const spki = tlv(SEQUENCE, tlv(SEQUENCE, EC_ALGORITHM_OID, whole(der, curve)), whole(der, point));
  return { type: "ec", bits: null, curve: name, sha256: sha256(spki) };
}

/** The public key of a SubjectPublicKeyInfo node, or null where node:crypto must decide. */
function fromSpki(der: Uint8Array, spki: DerNode): PublicKeyFacts | null {
  const [algorithm, key] = children(der, expect(spki, SEQUENCE));
  const [id, parameters] = children(der, expect(algorithm, SEQUENCE));
  const algorithmId = oid(der, expect(id, OID));
  if (algorithmId === RSA) {
    const bits = content(der, expect(key, BIT_STRING));
    if (bits[0] !== 0) return null;
    const inner = read(bits, 1);
    const [modulus, exponent] = children(bits, expect(inner, SEQUENCE));
    return rsaKey(bits, modulus as DerNode, exponent as DerNode);
  }
  if (algorithmId === EC) return ecKey(der, parameters, key);
  const raw = RAW_SPKI_TYPES[algorithmId];
  if (raw !== undefined && parameters === undefined) return { type: raw, bits: null, curve: null, sha256: sha256(whole(der, spki)) };
  return null;
}

/** The SubjectPublicKeyInfo of a certificate (RFC 5280 §4.1: the 7th field of tbsCertificate, or the 6th without a version). */
export function certificatePublicKey(der: Uint8Array): PublicKeyFacts | null {
  try {
    const [tbs] = children(der, read(der, 0));
    const fields = children(der, expect(tbs, SEQUENCE));
    const spki = fields[(fields[0]?.tag === 0xa0 ? 1 : 0) + 5];
    return spki === undefined ? null : fromSpki(der, spki);
  } catch {
    return null;
  }
}

/** RFC 5915 ECPrivateKey: [0] parameters (the curve) and [1] publicKey, both optional. */
function sec1(der: Uint8Array, key: DerNode, curveFromPkcs8?: DerNode): PublicKeyFacts | null {
  const fields = children(der, expect(key, SEQUENCE));
  const tagged = (tag: number): DerNode | undefined => {
    const wrapper = fields.find((f) => f.tag === tag);
    return wrapper === undefined ? undefined : children(der, wrapper)[0];
  };
  return ecKey(der, curveFromPkcs8 ?? tagged(0xa0), tagged(0xa1));
}

/**
 * The public key of an unencrypted private key, by its PEM label and DER, or null where
 * node:crypto must decide (or the DER is not what the label says: node:crypto reports that).
 */
export function privateKeyPublicKey(label: string, der: Uint8Array): PublicKeyFacts | null {
  try {
    const top = read(der, 0);
    if (top.end !== der.length) return null;
    if (label === "RSA PRIVATE KEY") {
      const [, modulus, exponent] = children(der, expect(top, SEQUENCE));
      return rsaKey(der, modulus as DerNode, exponent as DerNode);
    }
    if (label === "EC PRIVATE KEY") return sec1(der, top);
    if (label !== "PRIVATE KEY") return null;
    const [, algorithm, privateKey] = children(der, expect(top, SEQUENCE));
    const [id, parameters] = children(der, expect(algorithm, SEQUENCE));
    const algorithmId = oid(der, expect(id, OID));
    const inner = content(der, expect(privateKey, OCTET_STRING));
    const innerTop = read(inner, 0);
    if (algorithmId === RSA) {
      const [, modulus, exponent] = children(inner, expect(innerTop, SEQUENCE));
      return rsaKey(inner, modulus as DerNode, exponent as DerNode);
    }
    if (algorithmId === EC && parameters?.tag === OID) {
      // The curve is in the PKCS#8 algorithm; copy it next to the inner key so one buffer holds both.
      const curve = whole(der, parameters);
      const joined = new Uint8Array(curve.length + inner.length);
      joined.set(curve, 0);
      joined.set(inner, curve.length);
      return sec1(joined, read(joined, curve.length), read(joined, 0));
    }
    return null;
  } catch {
    return null;
  }
}
