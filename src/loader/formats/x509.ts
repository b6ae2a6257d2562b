/**
 * The facts of a certificate read from its DER, for the shapes compute-host certificates have:
 * node:crypto's X509Certificate costs OpenSSL a full parse per certificate, a fifth of a
 * fleet's load time. Everything is given exactly as X509Certificate gives it (names as
 * OpenSSL prints them in its multi-line form, validity to the second, the serial as
 * BN_bn2hex, `ca` as X509_check_ca() == 1); where a certificate holds anything this reader
 * does not render the same way (a name needing RFC 2253 escapes, an attribute outside the
 * table, a multi-valued RDN, an IPv6 or non-DNS alternative name, unusual time forms, a
 * repeated extension), it returns null and the caller asks node:crypto.
 * test/x509.test.ts holds the two to the same answers on every certificate in the repository.
 */
import { createHash, type X509Certificate } from "node:crypto";
import { children, content, oid, read, type DerNode } from "./der.js";

export interface X509Facts {
  /** OpenSSL's multi-line form (one `key=value` per RDN, "\n" between them), as X509Certificate.subject. */
  subject: string;
  issuer: string;
  subjectAltName: string | undefined;
  validFromSeconds: number;
  validToSeconds: number;
  ca: boolean;
  /** Extended key usage OIDs, as X509Certificate.keyUsage. */
  extKeyUsage: string[] | undefined;
  serialNumber: string;
  fingerprint256: string;
}

/** OpenSSL's short names (XN_FLAG_FN_SN) for the attributes certificates of compute hosts use. */
const ATTRIBUTES: Record<string, string> = {
  "2.5.4.3": "CN",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.5": "serialNumber",
  "1.2.840.113549.1.9.1": "emailAddress",
  "0.9.2342.19200300.100.1.25": "DC",
  "0.9.2342.19200300.100.1.1": "UID",
};
const UTF8_STRING = 0x0c;
const PRINTABLE_STRING = 0x13;
const IA5_STRING = 0x16;
/** Characters OpenSSL escapes (ASN1_STRFLGS_ESC_2253, ESC_CTRL) or prints differently. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what this pattern must exclude.
const PLAIN_VALUE = /^[^\s,+"\\<>;#\u0000-\u001f\u007f-\u009f][^,+"\\<>;\u0000-\u001f\u007f-\u009f]*$/u;
const DNS_NAME = /^[A-Za-z0-9.*_-]+$/;

class Unsupported extends Error {}

function need(condition: boolean): asserts condition {
  if (!condition) throw new Unsupported();
}

function text(der: Uint8Array, node: DerNode): string {
  return Buffer.from(content(der, node)).toString(node.tag === UTF8_STRING ? "utf8" : "latin1");
}

function name(der: Uint8Array, node: DerNode): string {
  need(node.tag === 0x30);
  const lines: string[] = [];
  for (const rdn of children(der, node)) {
    need(rdn.tag === 0x31);
    const attributes = children(der, rdn);
    need(attributes.length === 1);
    const [type, value] = children(der, attributes[0] as DerNode);
    need(type?.tag === 0x06 && value !== undefined);
    const short = ATTRIBUTES[oid(der, type)];
    need(short !== undefined && (value.tag === UTF8_STRING || value.tag === PRINTABLE_STRING || value.tag === IA5_STRING));
    const string = text(der, value);
    need(PLAIN_VALUE.test(string) && !string.endsWith(" ") && (value.tag === UTF8_STRING || /^[\x20-\x7e]*$/.test(string)));
    lines.push(`${short}=${string}`);
  }
  return lines.join("\n");
}

/** UTCTime YYMMDDHHMMSSZ or GeneralizedTime YYYYMMDDHHMMSSZ, in seconds since the epoch. */
function time(der: Uint8Array, node: DerNode): number {
  const value = Buffer.from(content(der, node)).toString("latin1");
  let digits: string;
  if (node.tag === 0x17 && /^\d{12}Z$/.test(value)) {
    const yy = Number(value.slice(0, 2));
    digits = `${yy >= 50 ? 19 : 20}${value}`;
  } else {
    need(node.tag === 0x18 && /^\d{14}Z$/.test(value));
    digits = value;
  }
  const n = (from: number, to: number): number => Number(digits.slice(from, to));
  return Date.UTC(n(0, 4), n(4, 6) - 1, n(6, 8), n(8, 10), n(10, 12), n(12, 14)) / 1000;
}

