/**
 * Ground truth for Kayobe's templar pass (kayobe-template.ts): the real Jinja2 (Debian's
 * python3-jinja2, set up as Ansible's templar: trim_blocks, no lstrip_blocks, trailing newline
 * kept) renders the same templates, hand-written cases and random ones built from the tags
 * the pass knows, and where the pass writes a text it must be Jinja2's, byte for byte.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Value } from "../src/document/kolla/expression.js";
import { kayobeTemplate } from "../src/document/kolla/kayobe-template.js";
import { ROOT } from "./helpers.js";

const VARIABLES: Record<string, Value> = { x: "v", n: 3, t: true, f: false, items: ["a", "b"], blank: " " };
const scope = { lookup: (name: string) => VARIABLES[name] };

const HAND_WRITTEN = [
  'a: {{ x }}\n{% if t %}\nb: 2\n{% endif %}\nc: "{% raw %}{{ y }}{% endraw %}"\n{# gone #}\nd: 4\n',
  "c: {% raw %}{{ y }}{% endraw %}\nd: 4 {# x #}\ne: 5\n",
  "{{ 'a ' }}{{- 'b' }}",
  "\n{% if t -%}{% endif -%}\t{# c #}\t",
  'libvirt_tls: yes # ok\n{% if false %}{% endif %}{{- "" }}libvirt_tls: no\n',
  "a: 1\n{% raw -%}\n  b{% endraw %}",
  "a: {%- raw %} b {%- endraw %} c\n",
  "{% set s = 'no' %}{% if f %}{% set s = 'yes' %}{% endif %}tls: {{ s }}\n",
  "  {% if t %}\n  k: 1\n  {% endif %}\nz: 2\n",
  "{% for i in items %}\n{{ i }}: {{ n }}\n{% endfor %}\n",
  "a:   {%- if t -%}   b  {%- endif %}\nc",
  "x: {{ x }}\r\n{% if t %}\r\ny: 1\r\n{% endif %}\r\n",
  "{%+ if t %}a{% endif %}\n",
  "{% if f %}a{% elif t %}b{% else %}c{% endif %}\n",
  "{{ items | join(', ') }} {{ n ~ x }} {{ t and x }}\n",
];

const atom = fc.constantFrom(
  "a",
  " ",
  "  ",
  "\n",
  "\t",
  "k: ",
  "#",
  "{{ x }}",
  "{{- x }}",
  "{{ x -}}",
  "{{- n -}}",
  "{{ t }}",
  "{# c #}",
  "{#- c #}",
  "{# c -#}",
  "{% raw %}{{ y }}{% endraw %}",
  "{%- raw %} r {% endraw -%}",
  "{% raw -%}\n r\n{%- endraw %}",
  "{% set s = x ~ 'z' %}{{ s }}",
);
const open = fc.constantFrom("{% if t %}", "{%- if t %}", "{% if f -%}", "{%- if t -%}", "{% for i in items %}{{ i }}", "{% for i in items -%}");
const { template } = fc.letrec((tie) => ({
  template: fc.array(fc.oneof({ weight: 4, arbitrary: atom }, { weight: 1, arbitrary: tie("block") }), { maxLength: 8 }).map((parts) => parts.join("")),
  block: fc
    .tuple(open, tie("template"), fc.option(tie("template")), fc.constantFrom("", "\n"), fc.constantFrom("", "-"))
    .map(([head, body, other, newline, trim]) => {
      const loop = (head as string).includes("for");
      const close = loop ? `{%${trim} endfor %}` : `{%${trim} endif %}`;
      return `${head}${newline}${body}${!loop && other !== null ? `{% else %}${newline}${other}` : ""}${close}${newline}`;
    }),
})) as { template: fc.Arbitrary<string> };

const random = fc.sample(template, { numRuns: 1500, seed: 11 });
const templates = [...HAND_WRITTEN, ...random];
const real = JSON.parse(
  execFileSync("/usr/bin/python3", [join(ROOT, "test/differential/jinja_render.py")], {
    input: JSON.stringify({ templates, variables: VARIABLES }),
    maxBuffer: 64 << 20,
  }).toString(),
) as ({ text: string } | { error: string })[];

test("Jinja2 rendered every case, and most of them", () => {
  assert.is(real.length, templates.length);
  assert.ok(real.filter((r) => "text" in r).length > templates.length * 0.9);
});

test("the pass writes Jinja2's text for every template it writes whole (hand-written cases)", () => {
  HAND_WRITTEN.forEach((source, index) => {
    const jinja = real[index] as { text?: string };
    const pass = kayobeTemplate(source, scope);
    assert.is(pass.failure, null, JSON.stringify(source));
    assert.equal(pass.unknown, [], JSON.stringify(source));
    // Jinja writes every line break as \n.
    assert.is(pass.text.replaceAll("\r\n", "\n"), jinja.text, JSON.stringify(source));
  });
});

test("the pass writes Jinja2's text for every template it writes whole (1,500 random ones)", () => {
  let compared = 0;
  random.forEach((source, offset) => {
    const jinja = real[HAND_WRITTEN.length + offset] as { text?: string };
    const pass = kayobeTemplate(source, scope);
    if (jinja.text === undefined || pass.failure !== null || pass.unknown.length > 0) return;
    compared++;
    assert.is(pass.text, jinja.text, JSON.stringify(source));
  });
  assert.ok(compared > 1000, `${compared} compared`);
});

test.run();
