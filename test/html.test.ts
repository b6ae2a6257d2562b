/**
 * The HTML report: self-contained, escaped, and what a browser shows. Each example fleet's
 * report is rendered by headless Chromium (Debian's chromium, installed by the test setup
 * when run as root), which writes a screenshot and the DOM after the page's script ran; the
 * checks read that DOM: the fleet's answer, one row a host, the matrix cells, each finding.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { CHANNELS, type Finding, formatter, loadCatalogue, type ScanResult, scanPath } from "../src/index.js";
import { TOOL } from "../src/report/tool.js";
import { CLI, EXAMPLES, ROOT, tree } from "./helpers.js";

const OUT = join(ROOT, "build", "test-html");
mkdirSync(OUT, { recursive: true });
const html = (result: ScanResult) => formatter("html")({ result, catalogue: loadCatalogue(), tool: TOOL });

/** Chromium's DOM of a page after its script ran (and a screenshot, when asked). */
function browse(file: string, fragment = "", screenshot?: string): { dom: string; ms: number } {
  const profile = mkdtempSync(join(tmpdir(), "migpolicy-chromium-"));
  const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", `--user-data-dir=${profile}`, "--window-size=1400,1000"];
  const url = `${pathToFileURL(file).href}${fragment}`;
  if (screenshot !== undefined) execFileSync("chromium", [...flags, `--screenshot=${screenshot}`, url], { stdio: "ignore", timeout: 120_000 });
  const started = Date.now();
  const dom = execFileSync("chromium", [...flags, "--dump-dom", url], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
    stdio: ["ignore", "pipe", "ignore"],
    timeout: 120_000,
  });
  return { dom, ms: Date.now() - started };
}

/** The elements of `tag` in a serialized DOM with the attribute `name` (their opening tags). */
const openingTags = (dom: string, tag: string): string[] => dom.match(new RegExp(`<${tag}\\b[^>]*>`, "g")) ?? [];
const textOf = (fragment: string): string =>
  fragment
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

/** The matrix rows of the DOM: each row's cells as text, and whether it is hidden. */
function matrixRows(dom: string): { hidden: boolean; cells: string[] }[] {
  const body = dom.slice(dom.indexOf('<table id="matrix"'));
  const tbody = body.slice(body.indexOf("<tbody>"), body.indexOf("</tbody>"));
  return (tbody.match(/<tr\b[\s\S]*?<\/tr>/g) ?? []).map((row) => ({
    hidden: /^<tr\b[^>]*\bhidden\b/.test(row),
    cells: (row.match(/<t[hd]\b[\s\S]*?<\/t[hd]>/g) ?? []).map(textOf),
  }));
}

const STATUS_WORDS = { protected: "protected", unprotected: "not protected", unknown: "unknown", "not-applicable": "not applicable" } as const;

