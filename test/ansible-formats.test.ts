/** YAML as Ansible reads it, Ansible inventories, and the Jinja subset Kolla's variables use. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { evaluate, parseExpression, renderTemplate, type Scope, toBool, Unknown, type Value } from "../src/document/kolla/expression.js";
import { kayobeYamlLayer } from "../src/document/kolla/kayobe-layer.js";
import { kayobeTemplate, UNKNOWN_MARK } from "../src/document/kolla/kayobe-template.js";
import { mergeConfigs } from "../src/document/kolla/merge.js";
import { novaMajorOf, seriesOf } from "../src/document/kolla/releases.js";
import { expandHostPattern, groupsOfHost, hostsOf, parseInventory } from "../src/loader/formats/ansible-inventory.js";
import { parseAnsibleYaml, type YamlNode } from "../src/loader/formats/ansible-yaml.js";

function root(text: string) {
  const parsed = parseAnsibleYaml(text, "globals.yml");
  assert.is(parsed.kind, "document");
  if (parsed.kind !== "document" || parsed.root?.kind !== "map") throw new Error("not a map");
  return parsed.root.entries;
}
const scalar = (node: YamlNode | undefined) => (node?.kind === "scalar" ? node.value : node?.kind);

test("YAML: PyYAML's booleans (yes/on/true, never y/n), a repeated key's last value, values' places", () => {
  const entries = root("a: yes\nb: On\nc: y\nd: n\ne: 'yes'\nf: 0755\ng: ~\nh: 1\nh: 2\n");
  assert.equal(
    [...entries.keys()].map((k) => [k, scalar(entries.get(k)?.value)]),
    [
      ["a", true],
      ["b", true],
      ["c", "y"],
      ["d", "n"],
      ["e", "yes"],
      ["f", 493],
      ["g", null],
      ["h", 2],
    ],
  );
  assert.equal(entries.get("h")?.value.location, { file: "globals.yml", line: 9, column: 4 });
});

test("YAML: merge keys give the merged map's entries to keys not written beside them; !vault and !unsafe kept apart", () => {
  const entries = root("base: &b {x: 1, y: 2}\n<<: *b\ny: 3\nsecret: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  3131\nraw: !unsafe '{{ x }}'\n");
  assert.is(scalar(entries.get("x")?.value), 1);
  assert.is(scalar(entries.get("y")?.value), 3);
  assert.is(entries.get("secret")?.value.kind, "vault");
  const raw = entries.get("raw")?.value;
  assert.equal(raw?.kind === "scalar" ? [raw.value, raw.unsafe] : null, ["{{ x }}", true]);
  assert.is(parseAnsibleYaml("$ANSIBLE_VAULT;1.1;AES256\n6231\n", "passwords.yml").kind, "vault");
});

test("YAML: an alias bomb is bounded, a syntax error is a problem with its place, never a throw", () => {
  const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 12; i++)
    levels.push(
      `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
        .fill(`*${String.fromCharCode(96 + i)}`)
        .join(",")}]`,
    );
  const started = Date.now();
  const bomb = parseAnsibleYaml(levels.join("\n"), "bomb.yml");
  assert.ok(Date.now() - started < 5000);
  assert.is(bomb.kind, "document");
  const broken = parseAnsibleYaml("a: [1, 2\nb: c\n", "broken.yml");
  assert.ok(broken.kind === "document" && broken.problems.length > 0 && broken.problems[0]?.location.file === "broken.yml");
});

test("INI inventory: groups, children, ranges, host-line and :vars values read as Python literals", () => {
  const inventory = parseInventory(
    "[control]\nctl01\n\n[compute]\ncompute[01:03] libvirt_tls=True port=22\nbig-[a:b] note='quoted value'\n\n[gpu:children]\ncompute\n\n[compute:vars]\nlibvirt_tls=True\n# comment\n; another\n",
    "multinode",
  );
  assert.equal(hostsOf(inventory, "compute"), ["compute01", "compute02", "compute03", "big-a", "big-b"]);
  assert.equal(hostsOf(inventory, "gpu"), hostsOf(inventory, "compute"));
  const host = inventory.groups.get("compute")?.hosts.get("compute02");
  assert.is(scalar(host?.vars.get("libvirt_tls")), true);
  assert.is(scalar(host?.vars.get("port")), 22);
  assert.is(scalar(inventory.groups.get("compute")?.hosts.get("big-a")?.vars.get("note")), "quoted value");
  // ini.py's _parse_variable_definition runs _parse_value (ast.literal_eval) on :vars values too.
  assert.is(scalar(inventory.groups.get("compute")?.vars.get("libvirt_tls")), true);
  const quoted = parseInventory('[compute]\nc1\n[compute:vars]\nlibvirt_tls="yes"\nplain=yes\n', "multinode");
  assert.equal(
    ["libvirt_tls", "plain"].map((k) => scalar(quoted.groups.get("compute")?.vars.get(k))),
    ["yes", "yes"],
  );
  assert.equal(
    groupsOfHost(inventory, "compute01").map((g) => g.name),
    ["all", "gpu", "compute"],
  );
  assert.is(expandHostPattern("n[0:99999999]"), null);
  assert.equal(expandHostPattern("n[1:5:2]"), ["n1", "n3", "n5"]);
});

test("YAML inventory: hosts, vars and children at any depth", () => {
  const inventory = parseInventory(
    "all:\n  children:\n    compute:\n      hosts:\n        c1:\n          libvirt_tls: true\n      children:\n        gpu:\n          hosts:\n            g1:\n",
    "inventory.yml",
  );
  assert.equal(hostsOf(inventory, "compute"), ["c1", "g1"]);
  assert.is(scalar(inventory.groups.get("compute")?.hosts.get("c1")?.vars.get("libvirt_tls")), true);
});

const scope = (vars: Record<string, Value>): Scope => ({ lookup: (name) => vars[name] });
const run = (expression: string, vars: Record<string, Value> = {}) => {
  const node = parseExpression(expression);
  if (node === null) return "unparsed";
  const value = evaluate(node, scope(vars));
  return value instanceof Unknown ? "unknown" : value;
};

test("Jinja: Ansible's bool, default, ternary, in, and/or, comparisons", () => {
  assert.equal(["yes", "On", "1", "true", "TRUE", 1, true].map(toBool), [true, true, true, true, true, true, true]);
  assert.equal(["no", "y", "2", "", 0, null].map(toBool), [false, false, false, false, false, false]);
  assert.is(run("x | bool", { x: "yes" }), true);
  assert.is(run("missing | default('a')"), "a");
  assert.is(run("x | default('a', true)", { x: "" }), "a");
  assert.is(run("'16514' if libvirt_tls | bool else '16509'", { libvirt_tls: "no" }), "16509");
  assert.is(run("virt in ['kvm', 'qemu'] and not (fake | bool)", { virt: "kvm", fake: "no" }), true);
  assert.is(run("a not in ['x']", { a: "y" }), true);
  assert.is(run("x is defined"), false);
  assert.is(run("x.y.z", { x: { y: { z: 3 } } }), 3);
  assert.is(run("lookup('env', 'X')"), "unparsed");
  assert.is(run("x | regex_replace('a', 'b')", { x: "a" }), "unknown");
  assert.is(run("missing"), "unknown");
});

test("Jinja: a template of one expression keeps its value, text around it joins as Python writes it", () => {
  assert.is(renderTemplate("{{ x | bool }}", scope({ x: "yes" })), true);
  assert.is(renderTemplate("qemu+tcp://{{ h }}/system", scope({ h: "node1" })), "qemu+tcp://node1/system");
  assert.is(renderTemplate("{{ a }}-{{ b }}", scope({ a: true, b: 2 })), "True-2");
  assert.ok(renderTemplate("{% if x %}y{% endif %}", scope({})) instanceof Unknown);
});

test("merge_configs: a later file replaces a key, order of first appearance, a repeated key in one file accumulates", () => {
  const at = (file: string, line: number) => ({ file, line, column: 1 });
  const lines = (file: string, texts: string[]) => texts.map((text, i) => ({ text, at: at(file, i + 1), copied: true, related: [] }));
  const merged = mergeConfigs([
    lines("template", ["[DEFAULT]", "my_ip = 1", "[libvirt]", "connection_uri = a", "virt_type = kvm"]),
    lines("override", ["orphan = 1", "[libvirt]", "connection_uri = b", "cpu_mode = x", "cpu_mode = y", "[new]", "k = v"]),
  ]);
  assert.equal(
    merged.lines.map((l) => `${l.at.file}:${l.at.line} ${l.text}`),
    [
      "template:1 [DEFAULT]",
      "template:2 my_ip = 1",
      "template:3 [libvirt]",
      "override:3 connection_uri = b",
      "template:5 virt_type = kvm",
      "override:4 cpu_mode = x",
      "override:5 cpu_mode = y",
      "override:6 [new]",
      "override:7 k = v",
    ],
  );
  assert.equal(
    merged.orphans.map((l) => l.text),
    ["orphan = 1"],
  );
});

test("releases: a version or an OpenStack release picks its series; releases before SASL render as Train", () => {
  const id = (release: string) => seriesOf(release)?.id ?? null;
  assert.equal(
    [
      "train",
      "9.3.2",
      "10.4.0",
      "11.3.0",
      "11.4.0",
      "12.3.0",
      "12.4.0",
      "13.0.0",
      "13.1.0",
      "yoga",
      "2023.1",
      "16.7.0",
      "2023.2",
      "17.0.0",
      "2025.2",
      "2026.1",
      "22.1.0",
      "stein",
      "2027.1",
      "1.2.3",
    ].map(id),
    [
      "train",
      "train",
      "train",
      "train",
      "ussuri-2023.1",
      "train",
      "ussuri-2023.1",
      "train",
      "ussuri-2023.1",
      "ussuri-2023.1",
      "ussuri-2023.1",
      "ussuri-2023.1",
      "2023.2-2025.2",
      "2023.2-2025.2",
      "2023.2-2025.2",
      "2026.1",
      "2026.1",
      null,
      null,
      null,
    ],
  );
  assert.equal(["train", "2024.1", "18.2.0", "2026.1", "folsom"].map(novaMajorOf), [20, 29, 29, 33, null]);
});

test("Kayobe's templar pass: trim_blocks, whitespace control, raw, comments, loops, set; each output offset back at its source", () => {
  const vars = scope({ x: 1, on: true, names: ["a", "b"] });
  const pass = kayobeTemplate('a: {{ x }}\n{% if on %}\nb: 2\n{% endif %}\nc: "{% raw %}{{ y }}{% endraw %}"\n{# gone #}\nd: 4\n', vars);
  assert.is(pass.text, 'a: 1\nb: 2\nc: "{{ y }}"\nd: 4\n');
  // As Jinja's lexer does, trim_blocks also takes the newline after {% endraw %} and {# #}.
  assert.is(kayobeTemplate("c: {% raw %}{{ y }}{% endraw %}\nd: 4 {# x #}\ne: 5\n", vars).text, "c: {{ y }}d: 4 e: 5\n");
  assert.is(pass.failure, null);
  const source = "a: {{ x }}\n{% if on %}\nb: 2\n";
  // "1" comes from the expression's {{; "b" from its own place.
  assert.is(pass.sourceOf(3), 3);
  assert.is(pass.sourceOf(5), source.indexOf("b: 2"));
  assert.is(kayobeTemplate("a:   {%- if on -%}   b  {%- endif %}\nc", vars).text, "a:bc");
  assert.is(kayobeTemplate("{% for n in names %}\n{{ n }}: {{ loop_free | default(0) }}\n{% endfor %}\n", vars).text, "a: 0\nb: 0\n");
  assert.is(kayobeTemplate("{% set y = x ~ 'z' %}\nk: {{ y }}\n", vars).text, "k: 1z\n");
  // What is not known is a marked range: inline, a line of its own (top level or indented), a block not decided.
  const unknown = kayobeTemplate(
    "a: {{ lookup('p') }}\nb:\n{{ t | indent(width=4, first=true) }}\n{{ lookup('q') }}\n{% if nope %}\nc: 1\n{% endif %}\n",
    vars,
  );
  assert.ok(unknown.text.startsWith(`a: ${UNKNOWN_MARK}\n`));
  assert.equal(
    unknown.unknown.map((u) => u.lines),
    ["no", "nested", "top", "no"],
  );
  assert.ok(unknown.unknown[3]?.reason.includes("{% if nope %}"));
});

test("Kayobe's templar pass is bounded: unclosed tags, deep blocks, long loops and unknown statements fail at their place", () => {
  const vars = scope({ big: Array.from({ length: 2000 }, (_, i) => i) });
  assert.equal(kayobeTemplate("a: 1\nb: {{ x\n", vars).failure, { reason: "an unclosed {{", source: 8 });
  assert.ok(kayobeTemplate("{% if true %}".repeat(100), vars).failure?.reason.includes("nested"));
  assert.ok(kayobeTemplate("{% for i in big %}{% for j in big %}x{% endfor %}{% endfor %}", vars).failure?.reason.includes("loops run"));
  assert.equal(kayobeTemplate("\n{% include 'x' %}", vars).failure, { reason: "the Jinja statement {% include %}", source: 1 });
  assert.ok(kayobeTemplate("{% endif %}", vars).failure?.reason.includes("without"));
  assert.ok(kayobeTemplate("{% raw %}never closed", vars).failure?.reason.includes("endraw"));
  // Linear: a megabyte of text with tags on every line is written whole.
  const line = "key: {{ 1 }} {% if true %}v{% endif %}.\n";
  assert.is(kayobeTemplate(line.repeat(25_000), vars).text.length, "key: 1 v.\n".length * 25_000);
});

test("Kayobe's templar pass, hostile: doubling values, unknown keys, blocks not decided and long lines stay bounded and unknown", () => {
  const vars = scope({ t: true });
  const doubling = `{% set x = [1, 2, 3] %}${"{% set x = x + x %}".repeat(40)}{% set s = 'ab' %}${"{% set s = s ~ s %}".repeat(40)}a: {{ x | length }}{{ s }}\n`;
  const pass = kayobeTemplate(doubling, vars);
  assert.ok(pass.unknown.some((u) => u.reason.includes("grows beyond")));
  // A set inside a block not decided: the name's value is not known after it.
  const set = kayobeTemplate('{% set tls = "no" %}{% if nope %}{% set tls = "yes" %}{% endif %}libvirt_tls: "{{ tls }}"\n', vars);
  assert.ok(set.text.includes(UNKNOWN_MARK));
  // Known values spanning lines are written as they are.
  assert.is(kayobeTemplate("{{ 'a: 1\nb: 2' }}\n", vars).text, "a: 1\nb: 2\n");
  const long = "{{ nope }} ".repeat(60_000);
  assert.is(kayobeTemplate(long, vars).unknown.length, 60_000);
  const trims = "{{- x }} ".repeat(60_000);
  assert.is(kayobeTemplate(trims, scope({ x: 1 })).text.length, "1".length * 60_000 + 1);
});

test("Kayobe's globals layer: a name written from an expression not known may be any variable, so the file is not read", () => {
  for (const [text, line] of [
    ["libvirt_tls: yes\n{{ unknown_prefix }}tls: no\n", 2],
    ["libvirt_tls: yes\n{% for k in unknown_list %}\n{{ k }}: no\n{% endfor %}\n", 3],
  ] as const) {
    const layer = kayobeYamlLayer(text, "globals.yml", scope({}));
    assert.is(layer.layer.size, 0, text);
    assert.equal(layer.problems[0]?.at.line, line, text);
  }
  // 40,000 keys, each value not known: linear.
  const many = Array.from({ length: 40_000 }, (_, i) => `k${i}: "{{ nope }}"`).join("\n");
  assert.is(kayobeYamlLayer(many, "globals.yml", scope({})).layer.size, 40_000);
});

test.run();
