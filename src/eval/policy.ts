/**
 * Evaluates documents with the policies compiled to WebAssembly by OPA
 * (build/policy/policy.wasm), loaded once per process.
 */
import { readFileSync } from "node:fs";
import type { LoadedPolicy } from "@open-policy-agent/opa-wasm";
import { evaluateEach, jsonByteLength } from "./entrypoints.js";
import { hostInputFor, POLICY_STRINGS_FILE } from "./host-input.js";
import { loadPolicySync } from "./opa-wasm.js";
import { asError } from "../model/errors.js";
import { type FleetDocument, type FleetHost, FLEET_SCHEMA_VERSION } from "../model/fleet.js";
import type { FleetReport, HostReport } from "../model/finding.js";
import type { HostDocument } from "../model/host.js";

export const HOST_ENTRYPOINT = "migpolicy/main/host";
/**
 * The fleet checks' rules that make the fleet report, each an entrypoint of policy.wasm
 * (`migpolicy/fleet_checks/<area>/<check>/<rule>`, tools/build.mjs): what they deny, which
 * hosts' migrations fail (by root, with the reason), and what they cannot evaluate for a host.
 * data.migpolicy.main.fleet is the same report in Rego, for `opa eval`.
 */
export const FLEET_REPORT_RULES = ["deny", "failures", "not_evaluated"] as const;
/**
 * Beside policy.wasm: each fleet check's report entrypoint (`migpolicy/fleet_reports/<area>/<check>/report`,
 * an object of the check's rules, so one evaluation computes what they share once), the rules
 * it holds, and the fields of a fleet entry the check names (tools/build.mjs, from OPA's parse
 * of the check), over which alone the check is evaluated: the largest part of a fleet
 * evaluation's memory is its input's parse (10,000 hosts' entries, 37 MB of JSON, took 248 MB
 * of Wasm memory parsed; the largest check's share, 22 MB).
 */
export const FLEET_CHECKS_FILE = "fleet-checks.json";
const FLEET_REPORT = /^migpolicy\/fleet_reports\/[^/]+\/[^/]+\/report$/;
const isFleetReportRule = (name: unknown): name is FleetReportRule => FLEET_REPORT_RULES.some((rule) => rule === name);

type FleetReportRule = (typeof FLEET_REPORT_RULES)[number];

interface FleetCheck {
  name: string;
  id: number;
  rules: FleetReportRule[];
  fields: string[];
}

/**
 * A fleet entry as JSON field by field (each value's JSON by the field's name): a check's
 * share of the fleet document is written from the fields it reads, no entry parsed again.
 */
export type FleetEntryJson = Readonly<Record<string, string>>;

export function fleetEntryJsonOf(entry: FleetHost): FleetEntryJson {
  const fields: Record<string, string> = {};
  for (const [field, value] of Object.entries(entry)) if (value !== undefined) fields[field] = JSON.stringify(value);
  return fields;
}

/** The entry's whole JSON object, from its fields' JSON. */
export function fleetEntryText(entry: FleetEntryJson): string {
  return `{${Object.entries(entry)
    .map(([field, json]) => `${JSON.stringify(field)}:${json}`)
    .join(",")}}`;
}

/** The fleet document with `fields` of each host alone, as pieces of its JSON. */
function projection(hosts: readonly FleetEntryJson[], fields: readonly string[]): string[] {
  const names = fields.map((field) => `${JSON.stringify(field)}:`);
  const pieces = [`{"schema_version":${FLEET_SCHEMA_VERSION},"hosts":[`];
  hosts.forEach((host, index) => {
    pieces.push(index === 0 ? "{" : ",{");
    let first = true;
    fields.forEach((field, f) => {
      const json = host[field];
      if (json === undefined) return;
      pieces.push(first ? (names[f] as string) : `,${names[f]}`, json);
      first = false;
    });
    pieces.push("}");
  });
  pieces.push("]}");
  return pieces;
}