test("the page makes no external request: inline style and script, a policy that allows nothing else", async () => {
  const page = html(await scanPath(join(EXAMPLES, "guide-2019-fleet"), { fileModes: "ignore" }));
  assert.match(page, /^<!DOCTYPE html>/);
  assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'/);
  assert.not.match(page, /<link\b|<img\b|<iframe\b|\bsrc=|@import|url\(/i);
  assert.is(openingTags(page, "script").length, 1);
  // Links are for people to follow (the rules' pages), never loaded by the page.
  for (const [, href] of page.matchAll(/href="([^"]*)"/g)) assert.ok(href!.startsWith("#") || href!.startsWith("https://github.com/migpolicy/migpolicy"), href);
});

for (const name of ["guide-2019-fleet", "secure-fleet", "broken-pki-fleet", "fleet-of-fleets", "ossn-0007-fleet"]) {
  test(`in headless Chromium, ${name}: the fleet's answer, one row a host with its channels, each finding`, async () => {
    const result = await scanPath(join(EXAMPLES, name), { fileModes: "ignore" });
    const file = join(OUT, `${name}.html`);
    writeFileSync(file, html(result));
    const screenshot = join(OUT, `${name}.png`);
    const { dom } = browse(file, "", screenshot);
    assert.ok(readFileSync(screenshot).subarray(1, 4).toString() === "PNG" && statSync(screenshot).size > 10_000, "a screenshot");
    const secure = result.hosts.filter((h) => h.verdict.summary === "encrypted and authenticated").length;
    assert.match(dom, new RegExp(`<h1>Live migration: ${secure} of ${result.hosts.length} hosts encrypted and authenticated</h1>`));
    const counts = new Map<string, number>();
    for (const h of result.hosts) counts.set(h.verdict.summary, (counts.get(h.verdict.summary) ?? 0) + 1);
    for (const [summary, n] of counts) assert.match(dom, new RegExp(`data-verdict="${summary}"><b>${n}</b>`), summary);
    // The script ran: the filters are shown, every row is on the first page.
    assert.not.match(openingTags(dom, "form")[0] ?? "", /\bhidden\b/);
    const rows = matrixRows(dom);
    assert.is(rows.length, result.hosts.length);
    result.hosts.forEach((host, i) => {
      const row = rows[i]!;
      assert.not.ok(row.hidden);
      assert.ok(row.cells[0]!.startsWith(host.name) && row.cells[0]!.endsWith(host.root), row.cells[0]);
      assert.ok(row.cells[1]!.startsWith(host.verdict.summary), row.cells[1]);
      CHANNELS.forEach((channel, c) => {
        const { status, by } = host.verdict[channel];
        const mark = { protected: "✓", unprotected: "✗", unknown: "?", "not-applicable": "–" }[status];
        assert.is(row.cells[2 + c], `${mark}${STATUS_WORDS[status]}${by}`, `${host.root} ${channel}`);
      });
      const findings = result.findings.filter((f) => f.root === host.root && f.suppression === undefined);
      assert.is(row.cells[7], String(findings.length));
    });
    // Each host's findings in its section, each with its rule's page.
    const sections = dom
      .split('<details class="host"')
      .slice(1)
      // Up to its first inner <details> (accepted, not evaluated) or its end: its findings.
      .map((section) => section.slice(0, section.search(/<details>|<\/details>/)));
    assert.is(sections.length, result.hosts.length);
    result.hosts.forEach((host, i) => {
      const items = sections[i]!.match(/<li class="sev-[a-z]+" data-rule="([^"]+)"/g) ?? [];
      const expected = result.findings.filter((f) => f.root === host.root && f.suppression === undefined).map((f) => `data-rule="${f.rule}"`);
      assert.equal(
        items.map((item) => item.slice(item.indexOf("data-rule"))),
        expected,
        host.root,
      );
    });
    const fleet = result.findings.filter((f) => f.root === null);
    if (fleet.length > 0) {
      const items = (dom.split('<section id="fleet">')[1] ?? "").split("</section>")[0]!.split('<li class="sev-').slice(1);
      assert.is(items.length, fleet.length);
      // Each with the hosts it involves, and those hosts found by the matrix's rule filter.
      for (const item of items) assert.match(item, /<p class="related">hosts: [^<]+<\/p>/);
      for (const f of fleet) assert.match(dom, new RegExp(`<tr[^>]* data-rules="[^"]* ${f.rule} `));
    }
  });
}

test("without JavaScript every row shows: rows past the first page are hidden only by a style that <noscript> undoes", async () => {
  const mixed = await scanPath(join(EXAMPLES, "fleet-of-fleets"), { fileModes: "ignore" });
  const page = html(largeFleet(mixed, 300));
  assert.ok(page.includes("<noscript><style>.later{display:table-row}</style></noscript></head>"));
  const rows = page.slice(page.indexOf("<tbody>"), page.indexOf("</tbody>")).match(/<tr\b[^>]*>/g) ?? [];
  assert.is(rows.length, 300);
  assert.is(rows.filter((row) => row.startsWith('<tr class="later"')).length, 100);
  // Each host's findings open without a click in a fleet this size or smaller, closed in larger ones.
  assert.not.match(html(largeFleet(mixed, 100)), /<details class="host" id="host-\d+">/);
  assert.not.match(page, /<details class="host" id="host-\d+" open>/);
  assert.is(openingTags(page, "form")[0], '<form id="filters" hidden role="search" aria-label="Filter the hosts">');
});

