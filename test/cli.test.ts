import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compileBundle } from "../src/cli/code-cache.js";
import { CLI, CLI_MODULES, EXAMPLES, ROOT, tree } from "./helpers.js";

/** Every input document written into `dump`, as one text. */
function dumped(dump: string): string {
  return readdirSync(dump)
    .map((f) => readFileSync(join(dump, f), "utf8"))
    .join("");
}

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test("exit 1 with findings, and the text names host, file, line and rule", () => {
  const { code, stdout } = run("eval", join(EXAMPLES, "guide-2019-fleet"));
  assert.is(code, 1);
  assert.match(stdout, /compute-1\.example\.org \(compute-1\): not encrypted\n {2}✗ control +libvirt tcp transport: plain TCP\n/);
  assert.match(stdout, /\n {2}compute-1\/etc\/nova\/nova\.conf\n +5492:1 +high +NOVA-002 /);
  assert.match(stdout, /2 hosts scanned, 0 encrypted and authenticated, 15 findings \(2 high, 7 medium, 6 low\), 0 load problems\n$/);
  assert.not.ok(stdout.includes("\x1b["), "no ANSI escape");
});

test("exit 0 when clean", () => {
  const { code, stdout } = run("eval", join(EXAMPLES, "secure-fleet"));
  assert.is(code, 0);
  assert.match(stdout, /2 hosts scanned, 2 encrypted and authenticated, 0 findings, 0 load problems/);
});

test("exit 2 on usage errors and on a path that is not a folder", () => {
  assert.is(run().code, 2);
  assert.is(run("eval").code, 2);
  assert.is(run("frobnicate").code, 2);
  assert.is(run("eval", EXAMPLES, "--format", "xml").code, 2);
  assert.is(run("eval", EXAMPLES, "--bogus").code, 2);
  const missing = run("eval", join(EXAMPLES, "no-such-folder"));
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /no such folder/);
  assert.is(run("eval", tree({ README: "nothing here" })).code, 2);
});

test("--output writes the file atomically and prints nothing", () => {
  const dir = tree({ "previous.sarif": "old" });
  const target = join(dir, "previous.sarif");
  const { code, stdout } = run("eval", join(EXAMPLES, "guide-2019-fleet"), "--format", "sarif", "--output", target);
  assert.is(code, 1);
  assert.is(stdout, "");
  assert.is((JSON.parse(readFileSync(target, "utf8")) as { version: string }).version, "2.1.0");
  assert.equal(readdirSync(dir), ["previous.sarif"]);
});

test("--output into a missing folder fails with exit 2 and leaves nothing behind", () => {
  const dir = tree({});
  const { code, stderr } = run("eval", join(EXAMPLES, "guide-2019-fleet"), "--output", join(dir, "missing", "out.txt"));
  assert.is(code, 2);
  assert.match(stderr, /migpolicy:/);
  assert.not.ok(existsSync(join(dir, "missing")));
});

test("--output refuses a device, a FIFO, a socket's place, a folder and a dangling link, before scanning, and touches none of them", () => {
  const dir = tree({});
  const fifo = join(dir, "fifo");
  execFileSync("mkfifo", [fifo]);
  symlinkSync(join(dir, "nowhere"), join(dir, "dangling"));
  symlinkSync("/dev/null", join(dir, "to-null"));
  for (const [target, reason] of [
    ["/dev/null", "it is a device"],
    [join(dir, "to-null"), "it is a device"],
    [fifo, "it is a FIFO"],
    [dir, "it is a folder"],
    [join(dir, "dangling"), "it is a link that leads nowhere"],
  ] as const) {
    const { code, stdout, stderr } = run("eval", join(EXAMPLES, "no-such-host"), "--output", target);
    // The path to scan does not exist: the output is checked first, so its error is the one said.
    assert.is(code, 2, target);
    assert.is(stdout, "");
    assert.is(stderr, `migpolicy: ${target}: cannot write the report there: ${reason}\n`);
  }
  assert.ok(statSync("/dev/null").isCharacterDevice());
  assert.ok(statSync(fifo).isFIFO());
  assert.equal(readdirSync(dir).sort(), ["dangling", "fifo", "to-null"]);
});

test("--output - is standard output; through a link to a file the file is replaced and keeps its mode", () => {
  const dashed = run("eval", join(EXAMPLES, "secure-fleet"), "--output", "-");
  assert.is(dashed.code, 0);
  assert.match(dashed.stdout, /2 hosts scanned/);
  const dir = tree({ "report.txt": "old\n" });
  chmodSync(join(dir, "report.txt"), 0o600);
  symlinkSync("report.txt", join(dir, "latest"));
  const { code } = run("eval", join(EXAMPLES, "secure-fleet"), "--output", join(dir, "latest"));
  assert.is(code, 0);
  assert.ok(lstatSync(join(dir, "latest")).isSymbolicLink());
  assert.match(readFileSync(join(dir, "report.txt"), "utf8"), /2 hosts scanned/);
  assert.is(statSync(join(dir, "report.txt")).mode & 0o777, 0o600);
  assert.equal(readdirSync(dir).sort(), ["latest", "report.txt"]);
});

