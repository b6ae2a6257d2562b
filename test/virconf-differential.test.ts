/**
 * Differential test: every libvirtd.conf and qemu.conf in the corpus is read by our
 * virConf parser and by the augeas lenses libvirt ships (libvirtd.aug,
 * libvirtd_qemu.aug, through Debian's augtool). Where the lens reads a file, every
 * entry agrees in order, name and value. The lenses are stricter than libvirt's own
 * parser (src/util/virconf.c); each file only the lens refuses is listed below with
 * what libvirt does instead, and our parser must do that.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseVirConf, type VirValue } from "../src/loader/formats/virconf.js";
import { buildVirConfConfig } from "../src/document/virconf-config.js";
import { LIBVIRTD_OPTIONS, QEMU_OPTIONS } from "../src/document/options/libvirt.js";
import { EXAMPLES, ROOT } from "./helpers.js";

const LENS_DIR = join(ROOT, ".tools/lenses/usr/share/augeas/lenses");
const corpus = join(ROOT, "test/corpus/libvirt");

/** Files the lens refuses but libvirt reads: what libvirt does with them (virconf.c, qemu_conf.c). */
const LENS_STRICTER: Record<string, { reason: string; check: (file: string) => void }> = {
  "libvirtd-trailing-comment.conf": {
    reason: "virConfParseStatement skips a '#' comment after the value; the lens has no trailing comments",
    check: (file) => assert.equal(entries(file), [["listen_tls", "0"]]),
  },
  "libvirtd-single-quotes.conf": {
    reason: "virConfParseString takes '...' as well as \"...\"; the lens only double quotes",
    check: (file) => assert.equal(entries(file), [["auth_tcp", "sasl"]]),
  },
  "libvirtd-semicolon.conf": {
    reason: "virConfParseSeparator accepts ';' between statements; the lens needs a newline",
    check: (file) =>
      assert.equal(entries(file), [
        ["listen_tcp", "1"],
        ["auth_tcp", "sasl"],
      ]),
  },
  "qemu-bool-as-string.conf": {
    reason: "virconf parses the string; the daemon's virConfGetValueBool then refuses it ('expected a bool')",
    check: (file) => assert.is(typeError(file, "default_tls_x509_verify"), "expected a bool"),
  },
  "qemu-bool-out-of-range.conf": {
    reason: "virconf parses the integer; virConfGetValueBool refuses any value but 0 or 1",
    check: (file) => assert.is(typeError(file, "migrate_tls_x509_verify"), "must be 0 or 1"),
  },
};

const lensOf = (name: string) => (name.startsWith("qemu") ? "Libvirtd_qemu.lns" : "Libvirtd.lns");

const files = [
  ...readdirSync(corpus)
    .sort()
    .map((name) => join(corpus, name)),
  join(EXAMPLES, "guide-2019-fleet/compute-1/etc/libvirt/libvirtd.conf"),
  join(EXAMPLES, "guide-2019-fleet/compute-1/etc/libvirt/qemu.conf"),
];

const text = (file: string) => readFileSync(file, "utf8");
const flat = (value: VirValue): string | string[] => (value.type === "list" ? value.value.map((v) => String(v.value)) : String(value.value));
const entries = (file: string) => {
  const parsed = parseVirConf(text(file), file);
  assert.is(parsed.error, undefined, `${file}: ${parsed.error?.message}`);
  return parsed.entries.map((e) => [e.name, flat(e.value)]);
};
const typeError = (file: string, name: string) =>
  buildVirConfConfig(parseVirConf(text(file), file), file.includes("qemu") ? QEMU_OPTIONS : LIBVIRTD_OPTIONS, "daemon").config.options[name]?.invalid;

/** augtool's reading of each file: its entries in order, or null when the lens refuses it. */
function augeas(lens: string, paths: string[]): Map<string, [string, string | string[]][] | null> {
  const transforms = paths.flatMap((p) => ["-t", `${lens} incl ${p}`]);
  const out = execFileSync("augtool", ["--noautoload", "-I", LENS_DIR, ...transforms, "print /files\nprint /augeas//error\n"], {
    maxBuffer: 64 << 20,
  }).toString();
  const result = new Map<string, [string, string | string[]][] | null>();
  for (const path of paths) {
    if (out.includes(`/augeas/files${path}/error = `)) {
      result.set(path, null);
      continue;
    }
    const found: [string, string | string[]][] = [];
    for (const line of out.split("\n")) {
      if (!line.startsWith(`/files${path}/`)) continue;
      const match = /^([^/#][^/]*?)(?:\[\d+\])?(?:\/(\d+))?(?: = "(.*)")?$/.exec(line.slice(`/files${path}/`.length));
      if (!match) continue;
      const [, name, index, value] = match;
      if (index === undefined) found.push([name!, value ?? []]);
      else (found.at(-1)![1] as string[]).push(value!);
    }
    result.set(path, found);
  }
  return result;
}

const readings = new Map([
  ...augeas(
    "Libvirtd.lns",
    files.filter((f) => lensOf(f.split("/").pop()!) === "Libvirtd.lns"),
  ),
  ...augeas(
    "Libvirtd_qemu.lns",
    files.filter((f) => lensOf(f.split("/").pop()!) === "Libvirtd_qemu.lns"),
  ),
]);

for (const file of files) {
  const name = file.split("/").pop()!;
  const label = file.startsWith(corpus) ? name : file.slice(ROOT.length + 1);
  test(`virConf and libvirt's augeas lens agree: ${label}`, () => {
    const lens = readings.get(file);
    const known = LENS_STRICTER[name];
    if (lens === null) {
      if (known) {
        known.check(file);
        return;
      }
      assert.ok(parseVirConf(text(file), file).error, "the lens refuses this file, and so must libvirt's parser");
      return;
    }
    assert.not.ok(known, "listed as refused by the lens, but the lens reads it");
    assert.equal(entries(file), lens);
  });
}

test("the corpus has files both refuse, files only the lens refuses, and lists", () => {
  const values = [...readings.values()];
  assert.ok(values.filter((v) => v === null).length > Object.keys(LENS_STRICTER).length);
  assert.ok(values.some((v) => v?.some(([, value]) => Array.isArray(value) && value.length > 2)));
});

test.run();
