/**
 * Certificates read from DER (src/loader/formats/x509.ts) against node:crypto's X509Certificate
 * (OpenSSL), the reader it replaces: every certificate in the repository, and
 * test/fixtures/pki/x509-shapes (many name attributes, every kind of alternative name, a
 * GeneralizedTime validity, a CA whose keyUsage forbids signing certificates, RFC 2253
 * escapes, UTF-8 names, a multi-valued RDN, a v1 certificate, extended key usages).
 */
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readPem } from "../src/loader/formats/pem.js";
import { certificateFacts, cryptoCertificateFacts } from "../src/loader/formats/x509.js";
import { filesContaining, ROOT } from "./helpers.js";

const BLOCK = /-----BEGIN CERTIFICATE-----\r?\n([\s\S]*?)-----END CERTIFICATE-----/g;
const SHAPES = join(ROOT, "test/fixtures/pki/x509-shapes");

function blocks(path: string): { block: string; der: Uint8Array }[] {
  return [...readFileSync(path, "latin1").matchAll(BLOCK)].map((m) => ({ block: m[0], der: Buffer.from(m[1] as string, "base64") }));
}

const MARKER = "-----BEGIN CERTIFICATE-----";
const FILES = [...filesContaining(join(ROOT, "examples"), MARKER), ...filesContaining(join(ROOT, "test/fixtures"), MARKER)];

test("every certificate: what the DER reading gives is what X509Certificate gives, or it defers", () => {
  const deferred: string[] = [];
  let decided = 0;
  for (const path of FILES) {
    for (const { block, der } of blocks(path)) {
      const ours = certificateFacts(der);
      if (ours === null) {
        deferred.push(path.slice(path.lastIndexOf("/") + 1));
        continue;
      }
      decided++;
      assert.equal(ours, cryptoCertificateFacts(new X509Certificate(block)), path);
    }
  }
  assert.ok(decided >= 55, `${decided} certificates read from DER`);
  assert.equal(deferred.sort(), ["escaped-names-cert.pem", "multi-valued-rdn-cert.pem", "san-kinds-cert.pem"]);
});

test("the shapes that matter are read, not deferred", () => {
  for (const name of [
    "many-attributes-cert.pem",
    "generalized-time-cert.pem",
    "ca-without-certsign-cert.pem",
    "utf8-name-cert.pem",
    "v1-self-signed-cert.pem",
    "eku-cert.pem",
    "san-v4-only-cert.pem",
  ]) {
    const [first] = blocks(join(SHAPES, name));
    assert.ok(first && certificateFacts(first.der) !== null, name);
  }
});

test("a deferred certificate still gets its facts, through node:crypto", () => {
  const pem = readPem(readFileSync(join(SHAPES, "san-kinds-cert.pem"), "latin1"));
  assert.equal(pem.broken, []);
  assert.equal(pem.certificates[0]?.san_dns, ["compute-8.example.org", "*.migration.example.org"]);
  assert.equal(pem.certificates[0]?.san_ip, ["192.0.2.8", "2001:DB8:0:0:0:0:0:8"]);
});

test("a damaged certificate is reported broken", () => {
  const text = readFileSync(join(SHAPES, "eku-cert.pem"), "latin1").replace(/\n[A-Za-z0-9+/]{10}/, "\n!!!!!!!!!!");
  const pem = readPem(text);
  assert.equal(pem.certificates, []);
  assert.equal(pem.broken, ["CERTIFICATE"]);
});

test.run();
