/** The library API is what src/index.ts exports on purpose: a new export or a removed one shows here. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import * as api from "../src/index.js";
import { EXAMPLES } from "./helpers.js";

const EXPECTED = [
  // The scan and its result.
  "scan",
  "scanPath",
  "scanPaths",
  "scanTree",
  "selectRules",
  "ScanInputError",
  "ScanOptionsError",
  "compareFindings",
  "CHANNELS",
  "hasRegion",
  "SEVERITY_ORDER",
  // The stages, each usable alone.
  "Tree",
  "discoverHosts",
  "LAYOUTS",
  "TreeFiles",
  "parseOsloIni",
  "parseVirConf",
  "loadHost",
  "buildHostDocument",
  "hostDocumentProblems",
  "fleetDocumentProblems",
  "assertHostDocument",
  "assertFleetDocument",
  "SchemaViolation",
  "Policy",
  "PolicyEngineError",
  "HOST_ENTRYPOINT",
  "CustomBundle",
  "BundleError",
  // Rules, diagnostics and reports.
  "loadCatalogue",
  "withRules",
  "RuleIdTaken",
  "DIAGNOSTICS",
  "renderDiagnostic",
  "renderMessage",
  "formatter",
  "chunkedFormatter",
  "FORMAT_NAMES",
  "ruleListing",
  "RULE_LISTING_NAMES",
  "writeFileAtomic",
  "writeFileAtomicAsync",
  "TOOL",
];

test("the API exports exactly the documented names", () => {
  assert.equal(Object.keys(api).sort(), [...EXPECTED].sort());
});

test("internals are not part of it", () => {
  for (const name of ["ArchiveBackend", "readTar", "DiskBackend", "evaluateSource", "serializeOutcome", "evaluateInWorkers", "parseTar"]) {
    assert.not.ok(name in api, name);
  }
});

test("every diagnostic code has a severity and a template (the compiler checks it names only its arguments); rendering fills them in", () => {
  for (const [code, kind] of Object.entries(api.DIAGNOSTICS)) {
    assert.ok(["error", "warning", "note"].includes(kind.severity), code);
    assert.ok(kind.template.length > 0, code);
  }
  const rendered = api.renderDiagnostic({
    code: "oslo-invalid-value",
    args: { section: "libvirt", option: "live_migration_tunnelled", problem: "not a boolean" },
    location: { file: "etc/nova/nova.conf", line: 3, column: 1 },
  });
  assert.equal(rendered, {
    code: "oslo-invalid-value",
    severity: "error",
    message: "[libvirt] live_migration_tunnelled: not a boolean; nova refuses to start",
    location: { file: "etc/nova/nova.conf", line: 3, column: 1 },
  });
});

test("the scan's options are checked before anything is read, with the option named", async () => {
  const path = join(EXAMPLES, "secure-fleet");
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ workers: 2.5 }, /^scan option workers: must be a whole number from 0 to 256$/],
    [{ workers: -1 }, /^scan option workers:/],
    [{ maxArchiveBytes: Number.NaN }, /^scan option maxArchiveBytes: must be a whole number of bytes/],
    [{ maxArchiveBytes: 2 ** 40 }, /^scan option maxArchiveBytes:/],
    [{ layout: "bogus" }, /^scan option layout: "bogus" is none of sosreport, tripleo, kolla, host-root, etc$/],
    [{ now: "yesterday" }, /^scan option now:/],
    [{ now: -5 }, /^scan option now:/],
    [{ fileModes: "always" }, /^scan option fileModes:/],
    [{ bundles: ["site.tar.gz"] }, /^scan option bundles:/],
    [{ onProgress: 3 }, /^scan option onProgress:/],
  ];
  for (const [options, message] of bad) {
    const scanOptions = options as api.ScanOptions;
    assert.throws(
      () => api.scan(path, scanOptions),
      (e: unknown) => e instanceof api.ScanOptionsError && message.test(e.message),
      JSON.stringify(options),
    );
    try {
      await api.scanPath(path, scanOptions);
      assert.unreachable(JSON.stringify(options));
    } catch (error) {
      assert.ok(error instanceof api.ScanOptionsError && message.test(error.message), String(error));
    }
  }
  assert.throws(
    () => api.scan(path, null as unknown as api.ScanOptions),
    (e: unknown) => e instanceof api.ScanOptionsError && e.message === "scan options: must be an object",
  );
  assert.is(api.scan(path, { workers: 0, now: 1_796_083_200, maxArchiveBytes: 1024, layout: "host-root" }).hosts.length, 2);
});

test("scanPaths scans several paths as one fleet, and checks what it is given", async () => {
  const result = await api.scanPaths([join(EXAMPLES, "secure-fleet"), join(EXAMPLES, "guide-current-fleet")], { workers: 0 });
  assert.equal(
    result.hosts.map((h) => h.root),
    ["secure-fleet/compute-1", "secure-fleet/compute-2", "guide-current-fleet/compute-1", "guide-current-fleet/compute-2"],
  );
  for (const paths of [[], [3], "secure-fleet"]) {
    try {
      await api.scanPaths(paths as unknown as string[]);
      assert.unreachable(JSON.stringify(paths));
    } catch (error) {
      assert.ok(error instanceof api.ScanOptionsError && /one path or more/.test(error.message), String(error));
    }
  }
});

test.run();
