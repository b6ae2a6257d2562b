// Checks every per-release fact of src/document/kolla/releases.ts against kolla-ansible
// itself: each template line, role default and group variable must be, at the tag and line
// it names, the text the data holds; each override list must be the lines named. Needs a
// clone of openstack/kolla-ansible (any clone with the tags):
//   node tools/check-kolla-facts.mjs /path/to/kolla-ansible[.git]
// after `npm run build` (it reads build/src/document/kolla/releases.js). With a clone of
// openstack/kayobe as a second argument, the Kayobe facts (kayobe.ts) too. Exit 1 on a mismatch.
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";

const [, , repository, kayobeRepository] = process.argv;
if (repository === undefined) {
  console.error("usage: node tools/check-kolla-facts.mjs <kolla-ansible clone>");
  process.exit(2);
}
const { SERIES } = await import(pathToFileURL("build/src/document/kolla/releases.js").href);

const files = new Map();
function lineAt(tag, file, line, clone = repository) {
  const key = `${clone}\u0000${tag}:${file}`;
  if (!files.has(key)) files.set(key, execFileSync("git", ["-C", clone, "show", `${tag}:${file}`], { encoding: "utf8", maxBuffer: 64 << 20 }).split("\n"));
  return files.get(key)[line - 1];
}
const squash = (text) => text.replace(/\s+/g, " ").trim();
/** `file:12@tag` or `file:12-14,20-21@tag` into the tag, the file and the lines. */
function place(at) {
  const match = /^(.+?):([\d,-]+)@(.+)$/.exec(at);
  if (match === null) return null;
  const lines = match[2].split(",").flatMap((range) => {
    const [from, to = from] = range.split("-").map(Number);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });
  return { file: match[1], lines, tag: match[3] };
}

let checked = 0;
const problems = [];
const expect = (ok, what) => {
  checked++;
  if (!ok) problems.push(what);
};
for (const series of SERIES) {
  for (const part of ["novaConf", "libvirtdConf", "qemuConf", "saslConf"]) {
    for (const line of series[part]) {
      const at = place(line.at);
      const actual = lineAt(at.tag, at.file, at.lines[0]) ?? "";
      expect(squash(actual) === squash(line.text), `${series.id} ${part}: ${line.at} is ${JSON.stringify(actual)}, not ${JSON.stringify(line.text)}`);
    }
  }
  for (const [name, fact] of [...Object.entries(series.roleDefaults), ...Object.entries(series.groupVars)]) {
    const at = place(fact.at);
    const actual = lineAt(at.tag, at.file, at.lines[0]) ?? "";
    const match = /^([\w]+):\s*(.*)$/.exec(actual);
    const written = (match?.[2] ?? "").replace(/^(["'])(.*)\1$/, "$2");
    // The data writes YAML booleans and lists as the template Ansible would make of them.
    const value = fact.value.replace(/^\{\{ (true|false) \}\}$/, "$1");
    const list = written === "" && fact.value.startsWith("{{ [");
    const ok =
      match?.[1] === name &&
      (list
        ? squash(fact.value).includes(squash(lineAt(at.tag, at.file, at.lines[0] + 1).replace(/^\s*- "\{\{ (.*) \}\}"$/, "$1")))
        : squash(written) === squash(value));
    expect(ok, `${series.id} ${name}: ${fact.at} is ${JSON.stringify(actual)}, not ${JSON.stringify(fact.value)}`);
  }
  const templated = (pattern) =>
    pattern
      .replaceAll("{host}", "{{ inventory_hostname }}")
      .replace("nova/nova-compute.conf", "nova/{{ item.key }}.conf")
      .replace("{host}/nova-compute.conf", "{{ inventory_hostname }}/{{ item.key }}.conf");
  const overrides = place(series.novaOverrides.at);
  const named = overrides.lines.map((n) => squash(lineAt(overrides.tag, overrides.file, n) ?? ""));
  expect(named[0]?.includes("templates/nova.conf.j2"), `${series.id}: ${series.novaOverrides.at} does not start with the role's nova.conf.j2`);
  series.novaOverrides.paths.forEach((pattern, i) => {
    const want = `{{ node_custom_config }}/${templated(pattern).replace("nova/{{ inventory_hostname }}/nova-compute.conf", "nova/{{ inventory_hostname }}/{{ item.key }}.conf")}`;
    expect(named[i + 1]?.includes(want), `${series.id}: ${series.novaOverrides.at} line ${i + 2} is ${JSON.stringify(named[i + 1])}, not ${want}`);
  });
  expect(named.length === series.novaOverrides.paths.length + 1, `${series.id}: ${series.novaOverrides.at} names more or fewer files than the data`);
  const tls = place(series.tlsFiles.at);
  const lookups = tls.lines.map((n) => squash(lineAt(tls.tag, tls.file, n) ?? ""));
  expect(
    lookups[0]?.includes("nova/nova-libvirt/{{ inventory_hostname }}/") && lookups[1]?.includes("nova/nova-libvirt/{{"),
    `${series.id}: ${series.tlsFiles.at} is not the per-host, then shared, lookup`,
  );
  if (series.virconfOverrides !== null) {
    const at = place(series.virconfOverrides.at);
    const found = at.lines.map((n) => squash(lineAt(at.tag, at.file, n) ?? ""));
    for (const pattern of [...series.virconfOverrides.qemu, ...series.virconfOverrides.libvirtd]) {
      const want = `{{ node_custom_config }}/${templated(pattern)}`;
      expect(
        found.some((line) => line.includes(want)),
        `${series.id}: ${series.virconfOverrides.at} does not name ${want}`,
      );
    }
  }
}
if (kayobeRepository !== undefined) {
  const kayobe = await import(pathToFileURL("build/src/document/kolla/kayobe.js").href);
  const at = (fact) => place(fact.at);
  const check = (what, fact, wanted) => {
    const where = at(fact);
    const actual = lineAt(where.tag, where.file, where.lines[0], kayobeRepository) ?? "";
    expect(squash(actual).includes(wanted), `kayobe ${what}: ${fact.at} is ${JSON.stringify(actual)}, not a line with ${JSON.stringify(wanted)}`);
  };
  for (const [name, fact] of Object.entries(kayobe.KAYOBE_DEFAULTS))
    check(name, fact, `${name}: ${fact.value.replace(/^\{\{ (true|false) \}\}$/, "$1")}`.replace(/: (yes|2026\.1|\{\{ openstack_release \}\})$/, ': "$1"'));
  for (const [name, fact] of Object.entries(kayobe.KAYOBE_GLOBALS))
    check(name, fact, name === "enable_nova_libvirt_container" ? "enable_{{ feature_flag }}:" : `${name}:`);
  for (const [name, fact] of Object.entries(kayobe.KAYOBE_HOST_VARS)) check(name, fact, `var_name: "kolla_${name}"`);
  check("TLS source", kayobe.KAYOBE_TLS_SOURCE, "kolla_nova_libvirt_certificates_src");
  for (const [name, fact] of Object.entries(kayobe.KAYOBE_RUN)) check(name, fact, squash(fact.text));
}
for (const problem of problems) console.error(problem);
console.log(`kolla-ansible${kayobeRepository === undefined ? "" : " and Kayobe"} facts: ${checked - problems.length} of ${checked} match the tags they name`);
process.exit(problems.length === 0 ? 0 : 1);