test("markup in host names, file names and values stays text, in the file and in the browser", async () => {
  const evil = `<img src=x onerror=alert(1)>"'<script>alert(2)</script>`;
  const fleet = tree({});
  const host = join(fleet, "x<b>bold");
  execFileSync("cp", ["-a", join(EXAMPLES, "guide-2019-fleet/compute-1"), host]);
  writeFileSync(join(host, "etc/hostname"), `${evil}\n`);
  mkdirSync(join(host, "etc/nova/nova.conf.d"), { recursive: true });
  writeFileSync(join(host, "etc/nova/nova.conf.d/<i>x.conf"), `[libvirt]\nlive_migration_uri = qemu+tcp://%s/system?x=<svg/onload=alert(3)>\n`);
  const file = join(OUT, "markup.html");
  const run = spawnSync(process.execPath, [CLI, "eval", fleet, "--format", "html", "--output", file], { encoding: "utf8" });
  assert.ok(run.status === 1, run.stderr);
  const page = readFileSync(file, "utf8");
  assert.ok(page.includes("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&lt;script&gt;"), "the host name, escaped");
  assert.ok(page.includes("x&lt;b&gt;bold"), "the folder name, escaped");
  assert.ok(page.includes("&lt;i&gt;x.conf"), "the file name, escaped");
  assert.not.match(page, /<img|<svg|<i>|<b>bold|<script>alert/);
  assert.is(openingTags(page, "script").length, 1);
  const { dom } = browse(file);
  assert.is(openingTags(dom, "script").length, 1);
  assert.is(openingTags(dom, "img").length + openingTags(dom, "svg").length + openingTags(dom, "b").length - (page.match(/<b>\d+<\/b>/g)?.length ?? 0), 0);
  assert.ok(textOf(dom).includes(evil), "the name reads as it is");
});

/** A fleet of `size` hosts made of the example's hosts under new folders: the report's own scaling, not the scan's. */
function largeFleet(result: ScanResult, size: number): ScanResult {
  const hosts: ScanResult["hosts"] = [];
  const findings: Finding[] = [];
  for (let i = 0; hosts.length < size; i++) {
    for (const host of result.hosts) {
      if (hosts.length === size) break;
      const root = `site-${i}/${host.root}`;
      hosts.push({ ...host, root, name: `${i}.${host.name}` });
      for (const f of result.findings)
        if (f.root === host.root) findings.push({ ...f, root, host: `${i}.${host.name}`, location: { ...f.location, file: `site-${i}/${f.location.file}` } });
    }
  }
  return { hosts, findings, diagnostics: [] };
}

test("10,000 hosts: a few MB per thousand hosts; Chromium opens it, filters from the URL and pages the matching rows", async () => {
  const mixed = await scanPath(join(EXAMPLES, "fleet-of-fleets"), { fileModes: "ignore" });
  const result = largeFleet(mixed, 10_000);
  const file = join(OUT, "large.html");
  writeFileSync(file, html(result));
  const megabytesPerThousand = statSync(file).size / 1e6 / 10;
  assert.ok(megabytesPerThousand < 5, `${megabytesPerThousand.toFixed(2)} MB per 1000 hosts`);
  const expected = result.hosts.filter((h) => h.verdict.summary === "encrypted, not fully authenticated").length;
  const filtered = browse(file, "#verdict=encrypted%2C+not+fully+authenticated&severity=medium");
  const rows = matrixRows(filtered.dom);
  assert.is(rows.length, 10_000);
  const visible = rows.filter((r) => !r.hidden);
  assert.is(visible.length, Math.min(200, expected));
  for (const row of visible) assert.ok(row.cells[1]!.startsWith("encrypted, not fully authenticated"));
  assert.match(filtered.dom, new RegExp(`Hosts 1–200 of ${expected} matching \\(of 10000\\)`));
  const filterMs = Number(/data-filter-ms="([\d.]+)"/.exec(filtered.dom)?.[1]);
  const readyMs = Number(/data-ready-ms="(\d+)"/.exec(filtered.dom)?.[1]);
  assert.ok(filterMs >= 0 && readyMs > 0);
  // Figures, not a timed test: the page says when its matrix could be filtered, and how long a filter took.
  console.log(
    `  10,000 hosts: ${(statSync(file).size / 1e6).toFixed(1)} MB; the matrix filterable ${readyMs} ms after navigation, a filter ${filterMs} ms; Chromium's whole load and DOM dump ${filtered.ms} ms`,
  );
});

test.run();