/** The fleet checks: policy.wasm's fleet report entrypoints, as the build lists them with each check's rules and fields. */
function fleetChecks(entrypoints: unknown, listed: unknown): FleetCheck[] {
  const reports = new Map<string, number>();
  if (typeof entrypoints === "object" && entrypoints !== null) {
    for (const [name, id] of Object.entries(entrypoints)) if (typeof id === "number" && FLEET_REPORT.test(name)) reports.set(name, id);
  }
  if (!Array.isArray(listed)) throw new PolicyEngineError(`${FLEET_CHECKS_FILE} is not a list of fleet checks`);
  const checks: FleetCheck[] = [];
  for (const check of listed as unknown[]) {
    const { report, rules, fields } = (typeof check === "object" && check !== null ? check : {}) as { report?: unknown; rules?: unknown; fields?: unknown };
    if (
      typeof report !== "string" ||
      !Array.isArray(rules) ||
      !rules.every(isFleetReportRule) ||
      !Array.isArray(fields) ||
      !fields.every((field) => typeof field === "string")
    )
      throw new PolicyEngineError(`${FLEET_CHECKS_FILE} holds a check without its report, rules and fields`);
    const id = reports.get(report);
    if (id === undefined) throw new PolicyEngineError(`${FLEET_CHECKS_FILE} names ${report}, which policy.wasm lacks`);
    checks.push({ name: report, id, rules, fields });
  }
  if (checks.length !== reports.size) throw new PolicyEngineError(`policy.wasm has fleet entrypoints that ${FLEET_CHECKS_FILE} does not list`);
  return checks;
}

const DEFAULT_POLICY_URL = new URL("../../policy/policy.wasm", import.meta.url);
/** The policies' base data beside policy.wasm (policies/facts/data.json, as data.facts). */
const DATA_FILE = "data.json";

/** A failure of the policy engine itself (not of the scanned input). */
export class PolicyEngineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Wasm32's limit (4 GiB): a fleet's evaluation is bounded by the fleet, not by a guess. */
const MAX_PAGES = 65536;
const PAGE_BYTES = 65536;
/** policy.wasm's heap per byte of fleet JSON, measured on the bench's 10,000 full hosts (11.4), with room to spare. */
const FLEET_HEAP_PER_INPUT_BYTE = 20;
const SMALL_FLEET_BYTES = 1 << 20;

/**
 * Lets V8 free a dead instance's memory now. V8 frees it at its next full garbage collection,
 * which the scan's next steps (its findings as objects, the report) may not cause before the
 * end: 10,000 hosts kept the fleet checks' ~330 MB of Wasm memory to the end of the scan (peak
 * RSS 630 MB; 547 MB when freed). Memory outside V8's heap beyond its allowance makes it
 * collect at once: an ArrayBuffer as large as the instance's memory, never touched (its
 * pages cost nothing), and dropped. Where even its reservation is refused, the memory is
 * freed later, as before.
 */
function releaseNow(bytes: number): void {
  try {
    void new ArrayBuffer(Math.min(Math.max(bytes, 256 << 20), 1 << 30));
  } catch {
    // No room to reserve it: V8 collects in its own time.
  }
}

export class Policy {
  private constructor(
    private readonly loaded: LoadedPolicy,
    private readonly bytes: Buffer,
    private readonly data: ArrayBuffer,
    /** Where policy.wasm was read from, so worker threads can load the same one. */
    readonly url: URL,
    private readonly fleetChecks: FleetCheck[],
    private readonly policyStrings: ReadonlySet<string>,
  ) {}

  static load(url: URL = DEFAULT_POLICY_URL): Policy {
    let bytes: Buffer;
    let data: ArrayBuffer;
    let listedChecks: unknown;
    let listedStrings: unknown;
    try {
      bytes = readFileSync(url);
      const json = readFileSync(new URL(DATA_FILE, url));
      data = json.buffer.slice(json.byteOffset, json.byteOffset + json.byteLength);
      // The build's own output beside policy.wasm; fleetChecks checks its shape.
      listedChecks = JSON.parse(readFileSync(new URL(FLEET_CHECKS_FILE, url), "utf8"));
      listedStrings = JSON.parse(readFileSync(new URL(POLICY_STRINGS_FILE, url), "utf8"));
    } catch (cause) {
      throw new PolicyEngineError(
        `cannot read the compiled policies at ${url.pathname} and the ${DATA_FILE}, ${FLEET_CHECKS_FILE} and ${POLICY_STRINGS_FILE} beside them; run \`npm run build\``,
        { cause },
      );
    }
    try {
      const loaded = loadPolicySync(bytes, { initial: 5, maximum: MAX_PAGES });
      if (!(HOST_ENTRYPOINT in loaded.entrypoints)) throw new PolicyEngineError(`policy.wasm lacks the entrypoint ${HOST_ENTRYPOINT}`);
      const checks = fleetChecks(loaded.entrypoints, listedChecks);
      if (!checks.some((check) => check.rules.includes("deny"))) throw new PolicyEngineError("policy.wasm has no fleet check with a deny rule");
      if (!Array.isArray(listedStrings) || !listedStrings.every((s) => typeof s === "string"))
        throw new PolicyEngineError(`${POLICY_STRINGS_FILE} is not a list of strings`);
      loaded.setData(data);
      return new Policy(loaded, bytes, data, url, checks, new Set(listedStrings));
    } catch (cause) {
      if (cause instanceof PolicyEngineError) throw cause;
      throw new PolicyEngineError("cannot load policy.wasm", { cause: asError(cause) });
    }
  }

