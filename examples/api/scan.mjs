// migpolicy as a library: scan a fleet, print each host's verdict and its findings,
// and write the SARIF log next to it.
//   node examples/api/scan.mjs [path]
import { fileURLToPath } from "node:url";
import { formatter, loadCatalogue, scan, TOOL, writeFileAtomic } from "migpolicy";

const path = process.argv[2] ?? fileURLToPath(new URL("../guide-2019-fleet", import.meta.url));
const result = scan(path);
const catalogue = loadCatalogue();
const titles = new Map(catalogue.rules.map((rule) => [rule.id, rule.title]));

for (const host of result.hosts) {
  console.log(`${host.name}: ${host.verdict.summary}`);
  for (const finding of result.findings.filter((f) => f.host === host.name)) {
    console.log(`  ${finding.rule} ${finding.location.file}:${finding.location.line} ${titles.get(finding.rule)}`);
  }
}

const sarif = formatter("sarif")({ result, catalogue, tool: TOOL });
if (process.argv[3]) writeFileAtomic(process.argv[3], sarif);
