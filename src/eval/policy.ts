/**
 * Evaluates documents with the policies compiled to WebAssembly by OPA
 * (build/policy/policy.wasm), loaded once per process.
 */
import { readFileSync } from "node:fs";
import type { LoadedPolicy } from "@open-policy-agent/opa-wasm";
import { loadPolicySync } from "./opa-wasm.js";
import { asError } from "../model/errors.js";
import type { FleetDocument } from "../model/fleet.js";
import type { FleetReport, HostReport } from "../model/finding.js";
import type { HostDocument } from "../model/host.js";

export const HOST_ENTRYPOINT = "migpolicy/main/host";
export const FLEET_ENTRYPOINT = "migpolicy/main/fleet";

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
/** policy.wasm's heap per byte of fleet JSON, measured on the bench's fleets, with room to spare. */
const FLEET_HEAP_PER_INPUT_BYTE = 32;
const SMALL_FLEET_BYTES = 1 << 20;

/**
 * The bytes as an ArrayBuffer of their own: opa-wasm takes raw JSON input only as one, and
 * reads all of it. A view (a small Buffer lies in Node's shared pool) is copied out.
 */
function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  const { buffer } = bytes;
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) return buffer;
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

export class Policy {
  private constructor(
    private readonly loaded: LoadedPolicy,
    private readonly bytes: Buffer,
    private readonly data: ArrayBuffer,
    /** Where policy.wasm was read from, so worker threads can load the same one. */
    readonly url: URL,
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
      for (const entrypoint of [HOST_ENTRYPOINT, FLEET_ENTRYPOINT]) {
        if (!(entrypoint in loaded.entrypoints)) throw new PolicyEngineError(`policy.wasm lacks the entrypoint ${entrypoint}`);
      }
      loaded.setData(data);
      return new Policy(loaded, bytes, data, url);
    } catch (cause) {
      if (cause instanceof PolicyEngineError) throw cause;
      throw new PolicyEngineError("cannot load policy.wasm", { cause: asError(cause) });
    }
  }

  evaluateHost(document: HostDocument): HostReport {
    return this.evaluate(document, HOST_ENTRYPOINT) as HostReport;
  }

  /**
   * The fleet document in an instance of its own whose memory is there from the start: OPA's
   * allocator grows Wasm memory a few pages at a time, each growth made V8 collect garbage,
   * and the first evaluation of a 10,000-host fleet took 25 s instead of 5 s. Pages never
   * touched cost no RSS, and the instance's memory is freed with it after the evaluation.
   */
  evaluateFleet(document: FleetDocument): FleetReport {
    return this.evaluateFleetJson(new TextEncoder().encode(JSON.stringify(document)));
  }

  /**
   * The fleet document as its JSON's UTF-8 bytes, for a caller that holds the hosts' entries as
   * JSON already (a scan on worker threads): no objects made only to be serialised again.
   */
  evaluateFleetJson(json: Uint8Array): FleetReport {
    // A small fleet's growth costs nothing worth a second instance (compiling policy.wasm again).
    if (json.length < SMALL_FLEET_BYTES) return this.evaluate(arrayBufferOf(json), FLEET_ENTRYPOINT) as FleetReport;
    const pages = Math.min(MAX_PAGES, 5 + Math.ceil((json.length * FLEET_HEAP_PER_INPUT_BYTE) / PAGE_BYTES));
    let instance: LoadedPolicy;
    try {
      instance = loadPolicySync(this.bytes, { initial: pages, maximum: MAX_PAGES });
      instance.setData(this.data);
    } catch (cause) {
      throw new PolicyEngineError(`cannot reserve ${pages * (PAGE_BYTES >> 10)} KiB of memory for the fleet checks`, { cause: asError(cause) });
    }
    return this.evaluate(arrayBufferOf(json), FLEET_ENTRYPOINT, instance) as FleetReport;
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
