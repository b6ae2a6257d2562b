/**
 * Evaluates documents with the policies compiled to WebAssembly by OPA
 * (build/policy/policy.wasm), loaded once per process.
 */
import { readFileSync } from "node:fs";
import type { LoadedPolicy } from "@open-policy-agent/opa-wasm";
import { evaluateEach, jsonByteLength, type JsonInput } from "./entrypoints.js";
import { loadPolicySync } from "./opa-wasm.js";
import { asError } from "../model/errors.js";
import type { FleetDocument } from "../model/fleet.js";
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
const FLEET_RULE = new RegExp(`^migpolicy/fleet_checks/[^/]+/[^/]+/(${FLEET_REPORT_RULES.join("|")})$`);
const isFleetReportRule = (name: string | undefined): name is FleetEntrypoint["rule"] => FLEET_REPORT_RULES.some((rule) => rule === name);

interface FleetEntrypoint {
  name: string;
  id: number;
  rule: (typeof FLEET_REPORT_RULES)[number];
}

function fleetEntrypoints(entrypoints: unknown): FleetEntrypoint[] {
  if (typeof entrypoints !== "object" || entrypoints === null) return [];
  const found: FleetEntrypoint[] = [];
  for (const [name, id] of Object.entries(entrypoints)) {
    const rule = FLEET_RULE.exec(name)?.[1];
    if (typeof id === "number" && isFleetReportRule(rule)) found.push({ name, id, rule });
  }
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
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

export class Policy {
  private constructor(
    private readonly loaded: LoadedPolicy,
    private readonly bytes: Buffer,
    private readonly data: ArrayBuffer,
    /** Where policy.wasm was read from, so worker threads can load the same one. */
    readonly url: URL,
    private readonly fleetRules: FleetEntrypoint[],
  ) {}

  static load(url: URL = DEFAULT_POLICY_URL): Policy {
    let bytes: Buffer;
    let data: ArrayBuffer;
    try {
      bytes = readFileSync(url);
      const json = readFileSync(new URL(DATA_FILE, url));
      data = json.buffer.slice(json.byteOffset, json.byteOffset + json.byteLength);
    } catch (cause) {
      throw new PolicyEngineError(`cannot read the compiled policies at ${url.pathname} and the ${DATA_FILE} beside them; run \`npm run build\``, { cause });
    }
    try {
      const loaded = loadPolicySync(bytes, { initial: 5, maximum: MAX_PAGES });
      if (!(HOST_ENTRYPOINT in loaded.entrypoints)) throw new PolicyEngineError(`policy.wasm lacks the entrypoint ${HOST_ENTRYPOINT}`);
      const fleetRules = fleetEntrypoints(loaded.entrypoints);
      if (!fleetRules.some((e) => e.rule === "deny")) throw new PolicyEngineError("policy.wasm has no fleet check's deny as an entrypoint");
      loaded.setData(data);
      return new Policy(loaded, bytes, data, url, fleetRules);
    } catch (cause) {
      if (cause instanceof PolicyEngineError) throw cause;
      throw new PolicyEngineError("cannot load policy.wasm", { cause: asError(cause) });
    }
  }

  evaluateHost(document: HostDocument): HostReport {
    return this.evaluate(document, HOST_ENTRYPOINT) as HostReport;
  }

  /** The fleet checks over the fleet document (the report data.migpolicy.main.fleet is). */
  evaluateFleet(document: FleetDocument): FleetReport {
    return this.evaluateFleetJson(new TextEncoder().encode(JSON.stringify(document)));
  }

  /**
   * The fleet checks over the fleet document's JSON (UTF-8 bytes, or strings whose
   * concatenation it is), for a caller that holds the hosts' entries as JSON already (a scan
   * on worker threads): no objects made only to be serialised again. The document is parsed
   * once and each check's rules evaluated in turn.
   */
  evaluateFleetJson(json: JsonInput): FleetReport {
    const bytes = jsonByteLength(json);
    const instance = bytes < SMALL_FLEET_BYTES ? this.loaded : this.fleetInstance(bytes);
    let values: unknown[];
    try {
      values = evaluateEach(
        instance,
        json,
        this.fleetRules.map((e) => e.id),
      );
    } catch (cause) {
      // opa_abort throws a string, not an Error.
      throw new PolicyEngineError("evaluating the fleet checks failed", { cause: asError(cause) });
    }
    const report: FleetReport = { findings: [], failures: {}, not_evaluated: [] };
    this.fleetRules.forEach(({ name, rule }, index) => {
      const value = values[index];
      if (value === undefined) return;
      if (rule === "failures") {
        if (typeof value !== "object" || value === null || Array.isArray(value)) throw new PolicyEngineError(`${name} is not an object of roots`);
        Object.assign(report.failures, value);
        return;
      }
      if (!Array.isArray(value)) throw new PolicyEngineError(`${name} is not a set`);
      // policy.wasm's own results: the checks' findings (result.fail) and skips (result.skip).
      if (rule === "deny") for (const finding of value as FleetReport["findings"]) report.findings.push(finding);
      else for (const skipped of value as FleetReport["not_evaluated"]) report.not_evaluated.push(skipped);
    });
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