function alternativeNames(value: Uint8Array): string {
  const names: string[] = [];
  for (const general of children(value, read(value, 0))) {
    const bytes = content(value, general);
    if (general.tag === 0x82) {
      const dns = Buffer.from(bytes).toString("latin1");
      need(DNS_NAME.test(dns));
      names.push(`DNS:${dns}`);
    } else {
      need(general.tag === 0x87 && bytes.length === 4);
      names.push(`IP Address:${bytes.join(".")}`);
    }
  }
  return names.join(", ");
}

function serial(der: Uint8Array, node: DerNode): string {
  need(node.tag === 0x02);
  let bytes = content(der, node);
  need(bytes.length > 0 && ((bytes[0] as number) & 0x80) === 0);
  while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
  need(!(bytes.length === 1 && bytes[0] === 0));
  return Buffer.from(bytes).toString("hex").toUpperCase();
}

export function certificateFacts(der: Uint8Array): X509Facts | null {
  try {
    const certificate = read(der, 0);
    need(certificate.tag === 0x30 && certificate.end === der.length);
    const [tbs, , signature] = children(der, certificate);
    need(tbs?.tag === 0x30 && signature?.tag === 0x03);
    const fields = children(der, tbs);
    const versioned = fields[0]?.tag === 0xa0;
    const [serialNode, , issuerNode, validity, subjectNode] = fields.slice(versioned ? 1 : 0);
    need(serialNode !== undefined && issuerNode !== undefined && validity?.tag === 0x30 && subjectNode !== undefined);
    const [notBefore, notAfter] = children(der, validity);
    need(notBefore !== undefined && notAfter !== undefined);

    let subjectAltName: string | undefined;
    let extKeyUsage: string[] | undefined;
    let basicConstraintsCa: boolean | null = null;
    let keyCertSign: boolean | null = null;
    const seen = new Set<string>();
    const wrapper = fields.find((f) => f.tag === 0xa3);
    for (const extension of wrapper === undefined ? [] : children(der, children(der, wrapper)[0] as DerNode)) {
      const parts = children(der, extension);
      const id = oid(der, parts[0] as DerNode);
      need(!seen.has(id));
      seen.add(id);
      const value = content(der, parts[parts.length - 1] as DerNode);
      if (id === "2.5.29.17") subjectAltName = alternativeNames(value);
      else if (id === "2.5.29.37") extKeyUsage = children(value, read(value, 0)).map((n) => oid(value, n));
      else if (id === "2.5.29.19") {
        const first = children(value, read(value, 0))[0];
        basicConstraintsCa = first?.tag === 0x01 && value[first.start + first.header] !== 0;
      } else if (id === "2.5.29.15") {
        const bits = read(value, 0);
        keyCertSign = ((content(value, bits)[1] ?? 0) & 0x04) !== 0;
      }
    }
    return {
      subject: name(der, subjectNode),
      issuer: name(der, issuerNode),
      subjectAltName,
      validFromSeconds: time(der, notBefore),
      validToSeconds: time(der, notAfter),
      // X509_check_ca() == 1: basicConstraints says CA, and a keyUsage, if any, allows signing certificates.
      ca: basicConstraintsCa === true && keyCertSign !== false,
      extKeyUsage,
      serialNumber: serial(der, serialNode),
      fingerprint256: createHash("sha256").update(der).digest("hex"),
    };
  } catch {
    // Unsupported, or DER this reader does not follow: node:crypto decides (and may refuse it).
    return null;
  }
}

/** The same facts from node:crypto: for the certificates certificateFacts leaves to it. */
export function cryptoCertificateFacts(c: X509Certificate): X509Facts {
  return {
    subject: c.subject,
    issuer: c.issuer,
    subjectAltName: c.subjectAltName,
    validFromSeconds: Math.floor(Date.parse(c.validFrom) / 1000),
    validToSeconds: Math.floor(Date.parse(c.validTo) / 1000),
    ca: c.ca,
    extKeyUsage: c.keyUsage,
    serialNumber: c.serialNumber,
    fingerprint256: c.fingerprint256.replace(/:/g, "").toLowerCase(),
  };
}
