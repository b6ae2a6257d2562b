/**
 * GitHub code scanning: every example's SARIF passes the SARIF Multitool's validation
 * with GitHub's ingestion rules (GH1001-GH1006) and the SARIF best-practice rules, with
 * no error and no warning. test/schemas/github-ingestion.config.xml turns those rules on.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadCatalogue } from "../src/index.js";
import { formatter } from "../src/report/index.js";
import { scan } from "../src/index.js";
import { TOOL } from "../src/index.js";
import { suppressByEntries } from "../src/pipeline/suppress.js";
import { EXAMPLES, ROOT } from "./helpers.js";

const MULTITOOL = join(ROOT, "node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
const CONFIG = join(ROOT, "test/schemas/github-ingestion.config.xml");
const work = mkdtempSync(join(tmpdir(), "migpolicy-multitool-"));
const catalogue = loadCatalogue();

interface Validation {
  runs: {
    results?: {
      ruleId: string;
      level?: string;
      message: { arguments?: string[] };
      locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
    }[];
  }[];
}

const targets: [string, string][] = [
  ["guide-2019-fleet", join(EXAMPLES, "guide-2019-fleet")],
  ["guide-current-fleet", join(EXAMPLES, "guide-current-fleet")],
  ["secure-fleet", join(EXAMPLES, "secure-fleet")],
  ["ossn-0007-fleet", join(EXAMPLES, "ossn-0007-fleet")],
  ["tunnelled-and-native-tls", join(EXAMPLES, "tunnelled-and-native-tls")],
  ["kolla-ansible-repo", join(EXAMPLES, "kolla-ansible-repo")],
  ["layouts", join(ROOT, "test/fixtures/layouts")],
];

/** One run of the multitool over several logs (it takes seconds to start): its findings by log. */
function validate(logs: [string, string][]): Map<string, string[]> {
  const output = join(work, `validation-${logs.length}.sarif`);
  const inputs = logs.map(([name, text]) => {
    const input = join(work, `${name}.sarif`);
    writeFileSync(input, text);
    return input;
  });
  // The tool exits 0 whatever it finds: its findings are in the output log.
  execFileSync(MULTITOOL, ["validate", "--config", CONFIG, "--rule-kind", "Sarif;Ghas", "--output", output, "--log", "ForceOverwrite;PrettyPrint", ...inputs], {
    cwd: work,
    stdio: "pipe",
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1" },
  });
  const found = new Map<string, string[]>(logs.map(([name]) => [name, []]));
  for (const r of (JSON.parse(readFileSync(output, "utf8")) as Validation).runs[0]?.results ?? []) {
    const uri = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? "";
    const name = logs.find(([n]) => uri.endsWith(`/${n}.sarif`))?.[0] ?? "?";
    found.set(name, [...(found.get(name) ?? []), `${r.level ?? "warning"} ${r.ruleId} ${JSON.stringify(r.message.arguments ?? [])}`]);
  }
  return found;
}

const sarifOf = (path: string) => formatter("sarif")({ result: scan(path), catalogue, tool: TOOL });
// As the CLI writes it inside a checkout: URIs under the repository, %SRCROOT% resolved.
const inRepository = formatter("sarif")({
  result: scan(join(EXAMPLES, "guide-2019-fleet")),
  catalogue,
  tool: TOOL,
  sourceRoot: { prefix: "examples/guide-2019-fleet", uri: `${pathToFileURL(ROOT).href}/` },
});
// Accepted findings: an ignore comment in the scanned file, and an entry of the configuration.
const withSuppressions = (() => {
  const copy = mkdtempSync(join(tmpdir(), "migpolicy-suppressed-"));
  cpSync(join(EXAMPLES, "guide-current-fleet"), copy, { recursive: true, verbatimSymlinks: true });
  const conf = join(copy, "compute-1/etc/libvirt/libvirtd.conf");
  const lines = readFileSync(conf, "utf8").split("\n");
  lines[299] = "# migpolicy: ignore LV-005 -- the site's TLS proxy checks each DN";
  writeFileSync(conf, lines.join("\n"));
  const entry = { rule: "QEMU-006", reason: "the migration network is the only one", location: { file: ".migpolicy.yaml", line: 3, column: 5 } };
  const result = suppressByEntries(scan(copy), [entry], "2026-12-01");
  assert.ok(result.findings.filter((f) => f.suppression !== undefined).length >= 3, "findings are suppressed both ways");
  return formatter("sarif")({ result, catalogue, tool: TOOL });
})();
// The golden SARIF logs too: an empty run, load problems, a user's finding about a whole file.
const golden = readdirSync(join(ROOT, "test/golden"))
  .filter((name) => name.endsWith(".sarif"))
  .map((name): [string, string] => [`golden-${name.slice(0, -".sarif".length)}`, readFileSync(join(ROOT, "test/golden", name), "utf8")]);
const findings = validate([
  ...targets.map(([name, path]): [string, string] => [name, sarifOf(path)]),
  ["in-repository", inRepository],
  ["suppressed", withSuppressions],
  ...golden,
]);

for (const name of [...targets.map(([n]) => n), "in-repository", "suppressed", ...golden.map(([n]) => n)]) {
  test(`GitHub ingestion rules: ${name} has no error and no warning`, () => {
    assert.equal(findings.get(name), []);
  });
}

test("the validation finds problems when there are some (a result without a region)", () => {
  const log = JSON.parse(sarifOf(join(EXAMPLES, "guide-2019-fleet"))) as {
    runs: { results: { locations: { physicalLocation: { region?: unknown } }[] }[] }[];
  };
  delete log.runs[0]!.results[0]!.locations[0]!.physicalLocation.region;
  const broken = validate([["broken", JSON.stringify(log)]]).get("broken") ?? [];
  assert.ok(
    broken.some((line) => line.includes("GH1003")),
    JSON.stringify(broken),
  );
});

test.run();