  evaluateHost(document: HostDocument): HostReport {
    return this.evaluate(hostInputFor(document, this.policyStrings), HOST_ENTRYPOINT) as HostReport;
  }

  /** The fleet checks over the fleet document (the report data.migpolicy.main.fleet is). */
  evaluateFleet(document: FleetDocument): FleetReport {
    return this.evaluateFleetEntries(document.hosts.map(fleetEntryJsonOf));
  }

  /**
   * The fleet checks over the fleet document of these entries, for a caller that holds them as
   * JSON already (a scan on worker threads): no objects made only to be serialised again. Each
   * check is evaluated over the fields it reads, parsed once for all its rules.
   */
  evaluateFleetEntries(hosts: readonly FleetEntryJson[]): FleetReport {
    const report: FleetReport = { findings: [], failures: {}, not_evaluated: [] };
    const inputs = this.fleetChecks.map((check) => projection(hosts, check.fields));
    const largest = inputs.reduce((most, input) => Math.max(most, jsonByteLength(input)), 0);
    const instance = largest < SMALL_FLEET_BYTES ? this.loaded : this.fleetInstance(largest);
    this.fleetChecks.forEach((check, index) => {
      let value: unknown;
      try {
        [value] = evaluateEach(instance, inputs[index] as string[], [check.id]);
      } catch (cause) {
        // opa_abort throws a string, not an Error.
        throw new PolicyEngineError("evaluating the fleet checks failed", { cause: asError(cause) });
      }
      // Its pieces are written into the instance's memory: not kept for the next checks.
      inputs[index] = [];
      if (typeof value !== "object" || value === null || Array.isArray(value)) throw new PolicyEngineError(`${check.name} is not an object of its rules`);
      const ofCheck = value as Partial<Record<FleetReportRule, unknown>>;
      for (const rule of check.rules) {
        const ruled = ofCheck[rule];
        if (rule === "failures") {
          if (typeof ruled !== "object" || ruled === null || Array.isArray(ruled))
            throw new PolicyEngineError(`${check.name}'s failures is not an object of roots`);
          Object.assign(report.failures, ruled);
          continue;
        }
        if (!Array.isArray(ruled)) throw new PolicyEngineError(`${check.name}'s ${rule} is not a set`);
        // policy.wasm's own results: the checks' findings (result.fail) and skips (result.skip).
        if (rule === "deny") for (const finding of ruled as FleetReport["findings"]) report.findings.push(finding);
        else for (const skipped of ruled as FleetReport["not_evaluated"]) report.not_evaluated.push(skipped);
      }
    });
    if (instance !== this.loaded) releaseNow(instance.mem.buffer.byteLength);
    return report;
  }

  /**
   * A large fleet's document in an instance of its own whose memory is there from the start:
   * OPA's allocator grows Wasm memory a few pages at a time, each growth made V8 collect
   * garbage, and the first evaluation of a 10,000-host fleet took 25 s instead of 5 s. Pages
   * never touched cost no RSS, and the instance's memory is freed with it after the evaluation.
   * A small fleet's growth costs nothing worth a second instance (compiling policy.wasm again).
   */
  private fleetInstance(inputBytes: number): LoadedPolicy {
    const pages = Math.min(MAX_PAGES, 5 + Math.ceil((inputBytes * FLEET_HEAP_PER_INPUT_BYTE) / PAGE_BYTES));
    try {
      const instance = loadPolicySync(this.bytes, { initial: pages, maximum: MAX_PAGES });
      instance.setData(this.data);
      return instance;
    } catch (cause) {
      throw new PolicyEngineError(`cannot reserve ${pages * (PAGE_BYTES >> 10)} KiB of memory for the fleet checks`, { cause: asError(cause) });
    }
  }

  private evaluate(input: unknown, entrypoint: string, instance: LoadedPolicy = this.loaded): object {
    let results: { result: unknown }[];
    try {
      results = instance.evaluate(input, entrypoint) as { result: unknown }[];
    } catch (cause) {
      // opa_abort throws a string, not an Error.
      throw new PolicyEngineError(`evaluating ${entrypoint} failed`, { cause: asError(cause) });
    }
    const value = results[0]?.result;
    if (value === null || typeof value !== "object" || !Array.isArray((value as { findings?: unknown }).findings)) {
      throw new PolicyEngineError(`${entrypoint} returned no report`);
    }
    return value;
  }
}
