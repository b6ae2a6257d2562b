/**
 * Public keys read from DER (src/loader/formats/public-key.ts) against node:crypto (OpenSSL),
 * the reader they replace: every certificate and key in the repository and in
 * test/fixtures/pki/key-types (RSA PKCS#1 and PKCS#8, EC SEC1 and PKCS#8 on three curves, an
 * EC key with a compressed point and one with explicit parameters, Ed25519, RSA-PSS).
 */
import { createHash, createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { keyMatchesCertificate, matchKeys, readPem, type PemContents } from "../src/loader/formats/pem.js";
import { certificatePublicKey, privateKeyPublicKey } from "../src/loader/formats/public-key.js";
import { filesContaining, ROOT } from "./helpers.js";

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

const FILES = [...filesContaining(join(ROOT, "examples"), "-----BEGIN "), ...filesContaining(join(ROOT, "test/fixtures"), "-----BEGIN ")];
const KEY_TYPES = join(ROOT, "test/fixtures/pki/key-types");

function spkiHash(key: KeyObject): string {
  return createHash("sha256")
    .update(key.export({ type: "spki", format: "der" }))
    .digest("hex");
}

function openssl(key: KeyObject): { type: string; bits: number | null; curve: string | null; sha256: string } {
  const details = key.asymmetricKeyDetails ?? {};
  return { type: key.asymmetricKeyType ?? "unknown", bits: details.modulusLength ?? null, curve: details.namedCurve ?? null, sha256: spkiHash(key) };
}

function blocks(path: string): { label: string; block: string; der: Buffer }[] {
  const text = readFileSync(path, "latin1");
  return [...text.matchAll(BLOCK)].map((m) => ({
    label: m[1] as string,
    block: m[0],
    der: Buffer.from((m[2] as string).replace(/^[A-Za-z-]+:.*$/gm, ""), "base64"),
  }));
}

test("certificates: the DER reading gives what OpenSSL gives, or defers to it", () => {
  let decided = 0;
  let deferred = 0;
  for (const path of FILES) {
    for (const { label, block } of blocks(path)) {
      if (label !== "CERTIFICATE") continue;
      const certificate = new X509Certificate(block);
      const ours = certificatePublicKey(new Uint8Array(certificate.raw));
      if (ours === null) {
        deferred++;
        continue;
      }
      decided++;
      assert.equal(ours, openssl(certificate.publicKey), path);
    }
  }
  assert.ok(decided >= 50, `${decided} certificates read from DER`);
  assert.is(deferred, 1, "only the RSA-PSS certificate is left to OpenSSL");
});

test("private keys: the DER reading gives what OpenSSL gives, or defers to it", () => {
  const deferredNames: string[] = [];
  let decided = 0;
  for (const path of FILES) {
    for (const { label, block, der } of blocks(path)) {
      if (!label.endsWith("PRIVATE KEY") || label.startsWith("ENCRYPTED") || block.includes("ENCRYPTED")) continue;
      const ours = privateKeyPublicKey(label, der);
      if (ours === null) {
        deferredNames.push(path.slice(path.lastIndexOf("/") + 1));
        continue;
      }
      decided++;
      assert.equal(ours, openssl(createPublicKey(createPrivateKey(block))), path);
    }
  }
  assert.ok(decided >= 40, `${decided} keys read from DER`);
  assert.equal(deferredNames.sort(), ["ec-p256-explicit-key.pem", "ec-p384-compressed-key.pem", "ed25519-key.pem", "rsa-pss-key.pem"]);
});

test("key-to-certificate matching agrees with OpenSSL's checkPrivateKey for every pair", () => {
  const read = (name: string): PemContents => readPem(readFileSync(join(KEY_TYPES, name), "latin1"));
  const names = readdirSync(KEY_TYPES);
  const keys = names.filter((n) => n.endsWith("-key.pem"));
  const certificates = names.filter((n) => n.endsWith("-cert.pem"));
  let matches = 0;
  for (const keyName of keys) {
    const key = read(keyName);
    const keyObject = createPrivateKey(readFileSync(join(KEY_TYPES, keyName)));
    for (const certificateName of certificates) {
      const certificate = read(certificateName);
      const expected = new X509Certificate(readFileSync(join(KEY_TYPES, certificateName))).checkPrivateKey(keyObject);
      assert.is(keyMatchesCertificate(key, certificate), expected, `${keyName} / ${certificateName}`);
      if (expected) matches++;
    }
  }
  // Every key has its certificate; the compressed-point and explicit-parameter keys share the P-384 and P-256 ones.
  assert.is(matches, keys.length);
});

test("matchKeys (by hash, OpenSSL only where a hash cannot decide) finds exactly the pairs checkPrivateKey accepts", () => {
  const read = (name: string): PemContents => readPem(readFileSync(join(KEY_TYPES, name), "latin1"));
  const names = readdirSync(KEY_TYPES);
  const keys = names.filter((n) => n.endsWith("-key.pem"));
  const certificates = names.filter((n) => n.endsWith("-cert.pem"));
  const found = matchKeys(keys.map(read), certificates.map(read));
  keys.forEach((keyName, k) => {
    const keyObject = createPrivateKey(readFileSync(join(KEY_TYPES, keyName)));
    const expected = certificates.flatMap((certificateName, c) =>
      new X509Certificate(readFileSync(join(KEY_TYPES, certificateName))).checkPrivateKey(keyObject) ? [c] : [],
    );
    assert.equal(found[k], expected, keyName);
  });
});

test("a key whose DER is damaged is reported broken, as OpenSSL reports it", () => {
  const good = readFileSync(join(KEY_TYPES, "rsa-pkcs8-key.pem"), "latin1");
  const lines = good.split("\n");
  lines[3] = `!!!!${(lines[3] as string).slice(4)}`;
  const pem = readPem(lines.join("\n"));
  assert.equal(pem.keys, []);
  assert.equal(pem.broken, ["PRIVATE KEY"]);
});

test.run();
