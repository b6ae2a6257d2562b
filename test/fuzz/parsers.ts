/**
 * The parsers under random and mutated input: each must return (never throw) within a
 * bounded time, whatever the bytes. Shared by the property tests (a short run in
 * `npm test`) and `npm run fuzz` (long campaigns).
 */
import fc from "fast-check";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseEnvFile } from "../../src/loader/formats/env-file.js";
import { parseFirewalldConf, parseService, parseZone } from "../../src/loader/formats/firewalld.js";
import { parseIptablesSave } from "../../src/loader/formats/iptables.js";
import { parseListeners } from "../../src/loader/formats/listeners.js";
import { parseNftables } from "../../src/loader/formats/nftables.js";
import { parseOsloIni } from "../../src/loader/formats/oslo-ini.js";
import { parseDpkgList, parseDpkgStatus, parseRpmList, upstreamNumbers } from "../../src/loader/formats/packages.js";
import { parseIdNames } from "../../src/loader/formats/passwd.js";
import { readPem } from "../../src/loader/formats/pem.js";
import { parseSaslConf } from "../../src/loader/formats/sasl.js";
import { parseUnitFile, parseUnitFileList, unitWords } from "../../src/loader/formats/systemd-unit.js";
import { parseTar } from "../../src/loader/formats/tar.js";
import { decodeUtf8 } from "../../src/loader/formats/text.js";
import { parseVirConf } from "../../src/loader/formats/virconf.js";
import { parseInventory } from "../../src/loader/formats/ansible-inventory.js";
import { parseAnsibleYaml } from "../../src/loader/formats/ansible-yaml.js";
import { evaluate, parseExpression, renderTemplate, type Value } from "../../src/document/kolla/expression.js";
import { kayobeYamlLayer } from "../../src/document/kolla/kayobe-layer.js";
import { kayobeTemplate } from "../../src/document/kolla/kayobe-template.js";

/** Variables for the Jinja parsers: a list, a map, a boolean and a string, and a variable naming itself. */
const VARIABLES: Record<string, Value> = { a: [1, "b"], m: { k: "v" }, t: true, s: "x{{ s }}" };
const scope = { lookup: (name: string) => VARIABLES[name] };

export const PARSERS: Record<string, (text: string) => unknown> = {
  "oslo.config ini": (t) => parseOsloIni(t, "f"),
  virconf: (t) => parseVirConf(t, "f"),
  "environment file": (t) => parseEnvFile(t, "f"),
  "systemd unit": (t) => parseUnitFile(t, "f"),
  "systemctl list-unit-files": parseUnitFileList,
  "unit words (ExecStart=, Environment=)": unitWords,
  "netstat and ss listeners": parseListeners,
  "firewalld zone": parseZone,
  "firewalld service": parseService,
  "firewalld.conf": parseFirewalldConf,
  "iptables-save": parseIptablesSave,
  nftables: parseNftables,
  "dpkg status": parseDpkgStatus,
  "dpkg -l": parseDpkgList,
  "rpm list": parseRpmList,
  "package version": upstreamNumbers,
  "passwd/group": parseIdNames,
  "sasl conf": parseSaslConf,
  pem: readPem,
  "ansible yaml": (t) => parseAnsibleYaml(t, "f"),
  "ansible inventory": (t) => parseInventory(t, "f"),
  "jinja expression": (t) => {
    const node = parseExpression(t);
    return node === null ? null : evaluate(node, scope);
  },
  "jinja template value": (t) => renderTemplate(t, scope),
  "kayobe templar pass": (t) => kayobeTemplate(t, scope),
  "kayobe globals layer": (t) => kayobeYamlLayer(t, "f", scope),
  // Bytes as latin1: every value 0-255 reaches the header fields.
  tar: (t) => parseTar(Buffer.from(t, "latin1")),
};

/** Every text file under the fixture and example trees: the seeds the mutations start from. */
export function seeds(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stats = statSync(path, { throwIfNoEntry: false });
      if (!stats) continue;
      if (stats.isDirectory()) walk(path);
      else if (stats.isFile() && stats.size < 64 * 1024) {
        const decoded = decodeUtf8(readFileSync(path));
        if (decoded.ok) out.push(decoded.text);
      }
    }
  };
  walk(join(root, "test/fixtures"));
  walk(join(root, "test/corpus"));
  return out;
}

/** Random text, with the characters the formats care about over-represented. */
export const text = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 400 }),
  fc
    .array(
      fc.constantFrom(
        "[",
        "]",
        "=",
        ":",
        "#",
        ";",
        '"',
        "'",
        '"""',
        "\n",
        "\r\n",
        "\r",
        " ",
        "\t",
        "\\",
        "{",
        "}",
        "{{",
        "}}",
        "{%",
        "%}",
        "{% if t %}",
        "{% endif %}",
        "{% for x in a %}",
        "{% endfor %}",
        "{% raw %}",
        "-",
        "|",
        "(",
        ")",
        ",",
        "-",
        "a",
        "1",
        "<",
        ">",
        "/",
        "\u0000",
        "\ufeff",
        "é",
      ),
      { maxLength: 300 },
    )
    .map((parts) => parts.join("")),
);

/** A seed file with some of its characters replaced, removed or duplicated. */
export function mutated(seedTexts: string[]) {
  return fc
    .tuple(fc.constantFrom(...seedTexts), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.string({ maxLength: 8 })), { maxLength: 12 }))
    .map(([seed, edits]) => {
      let s = seed;
      for (const [at, kind, insert] of edits) {
        const i = s.length === 0 ? 0 : at % s.length;
        if (kind === 0) s = s.slice(0, i) + insert + s.slice(i);
        else if (kind === 1) s = s.slice(0, i) + s.slice(i + insert.length + 1);
        else if (kind === 2) s = s.slice(0, i) + s.slice(i, i + 40) + s.slice(i);
        else s = s.slice(0, i) + insert + s.slice(i + insert.length);
      }
      return s;
    });
}

/** One parse must finish within this many milliseconds, on inputs of these sizes. */
export const PARSE_BUDGET_MS = 1000;

export function checkParser(name: string, parse: (text: string) => unknown, input: string): void {
  const started = performance.now();
  parse(input);
  const took = performance.now() - started;
  if (took > PARSE_BUDGET_MS) throw new Error(`${name} took ${took.toFixed(0)} ms on an input of ${input.length} characters`);
}
