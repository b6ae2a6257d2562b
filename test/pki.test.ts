/** Certificates and keys: facts, modes and owners, key matching; never key material. */
import { chmodSync, copyFileSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { discoverHosts } from "../src/loader/discover.js";
import { Tree } from "../src/loader/fs.js";
import type { HostDocument, PkiFile } from "../src/model/host.js";
import { assertHostDocument, renderDiagnostic } from "../src/index.js";
import { readPem, signedBy, type PemContents } from "../src/loader/formats/pem.js";
import { ROOT, tree, loadBuilt } from "./helpers.js";

const PKI = join(ROOT, "test/fixtures/pki");
const NOW = 1795000000;

function host(files: Record<string, string>, modes: Record<string, number>, qemuConf = ""): HostDocument {
  const dir = tree({
    "etc/libvirt/qemu.conf": qemuConf,
    "etc/passwd": "root:x:0:0:root:/root:/bin/bash\nqemu:x:107:107:qemu user:/:/sbin/nologin\n",
    "etc/group": "root:x:0:\nqemu:x:107:\n",
  });
  for (const [path, source] of Object.entries(files)) copyInto(dir, path, source);
  for (const [path, mode] of Object.entries(modes)) chmodSync(join(dir, path), mode);
  const t = new Tree(dir);
  const { document, diagnostics } = loadBuilt(t, discoverHosts(t, "h")[0]!, { scanTime: NOW, modesMeaningful: true });
  assert.equal(diagnostics, []);
  assertHostDocument(document);
  return document;
}

function copyInto(dir: string, path: string, fixture: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  copyFileSync(join(PKI, fixture), join(dir, path));
}

const file = (doc: HostDocument, path: string): PkiFile => {
  const found = doc.pki.files.find((f) => f.path === path);
  assert.ok(found, path);
  return found!;
};

test("QEMU's default folder: certificate facts, key facts and matches, modes and owners", () => {
  const doc = host(
    {
      "etc/pki/qemu/ca-cert.pem": "ca-cert.pem",
      "etc/pki/qemu/server-cert.pem": "compute-1-cert.pem",
      "etc/pki/qemu/server-key.pem": "compute-1-key.pem",
      "etc/pki/qemu/client-cert.pem": "compute-2-cert.pem",
      "etc/pki/qemu/client-key.pem": "compute-1-key.pem",
    },
    { "etc/pki/qemu/server-key.pem": 0o604, "etc/pki/qemu/client-key.pem": 0o640 },
  );
  assert.equal(doc.pki.qemu.migrate_dir, { host_path: "/etc/pki/qemu", path: "etc/pki/qemu", exists: true, source: "default" });
  const cert = file(doc, "etc/pki/qemu/server-cert.pem").certificates![0]!;
  assert.equal(
    { ...cert, serial: "-", fingerprint_sha256: "-", public_key_sha256: "-", not_before: 0, not_after: 0, signed_by: ["-"] },
    {
      subject: "O=Example Cloud,CN=compute-1.example.org",
      issuer: "O=Example Cloud,CN=Migration CA",
      san_dns: ["compute-1.example.org", "compute-1"],
      san_ip: [],
      not_before: 0,
      not_after: 0,
      is_ca: false,
      self_issued: false,
      key_type: "rsa",
      key_bits: 2048,
      curve: null,
      signature_algorithm: "sha256WithRSAEncryption",
      key_usage: ["digitalSignature", "keyEncipherment"],
      key_usage_critical: true,
      basic_constraints_critical: true,
      ext_key_usage: ["serverAuth", "clientAuth"],
      ext_key_usage_critical: false,
      serial: "-",
      fingerprint_sha256: "-",
      public_key_sha256: "-",
      signed_by: ["-"],
    },
  );
  assert.equal(cert.signed_by?.length, 1);
  assert.ok(cert.not_after - cert.not_before > 99 * 365 * 86400);
  const key = file(doc, "etc/pki/qemu/server-key.pem");
  assert.equal(
    { mode: key.mode, owner: key.owner, group: key.group, kind: key.kind },
    { mode: 0o604, owner: process.getuid?.() === 0 ? "root" : null, group: process.getgid?.() === 0 ? "root" : null, kind: "private-key" },
  );
  assert.equal(key.key, { type: "rsa", bits: 2048, curve: null, encrypted: false, public_key_sha256: cert.public_key_sha256 });
  assert.equal(key.matches, ["etc/pki/qemu/server-cert.pem"]);
  assert.equal(file(doc, "etc/pki/qemu/client-key.pem").matches, ["etc/pki/qemu/server-cert.pem"]);
  const ca = file(doc, "etc/pki/qemu/ca-cert.pem").certificates![0]!;
  assert.equal([ca.is_ca, ca.self_issued, ca.key_usage, ca.key_bits], [true, true, ["keyCertSign", "cRLSign"], 3072]);
});

test("weak, expired, EC and encrypted material is described, not read out", () => {
  const doc = host(
    {
      "etc/pki/libvirt/servercert.pem": "weak-cert.pem",
      "etc/pki/libvirt/private/serverkey.pem": "weak-key.pem",
      "etc/pki/libvirt/clientcert.pem": "ec-cert.pem",
      "etc/pki/libvirt/private/clientkey.pem": "encrypted-key.pem",
      "etc/pki/CA/cacert.pem": "ca-cert.pem",
      "etc/pki/CA/private/cakey.pem": "ca-key.pem",
    },
    {},
  );
  const weak = file(doc, "etc/pki/libvirt/servercert.pem").certificates![0]!;
  assert.equal([weak.key_bits, weak.signature_algorithm, weak.not_after, weak.key_usage], [1024, "sha1WithRSAEncryption", 1577836800, null]);
  const ec = file(doc, "etc/pki/libvirt/clientcert.pem").certificates![0]!;
  assert.equal([ec.key_type, ec.curve, ec.signature_algorithm], ["ec", "prime256v1", "ecdsaWithSHA256"]);
  assert.equal(file(doc, "etc/pki/libvirt/private/clientkey.pem").key, { type: "unknown", bits: null, curve: null, encrypted: true, public_key_sha256: null });
  assert.equal(file(doc, "etc/pki/CA/private/cakey.pem").matches, ["etc/pki/CA/cacert.pem"]);
  const text = JSON.stringify(doc);
  assert.not.match(text, /PRIVATE KEY|BEGIN/);
  for (const name of ["weak-key.pem", "ca-key.pem", "encrypted-key.pem"]) {
    const body = readFileSync(join(PKI, name), "utf8").split("\n")[1]!;
    assert.not.ok(text.includes(body.slice(0, 40)), `${name} material in the document`);
  }
});

test("an explicit migrate folder, and /etc/pki/libvirt-migrate preferred when it exists", () => {
  const explicit = host({ "srv/migrate/ca-cert.pem": "ca-cert.pem" }, {}, 'migrate_tls_x509_cert_dir = "/srv/migrate"\n');
  assert.equal(explicit.pki.qemu.migrate_dir, { host_path: "/srv/migrate", path: "srv/migrate", exists: true, source: "explicit" });
  const libvirtMigrate = host({ "etc/pki/libvirt-migrate/ca-cert.pem": "ca-cert.pem" }, {});
  assert.equal(libvirtMigrate.pki.qemu.migrate_dir.source, "libvirt-migrate");
});

test("modes that are not the host's are not reported", () => {
  const dir = tree({ "etc/libvirt/qemu.conf": "" });
  copyInto(dir, "etc/pki/qemu/server-key.pem", "compute-1-key.pem");
  const t = new Tree(dir);
  const { document } = loadBuilt(t, discoverHosts(t, "h")[0]!, { scanTime: NOW, modesMeaningful: false });
  assert.equal(document.pki.modes, "not-meaningful");
  assert.equal([document.pki.files[0]!.mode, document.pki.files[0]!.owner], [null, null]);
});

test("certificate and key files nothing can use are said, whether or not a setting names them", () => {
  const root = tree({
    "etc/libvirt/qemu.conf": "",
    "etc/pki/qemu/ca-cert.pem": "",
    "etc/pki/qemu/server-cert.pem": "\u0000\u0001garbage\n",
    "etc/pki/qemu/README": "notes, not a certificate\n",
    "etc/pki/libvirt/servercert.pem": "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n",
  });
  symlinkSync("loop-b.pem", join(root, "etc/pki/qemu/loop-a.pem"));
  symlinkSync("loop-a.pem", join(root, "etc/pki/qemu/loop-b.pem"));
  const t = new Tree(root);
  const { diagnostics } = loadBuilt(t, discoverHosts(t, "h")[0]!);
  const said = diagnostics.filter((d) => d.code === "pki-file-unusable").map((d) => `${d.location.file}: ${renderDiagnostic(d).message}`);
  assert.equal(said.length, 5, said.join("\n"));
  assert.ok(said.some((line) => line.startsWith("etc/pki/qemu/ca-cert.pem:") && line.endsWith("it is empty")));
  assert.ok(said.some((line) => line.startsWith("etc/pki/qemu/server-cert.pem:") && line.endsWith("it holds no PEM block")));
  assert.ok(said.some((line) => line.startsWith("etc/pki/libvirt/servercert.pem:") && line.includes("its PEM blocks cannot be read")));
  assert.ok(said.some((line) => line.startsWith("etc/pki/qemu/loop-a.pem:") && line.includes("cannot be read")));
  assert.not.ok(said.some((line) => line.includes("README")));
});

const pemOf = (fixture: string): PemContents => readPem(readFileSync(join(PKI, fixture), "latin1"));
const handleOf = (fixture: string) => pemOf(fixture).certificateHandles[0]!;

test("a certificate's signer is the CA whose key verifies its signature, not one with the same name", () => {
  assert.ok(signedBy(handleOf("compute-1-cert.pem"), handleOf("ca-cert.pem")));
  assert.ok(signedBy(handleOf("weak-cert.pem"), handleOf("ca-cert.pem")), "SHA-1 signatures are still verified");
  assert.ok(signedBy(handleOf("rogue-compute-3-cert.pem"), handleOf("rogue-ca-cert.pem")));
  assert.equal(pemOf("rogue-ca-cert.pem").certificates[0]!.subject, pemOf("ca-cert.pem").certificates[0]!.subject);
  assert.not.ok(signedBy(handleOf("rogue-compute-3-cert.pem"), handleOf("ca-cert.pem")), "same issuer name, other key");
  assert.not.ok(signedBy(handleOf("compute-1-cert.pem"), handleOf("rogue-ca-cert.pem")));
  // Every signature algorithm the key-types fixtures use: each is self-signed.
  for (const name of ["rsa", "rsa-1024", "rsa-pss", "ec-p256", "ec-p384", "ed25519"]) {
    assert.ok(signedBy(handleOf(`key-types/${name}-cert.pem`), handleOf(`key-types/${name}-cert.pem`)), name);
    assert.not.ok(signedBy(handleOf(`key-types/${name}-cert.pem`), handleOf("ca-cert.pem")), `${name} by another key`);
  }
});

test("the host document names each certificate's signers among the host's CA certificates", () => {
  const doc = host(
    {
      "etc/pki/qemu/ca-cert.pem": "ca-cert.pem",
      "etc/pki/qemu/server-cert.pem": "compute-1-cert.pem",
      "etc/pki/qemu/client-cert.pem": "rogue-compute-3-cert.pem",
    },
    {},
  );
  const ca = file(doc, "etc/pki/qemu/ca-cert.pem").certificates![0]!;
  assert.equal(file(doc, "etc/pki/qemu/server-cert.pem").certificates![0]!.signed_by, [ca.public_key_sha256]);
  assert.equal(file(doc, "etc/pki/qemu/client-cert.pem").certificates![0]!.signed_by, []);
  assert.equal(ca.signed_by, [ca.public_key_sha256], "a self-signed CA signed itself");
});

test.run();