test("control characters from the input reach the text report escaped, never raw", () => {
  const fake = "\x1b[2J\x1b[H0 findings\r\n";
  const dir = tree({
    "etc/hostname": `evil\x1b]0;title\x07host\n`,
    "etc/nova/nova.conf": `[libvirt]\nlive_migration_uri = qemu+tcp://%s/system${fake}\n`,
    "etc/libvirt/libvirtd.conf": "",
  });
  writeFileSync(join(dir, "etc/nova/nova.conf.d-ignored"), "");
  mkdirSync(join(dir, "etc/nova/nova.conf.d"));
  writeFileSync(join(dir, "etc/nova/nova.conf.d", `a${fake}\u202e.conf`), "[libvirt]\nlive_migration_tunnelled = true\n");
  const { stdout } = run("eval", dir);
  // Every line ends in \n; nothing else below U+0020, no DEL, C1 or bidirectional override.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what must not appear.
  assert.not.match(stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  assert.match(stdout, /evil\\x1b\]0;title\\x07host/);
  assert.match(stdout, /a\\x1b\[2J\\x1b\[H0 findings\\x0d\\x0a\\u202e\.conf/);
  // SARIF's messages, which GitHub shows: the same escapes (URIs are percent-encoded).
  const sarif = JSON.parse(run("eval", dir, "--format", "sarif").stdout) as { runs: { results: { message: { text: string } }[] }[] };
  const texts = sarif.runs[0]!.results.map((r) => r.message.text).join("\n");
  assert.ok(texts.includes("\\x1b[2J"), texts);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what must not appear.
  assert.not.match(texts, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
});

test("two hosts under one name: each keeps its own findings, and the name is reported once", () => {
  const dir = tree({});
  cpSync(join(EXAMPLES, "guide-2019-fleet"), dir, { recursive: true });
  writeFileSync(join(dir, "compute-2/etc/hostname"), "compute-1.example.org\n");
  const { stdout } = run("eval", dir);
  const sections = stdout.split(/^(?=compute-1\.example\.org \()/m).filter((part) => part.startsWith("compute-1.example.org ("));
  assert.equal(
    sections.map((section) => /^compute-1\.example\.org \((compute-\d)\)/.exec(section)?.[1]),
    ["compute-1", "compute-2"],
  );
  // Each host's findings under its own header, in its own folder.
  assert.ok(sections[0]!.includes("  compute-1/etc/nova/nova.conf") && !sections[0]!.includes("  compute-2/etc/"));
  assert.ok(sections[1]!.includes("  compute-2/etc/nova/nova.conf"));
  assert.equal(stdout.match(/FLEET-004 .*/g), ["FLEET-004 2 hosts are named compute-1.example.org: compute-1, compute-2"]);
});

test("--dump-input writes one file a host, even when their names meet once made safe for a file name", () => {
  const dir = tree({});
  for (const name of ["a b", "a_b", "a+b"]) cpSync(join(EXAMPLES, "secure-fleet/compute-1"), join(dir, name), { recursive: true });
  const dump = join(dir, "..", `${dir.split("/").pop()}-dump`);
  run("eval", dir, "--dump-input", dump);
  assert.equal(readdirSync(dump).sort(), ["a_b-2.json", "a_b-3.json", "a_b.json"]);
  const roots = readdirSync(dump).map((f) => (JSON.parse(readFileSync(join(dump, f), "utf8")) as { host: { root: string } }).host.root);
  assert.equal(roots.sort(), ["a b", "a+b", "a_b"]);
});

test("eval --help answers with exit 0; bare migpolicy is a usage error on stderr; a reader that stops early ends the run quietly", () => {
  const help = run("eval", "--help");
  assert.is(help.code, 0);
  assert.match(help.stdout, /migpolicy eval <path>/);
  const bare = run();
  assert.is(bare.code, 2);
  assert.is(bare.stdout, "");
  assert.match(bare.stderr, /^Usage:/);
  // | head: the reader goes away after one line; the status is the scan's, and nothing on stderr.
  const piped = spawnSync(
    "sh",
    ["-c", `"${process.execPath}" "${CLI}" eval "${join(EXAMPLES, "ossn-0007-fleet")}" --format sarif | head -c 10 >/dev/null; echo "$?"`],
    {
      encoding: "utf8",
    },
  );
  assert.is(piped.stderr, "");
  const status = spawnSync(
    "bash",
    [
      "-c",
      `set -o pipefail; "${process.execPath}" "${CLI}" eval "${join(EXAMPLES, "ossn-0007-fleet")}" --format sarif 2>&1 | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`,
    ],
    {
      encoding: "utf8",
    },
  );
  assert.is(status.stdout.trim(), "1");
});

test("a scan that finds no host writes no SARIF and no report file, which uploaded would close every alert", () => {
  const empty = tree({ README: "nothing here" });
  const out = join(tree({}), "migpolicy.sarif");
  const toFile = run("eval", empty, "--format", "sarif", "--output", out);
  assert.is(toFile.code, 2);
  assert.not.ok(existsSync(out));
  assert.match(toFile.stderr, /no host found, so no report is written/);
  const toStdout = run("eval", empty, "--format", "sarif");
  assert.is(toStdout.code, 2);
  assert.is(toStdout.stdout, "");
});

test("--fail-on takes any case and never; --rule and --skip-rule take comma lists", () => {
  const fleet = join(EXAMPLES, "guide-2019-fleet");
  assert.is(run("eval", fleet, "--fail-on", "HIGH").code, 1);
  assert.is(run("eval", fleet, "--fail-on", "Critical").code, 0);
  assert.is(run("eval", fleet, "--fail-on", "never").code, 0);
  const only = JSON.parse(run("eval", fleet, "--format", "json", "--rule", "NOVA-002,LV-005").stdout) as { findings: { rule: string }[] };
  assert.equal([...new Set(only.findings.map((f) => f.rule))].sort(), ["LV-005", "NOVA-002"]);
  const skipped = JSON.parse(run("eval", fleet, "--format", "json", "--skip-rule", "NOVA-002, LV-005").stdout) as { findings: { rule: string }[] };
  assert.not.ok(skipped.findings.some((f) => f.rule === "NOVA-002" || f.rule === "LV-005"));
  assert.is(run("eval", fleet, "--rule", "NOVA-002,NOPE-1").code, 2);
});

test("colour: --color decides, else NO_COLOR turns it off and FORCE_COLOR on; a file only when asked", () => {
  const fleet = join(EXAMPLES, "secure-fleet");
  const colored = (args: string[], env: Record<string, string>) => {
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "NO_COLOR" && k !== "FORCE_COLOR")) as Record<string, string>;
    const result = spawnSync(process.execPath, [CLI, "eval", fleet, ...args], { encoding: "utf8", env: { ...base, ...env } });
    return result.stdout.includes("\x1b[");
  };
  assert.is(colored([], {}), false, "not a terminal");
  assert.is(colored([], { FORCE_COLOR: "1" }), true);
  assert.is(colored([], { FORCE_COLOR: "0" }), false);
  assert.is(colored([], { FORCE_COLOR: "1", NO_COLOR: "1" }), false);
  assert.is(colored(["--color", "always"], { NO_COLOR: "1" }), true);
  assert.is(colored(["--color", "never"], { FORCE_COLOR: "1" }), false);
  const out = join(tree({}), "report.txt");
  spawnSync(process.execPath, [CLI, "eval", fleet, "--output", out], { env: { ...process.env, FORCE_COLOR: "1" } });
  assert.not.ok(readFileSync(out, "utf8").includes("\x1b["), "FORCE_COLOR is for terminals and pipes, not report files");
  spawnSync(process.execPath, [CLI, "eval", fleet, "--color", "always", "--output", out]);
  assert.ok(readFileSync(out, "utf8").includes("\x1b["), "--color always colours a file too");
});

test("a mistyped command, option, value or rule id is answered with what was likely meant", () => {
  const first = (...args: string[]) => run(...args).stderr.split("\n")[0];
  assert.is(first("evl", EXAMPLES), 'migpolicy: unknown command "evl" (did you mean "eval"?)');
  assert.is(first("eval", EXAMPLES, "--formt", "json"), 'migpolicy: unknown option --formt (did you mean "--format"?)');
  assert.is(
    first("eval", EXAMPLES, "--format", "jsno"),
    'migpolicy: unknown format "jsno" (did you mean "json"?); use text, sarif, json, compact, markdown, junit, html',
  );
  assert.is(first("eval", EXAMPLES, "--rule", "NOVA-02"), 'migpolicy: unknown rule "NOVA-02" (did you mean "NOVA-002"?); `migpolicy rules` lists them');
  assert.is(first("eval", EXAMPLES, "--format", "xml"), 'migpolicy: unknown format "xml"; use text, sarif, json, compact, markdown, junit, html');
  assert.is(run("evl", EXAMPLES).code, 2);
});

test("the Markdown summary escapes markup from the input: no table broken, no link, no HTML", () => {
  const dir = tree({
    "etc/hostname": "evil|<img src=x onerror=alert(1)>[click](http://e.example)`c`_*\n",
    "etc/libvirt/qemu.conf": "",
    "etc/nova/nova.conf": "[libvirt]\nlive_migration_scheme = tcp\n",
  });
  const { stdout, code } = run("eval", dir, "--format", "markdown");
  assert.is(code, 1);
  const row = stdout.split("\n").find((line) => line.includes("evil"))!;
  assert.ok(row.startsWith("| evil\\|&lt;img src=x onerror=alert(1)&gt;\\[click\\](http://e.example)\\`c\\`\\_\\* ("), row);
  // Every data row of the host table has the table's 7 cells.
  assert.is(row.split(/(?<!\\)\|/).length - 2, 7);
  assert.not.ok(stdout.includes("<img"));
});

test("JUnit XML: a suite a host, a case a selected check; input text is escaped, the XML well formed", () => {
  const dir = tree({ "etc/hostname": "evil\"<x a='1'>&amp;\n", "etc/libvirt/qemu.conf": "" });
  const { stdout } = run("eval", dir, "--format", "junit");
  assert.ok(stdout.includes('<testsuite name="evil&#34;&#60;x a=&#39;1&#39;&#62;&#38;amp; (.)"'), stdout.slice(0, 400));
  // Well formed: outside tags no raw < or >, every & starts a character reference, tags balance.
  const text = stdout.replace(/^<\?xml [^>]*\?>\n/, "");
  const tags = [...text.matchAll(/<(\/?)([a-z-]+)(?:\s+[a-z]+="[^"<>]*")*\s*(\/?)>/g)];
  assert.not.match(text.replace(/<(\/?)([a-z-]+)(?:\s+[a-z]+="[^"<>]*")*\s*(\/?)>/g, ""), /[<>]|&(?!#\d+;)/);
  const open: string[] = [];
  for (const [, close, name, selfClosing] of tags) {
    if (close) assert.is(open.pop(), name);
    else if (!selfClosing) open.push(name!);
  }
  assert.equal(open, []);

  const selected = run("eval", join(EXAMPLES, "guide-2019-fleet"), "--format", "junit", "--rule", "NOVA-002,LV-005").stdout;
  assert.match(selected, /<testsuites name="migpolicy" tests="4" failures="4" errors="0" skipped="0">/);
  assert.equal([...new Set([...selected.matchAll(/name="((?:NOVA|LV)-\d+) /g)].map((m) => m[1]))], ["LV-005", "NOVA-002"]);
});

test("JSON output has the documented shape", () => {
  const report = JSON.parse(run("eval", join(EXAMPLES, "guide-2019-fleet"), "--format", "json").stdout) as {
    report_version: number;
    findings: { rule: string; severity: string; host: string; location: { file: string; line: number } }[];
  };
  assert.is(report.report_version, 1);
  assert.equal(
    report.findings.filter((f) => f.rule === "NOVA-002").map((f) => [f.rule, f.severity, f.host, f.location.file, f.location.line]),
    [
      ["NOVA-002", "high", "compute-1.example.org", "compute-1/etc/nova/nova.conf", 5492],
      ["NOVA-002", "high", "compute-2.example.org", "compute-2/etc/nova/nova.conf", 5492],
    ],
  );
  assert.is(report.findings.length, 15);
});

test("no secret from the scanned files reaches any output format, the input dump or an error", () => {
  const dir = tree({
    "etc/nova/nova.conf":
      "[DEFAULT]\ntransport_url = rabbit://nova:CANARY-A@mq\n[database]\nconnection = mysql://n:CANARY-B@db/nova\n[keystone_authtoken]\npassword = CANARY-E\n[glance]\napi_servers = http://u:CANARY-F@glance\n[libvirt]\nlive_migration_with_native_tls = true\n",
    "etc/nova/nova.conf.d/broken.conf": "[libvirt]\nlive_migration_uri = qemu+ssh://u:CANARY-G@%s/system\n  [indented section after a secret]\n",
    // Secrets through interpolation, libraries' secret options, a token as a URL's user.
    "etc/nova/nova.conf.d/more.conf": [
      "[libvirt]",
      "connection_uri = qemu+tcp://admin:CANARY-I@localhost/system",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: oslo.config's own interpolation syntax, as a nova.conf line.
      "live_migration_scheme = ${libvirt.connection_uri}",
      "[cache]",
      "backend_argument = password:CANARY-J",
      "[profiler]",
      "hmac_keys = CANARY-K",
      "[image_cache]",
      "source = https://CANARY-L@images.example.org/base",
      "[profiler]",
      "connection_string = redis://:CANARY-P/with?odd#chars@redis.example.org:6379",
      "[workarounds]",
      "note = see qemu+tls://CANARY-M:x@%s/system and https://ok.example.org/path@v2",
      "",
    ].join("\n"),
    "etc/libvirt/qemu.conf": 'vnc_password = "CANARY-C"\nspice_password = "CANARY-D\n',
    "etc/libvirt/libvirtd.conf": 'auth_tcp = "none\nCANARY-H"\n',
    "etc/libvirt/virtproxyd.conf": 'access_drivers = [ "https://admin:CANARY-N@policy.example.org/x" ]\nunknown_url = "amqp://u:CANARY-O@mq/"\n',
    "etc/pki/qemu/server-key.pem": readFileSync(join(ROOT, "test/fixtures/pki/compute-1-key.pem"), "utf8"),
  });
  const dump = join(dir, "dump");
  const key = readFileSync(join(ROOT, "test/fixtures/pki/compute-1-key.pem"), "utf8").split("\n")[1]!.slice(0, 30);
  for (const format of ["text", "json", "sarif", "compact", "markdown", "junit", "html"]) {
    const { stdout, stderr } = run("eval", dir, "--format", format, "--dump-input", dump);
    const everything = stdout + stderr + dumped(dump);
    assert.not.match(everything, /CANARY/, format);
    assert.not.ok(everything.includes(key), `${format}: key material`);
    assert.match(everything, /load problem|diagnostics|toolExecutionNotifications|<error|: (error|warning) /i, format);
  }
  assert.ok(readdirSync(dump).length > 0);
});

test("links towards the scanning machine's own files read nothing outside the scanned tree", () => {
  const outside = tree({ "secret.conf": "[libvirt]\nlive_migration_scheme = OUTSIDE-CANARY\n" });
  const dir = tree({ "host/etc/libvirt/qemu.conf": "" });
  mkdirSync(join(dir, "host/etc/nova"), { recursive: true });
  symlinkSync(join(outside, "secret.conf"), join(dir, "host/etc/nova/nova.conf"));
  symlinkSync(`../../../../../../../../../../${join(outside, "secret.conf")}`, join(dir, "host/etc/nova/nova-compute.conf"));
  symlinkSync("/proc/self/environ", join(dir, "host/etc/hostname"));
  symlinkSync("/etc/passwd", join(dir, "host/etc/passwd"));
  const dump = join(dir, "dump");
  for (const format of ["text", "json", "sarif"]) {
    const { stdout, stderr } = run("eval", join(dir, "host"), "--format", format, "--dump-input", dump);
    const everything = stdout + stderr + dumped(dump);
    assert.not.match(everything, /OUTSIDE-CANARY|root:x:0:0|PATH=/, format);
    assert.match(everything, /path-escapes-root|leads above the scanned root/, format);
  }
});

test("rules lists the catalogue; --version and --help answer", () => {
  const { code, stdout } = run("rules");
  assert.is(code, 0);
  for (const id of ["NOVA-002", "NOVA-003", "NOVA-005", "LV-001", "QEMU-001"]) assert.match(stdout, new RegExp(`^${id} `, "m"));
  assert.match(run("--version").stdout, /^\d+\.\d+\.\d+\n$/);
  assert.match(run("--help").stdout, /migpolicy eval <path>/);
});

test("load problems are reported with file and line, and the host is still evaluated", () => {
  const dir = tree({
    "etc/libvirt/libvirtd.conf": "listen_tcp = 1\nauth_tcp = none\n",
    "etc/nova/nova.conf": "[libvirt]\nlive_migration_scheme = tls\n",
  });
  writeFileSync(join(dir, "etc/hostname"), "broken-host\n");
  const { code, stdout } = run("eval", dir);
  assert.is(code, 1);
  assert.match(stdout, /etc\/libvirt\/libvirtd\.conf:2:12 error virconf-parse-error: expecting a value/);
  assert.match(stdout, /NOVA-003/);
});

test("by default only medium and worse fail: a low finding is reported, exit 0; --fail-on low fails on it", () => {
  const dir = tree({});
  cpSync(join(EXAMPLES, "secure-fleet"), dir, { recursive: true });
  const qemuConf = join(dir, "compute-1/etc/libvirt/qemu.conf");
  writeFileSync(qemuConf, `${readFileSync(qemuConf, "utf8")}vnc_password = "console-secret"\n`);
  const clean = run("eval", join(EXAMPLES, "secure-fleet"));
  assert.is(clean.code, 0, clean.stdout);
  const byDefault = run("eval", dir, "--file-modes", "ignore", "--format", "compact");
  assert.is(byDefault.code, 0);
  assert.match(byDefault.stdout, /compute-1\/etc\/libvirt\/qemu\.conf:\d+:1: low QEMU-009:/);
  assert.not.match(byDefault.stdout, /console-secret/);
  assert.is(run("eval", dir, "--file-modes", "ignore", "--fail-on", "low").code, 1);
  assert.is(run("eval", dir, "--file-modes", "ignore", "--fail-on", "LOW").code, 1);
});

test("--fail-on sets the lowest severity that fails", () => {
  const current = join(EXAMPLES, "guide-current-fleet");
  assert.is(run("eval", current, "--fail-on", "high").code, 0);
  assert.is(run("eval", current, "--fail-on", "medium").code, 1);
  assert.is(run("eval", current, "--fail-on", "bogus").code, 2);
});

test("--rule and --skip-rule select findings; an unknown id is a usage error", () => {
  const only = JSON.parse(run("eval", join(EXAMPLES, "guide-2019-fleet"), "--format", "json", "--rule", "NOVA-002").stdout) as { findings: { rule: string }[] };
  assert.equal([...new Set(only.findings.map((f) => f.rule))], ["NOVA-002"]);
  const skipped = JSON.parse(run("eval", join(EXAMPLES, "guide-2019-fleet"), "--format", "json", "--skip-rule", "NOVA-002").stdout) as {
    findings: { rule: string }[];
  };
  assert.not.ok(skipped.findings.some((f) => f.rule === "NOVA-002"));
  assert.is(run("eval", EXAMPLES, "--rule", "NOVA-999").code, 2);
});

test("--quiet leaves out the verdict and the notes", () => {
  const { stdout } = run("eval", join(EXAMPLES, "guide-2019-fleet"), "--quiet");
  assert.not.match(stdout, /✓|not evaluated/);
  assert.match(stdout, /NOVA-002/);
});

test("--category names the SARIF run's automation details", () => {
  const log = JSON.parse(run("eval", join(EXAMPLES, "secure-fleet"), "--format", "sarif", "--category", "region-one").stdout) as {
    runs: { automationDetails: { id: string } }[];
  };
  assert.is(log.runs[0]!.automationDetails.id, "region-one/");
});

test("rules --format json is the catalogue", () => {
  const rules = JSON.parse(run("rules", "--format", "json").stdout) as { id: string; severity: string }[];
  assert.ok(rules.length >= 70);
  assert.ok(rules.every((r) => /^[A-Z]+-\d{3}$/.test(r.id)));
});

test("the built CLI runs as a program, as README's `npx migpolicy` needs", () => {
  for (const cli of [CLI, CLI_MODULES]) {
    assert.ok((statSync(cli).mode & 0o111) === 0o111, `${cli} is not executable`);
    const result = spawnSync(cli, ["rules", "--format", "json"], { encoding: "utf8" });
    assert.is(result.status, 0, result.stderr);
    assert.ok((JSON.parse(result.stdout) as unknown[]).length > 0);
  }
});

test("the bundled command runs from the code cache the build wrote (not compiled again at each start)", () => {
  assert.ok(compileBundle(join(ROOT, "build", "src", "bundle", "migpolicy.cjs")).cached);
  // A cache V8 cannot use (another Node's, or damaged) is not an error: the command compiles as without one.
  const dir = tree({ "migpolicy.cjs": "module.exports.ran = true;\n", "migpolicy.cjs.cache": "not a code cache" });
  const bundle = compileBundle(join(dir, "migpolicy.cjs"));
  assert.is(bundle.cached, false);
  bundle.run();
});

test("the bundled scan worker runs from the code cache the build wrote, and a fleet on threads reports as one thread does", () => {
  assert.ok(compileBundle(join(ROOT, "build", "src", "bundle", "host-worker.cjs")).cached);
  const reports = ["1", "2", "3"].map((workers) => {
    const result = spawnSync(process.execPath, [CLI, "eval", join(EXAMPLES, "guide-2019-fleet"), "--format", "json", "--workers", workers], {
      encoding: "utf8",
    });
    assert.is(result.status, 1, result.stderr);
    return result.stdout;
  });
  assert.ok((reports[0] as string).length > 1000);
  assert.is(reports[1], reports[0]);
  assert.is(reports[2], reports[0]);
});

test("--workers takes a whole number of threads from 0 to 256", () => {
  for (const bad of ["-1", "257", "two", "1.5", ""]) {
    const result = spawnSync(process.execPath, [CLI, "eval", join(EXAMPLES, "guide-2019-fleet"), "--workers", bad], { encoding: "utf8" });
    assert.is(result.status, 2, bad);
    assert.match(result.stderr, "--workers", bad);
  }
});

test("the bundled command and the modules report the same, byte for byte", () => {
  const reports = [CLI, CLI_MODULES].map((cli) => {
    const result = spawnSync(process.execPath, [cli, "eval", join(EXAMPLES, "guide-2019-fleet"), "--format", "json"], { encoding: "utf8" });
    assert.is(result.status, 1, result.stderr);
    return result.stdout;
  });
  const [bundled, modules] = reports as [string, string];
  assert.ok(bundled.length > 1000);
  assert.is(bundled, modules);
});

test("a single nova.conf, libvirtd.conf or qemu.conf is scanned by itself; its folder's other files are not", () => {
  const host = join(EXAMPLES, "guide-2019-fleet/compute-1/etc");
  // Siblings in the folder must not count: the file given is the whole input.
  const dir = tree({ "README.md": "notes", "libvirtd.conf": 'listen_tcp = 1\nauth_tcp = "none"\n' });
  cpSync(join(host, "nova/nova.conf"), join(dir, "nova.conf"));
  const nova = run("eval", join(dir, "nova.conf"), "--format", "json", "--file-modes", "ignore");
  assert.is(nova.code, 1, nova.stderr);
  const report = JSON.parse(nova.stdout) as {
    hosts: { verdict: { summary: string; authorisation: { status: string } }; not_evaluated: { rule: string; reason: string }[] }[];
    findings: { rule: string; location: { file: string; line: number } }[];
  };
  assert.equal(
    report.findings.map((f) => `${f.rule} ${f.location.file}:${f.location.line}`),
    ["NOVA-002 nova.conf:5492"],
  );
  const [summary] = report.hosts;
  // An unset compute_driver may be set by a file not given: no "does not start"; libvirtd is unknown, not idle.
  assert.equal([summary!.verdict.summary, summary!.verdict.authorisation.status], ["not encrypted", "unknown"]);
  assert.ok(summary!.not_evaluated.some((s) => s.rule === "PKI-001" && s.reason === "only nova.conf was given, not /etc/pki"));

  const libvirtd = run("eval", join(dir, "libvirtd.conf"), "--format", "compact");
  assert.not.ok(libvirtd.stdout.includes("nova.conf"), "the nova.conf beside it is not the input");
  // Whether libvirtd listens is in its arguments, which a file given alone does not show.
  const alone = JSON.parse(run("eval", join(dir, "libvirtd.conf"), "--format", "json").stdout) as typeof report;
  assert.equal(alone.hosts[0]!.verdict.authorisation, { status: "unknown", by: "only libvirtd.conf was given, not the libvirt daemons' arguments" });
  assert.ok(alone.hosts[0]!.not_evaluated.some((s) => s.rule === "LV-001"));
  const qemu = join(tree({}), "qemu.conf");
  cpSync(join(host, "libvirt/qemu.conf"), qemu);
  assert.match(run("eval", qemu, "--format", "compact").stdout, /^qemu\.conf:784:1: low QEMU-006: /m);
  const other = run("eval", join(dir, "README.md"));
  assert.is(other.code, 2);
  assert.match(other.stderr, /or one of nova\.conf, nova-compute\.conf, libvirtd\.conf, virtproxyd\.conf, qemu\.conf/);
});

test("per-command help: eval --help, rules --help and help <command> answer on stdout with exit 0; an error points at the command's help", () => {
  const evalHelp = run("eval", "--help");
  assert.is(evalHelp.code, 0);
  assert.match(evalHelp.stdout, /^Usage: migpolicy eval <path>\.\.\. \[options\]/);
  assert.match(evalHelp.stdout, /--fail-on SEVERITY/);
  assert.is(run("help", "eval").stdout, evalHelp.stdout);
  const rulesHelp = run("rules", "-h");
  assert.is(rulesHelp.code, 0);
  assert.match(rulesHelp.stdout, /^Usage: migpolicy rules/);
  assert.not.match(rulesHelp.stdout, /--fail-on/);
  const general = run("--help");
  assert.ok(general.stdout.split("\n").length < 15, "the general usage is a screen, not the options of every command");
  const typo = run("help", "evl");
  assert.is(typo.code, 2);
  assert.match(typo.stderr, /no help on "evl" \(did you mean "eval"\?\)/);
  const wrong = run("eval", EXAMPLES, "--frmat", "json");
  assert.is(wrong.stdout, "");
  assert.is(wrong.stderr, 'migpolicy: unknown option --frmat (did you mean "--format"?)\nRun `migpolicy eval --help` for the options.\n');
  const piped = spawnSync(
    "bash",
    ["-c", `set -o pipefail; "${process.execPath}" "${CLI}" rules --format json | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`],
    {
      encoding: "utf8",
    },
  );
  assert.is(piped.stderr, "");
  assert.is(piped.stdout.trim(), "0");
});

test("several paths are one fleet: hosts named by their path from the folder they share, the fleet checks across them all", () => {
  const json = run("eval", join(EXAMPLES, "secure-fleet"), join(EXAMPLES, "guide-2019-fleet"), "--format", "json");
  assert.is(json.code, 1, json.stderr);
  const report = JSON.parse(json.stdout) as {
    hosts: { root: string; verdict: { summary: string } }[];
    findings: { rule: string; location: { file: string } }[];
  };
  assert.equal(
    report.hosts.map((h) => `${h.root}: ${h.verdict.summary}`),
    [
      "secure-fleet/compute-1: encrypted and authenticated",
      "secure-fleet/compute-2: encrypted and authenticated",
      "guide-2019-fleet/compute-1: not encrypted",
      "guide-2019-fleet/compute-2: not encrypted",
    ],
  );
  // Same names in both fleets: a fleet check that only one run over all the paths can see.
  assert.equal(report.findings.filter((f) => f.rule === "FLEET-004").length, 2);
  for (const { location } of report.findings) assert.ok(existsSync(join(EXAMPLES, location.file)), location.file);
  // A path given twice is one path.
  const twice = JSON.parse(run("eval", join(EXAMPLES, "secure-fleet"), `${join(EXAMPLES, "secure-fleet")}/`, "--format", "json").stdout) as {
    hosts: unknown[];
  };
  assert.is(twice.hosts.length, 2);
});

test("several paths: a folder and an archive together, a path inside another refused, a path with no host fails the run", () => {
  const work = tree({});
  const archive = join(work, "compute-9.tar.gz");
  execFileSync("tar", ["-czf", archive, "-C", join(EXAMPLES, "guide-2019-fleet/compute-1"), "."]);
  cpSync(join(EXAMPLES, "secure-fleet"), join(work, "site"), { recursive: true, verbatimSymlinks: true });
  const mixed = run("eval", join(work, "site"), archive, "--format", "json");
  const report = JSON.parse(mixed.stdout) as { hosts: { root: string; verdict: { summary: string } }[] };
  assert.equal(
    report.hosts.map((h) => `${h.root}: ${h.verdict.summary}`),
    ["site/compute-1: encrypted and authenticated", "site/compute-2: encrypted and authenticated", "compute-9: not encrypted"],
  );
  const nested = run("eval", join(work, "site"), join(work, "site/compute-1"));
  assert.is(nested.code, 2);
  assert.match(nested.stderr, /site\/compute-1: lies inside .*site, also given/);
  mkdirSync(join(work, "empty"));
  const empty = run("eval", join(work, "site"), join(work, "empty"), "--format", "json");
  assert.is(empty.code, 2);
  const problems = (JSON.parse(empty.stdout) as { diagnostics: { code: string; location: { file: string } }[] }).diagnostics;
  assert.equal(
    problems.filter((d) => d.code === "path-without-hosts").map((d) => d.location.file),
    ["empty"],
  );
  // Two paths the report would name alike, or one inside the other's name: refused, not merged or renamed.
  execFileSync("tar", ["-czf", join(work, "site.tar.gz"), "-C", join(EXAMPLES, "secure-fleet"), "."]);
  const alike = run("eval", join(work, "site"), join(work, "site.tar.gz"));
  assert.is(alike.code, 2);
  assert.match(alike.stderr, /site\.tar\.gz: would be named site in the report, as .*site is: give them from different folders/);
  mkdirSync(join(work, "nest/site"), { recursive: true });
  cpSync(join(EXAMPLES, "secure-fleet/compute-1"), join(work, "nest/site/compute-1"), { recursive: true, verbatimSymlinks: true });
  execFileSync("tar", ["-czf", join(work, "nest.tar.gz"), "-C", join(EXAMPLES, "secure-fleet"), "."]);
  assert.match(run("eval", join(work, "nest.tar.gz"), join(work, "nest/site")).stderr, /would be named nest\/site in the report, as .*nest\.tar\.gz is/);
  assert.match(run("eval", "/", join(work, "site")).stderr, /site: lies inside \/, also given/);
  // An archive among the paths: its files are in no folder, so the SARIF has no source root.
  const sarif = JSON.parse(run("eval", join(work, "site"), archive, "--format", "sarif").stdout) as { runs: { originalUriBaseIds?: unknown }[] };
  assert.is(sarif.runs[0]!.originalUriBaseIds, undefined);
  const single = run("eval", join(work, "site"), join(EXAMPLES, "guide-2019-fleet/compute-1/etc/nova/nova.conf"));
  assert.is(single.code, 2);
  assert.match(single.stderr, /a single configuration file is scanned by itself/);
});

test("several paths: a link in one path cannot reach a file of the folder they share that no path holds", () => {
  const work = tree({ "secret/nova.conf": "[DEFAULT]\nmy_ip = 203.0.113.77\n" });
  cpSync(join(EXAMPLES, "secure-fleet/compute-1"), join(work, "a"), { recursive: true, verbatimSymlinks: true });
  cpSync(join(EXAMPLES, "secure-fleet/compute-2"), join(work, "b"), { recursive: true, verbatimSymlinks: true });
  rmSync(join(work, "a/etc/nova/nova.conf"));
  symlinkSync("../../../secret/nova.conf", join(work, "a/etc/nova/nova.conf"));
  const json = run("eval", join(work, "a"), join(work, "b"), "--format", "json", "--dump-input", join(work, "dump"));
  const report = JSON.parse(json.stdout) as { diagnostics: { code: string; message: string; location: { file: string } }[] };
  const link = report.diagnostics.find((d) => d.location.file === "a/etc/nova/nova.conf");
  assert.match(link?.message ?? "", /which does not exist: nothing is read here/);
  assert.not.match(json.stdout + dumped(join(work, "dump")), /203\.0\.113\.77/);
});

test.run();
