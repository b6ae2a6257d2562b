/**
 * Evaluates documents with the policies compiled to WebAssembly by OPA
 * (build/policy/policy.wasm), loaded once per process.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type * as OpaWasm from "@open-policy-agent/opa-wasm";
import type { LoadedPolicy } from "@open-policy-agent/opa-wasm";
import type { FleetDocument } from "../model/fleet.js";
import type { FleetReport, HostReport } from "../model/finding.js";
import type { HostDocument } from "../model/host.js";

export const HOST_ENTRYPOINT = "migpolicy/main/host";
export const FLEET_ENTRYPOINT = "migpolicy/main/fleet";
// The package's ESM entry exports only the async loadPolicy; its CommonJS entry has loadPolicySync.
const { loadPolicySync } = createRequire(import.meta.url)("@open-policy-agent/opa-wasm") as typeof OpaWasm;

export const DEFAULT_POLICY_URL = new URL("../../policy/policy.wasm", import.meta.url);

/** A failure of the policy engine itself (not of the scanned input). */
export class PolicyEngineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export class Policy {
  private constructor(
    private readonly loaded: LoadedPolicy,
    /** Where policy.wasm was read from, so worker threads can load the same one. */
    readonly url: URL,
  ) {}

  static load(url: URL = DEFAULT_POLICY_URL): Policy {
    let bytes: Buffer;
    try {
      bytes = readFileSync(url);
    } catch (cause) {
      throw new PolicyEngineError(`cannot read the compiled policies at ${url.pathname}; run \`npm run build\``, { cause });
    }
    try {
      const loaded = loadPolicySync(bytes, { initial: 5, maximum: 8192 });
      for (const entrypoint of [HOST_ENTRYPOINT, FLEET_ENTRYPOINT]) {
        if (!(entrypoint in loaded.entrypoints)) throw new PolicyEngineError(`policy.wasm lacks the entrypoint ${entrypoint}`);
      }
      return new Policy(loaded, url);
    } catch (cause) {
      if (cause instanceof PolicyEngineError) throw cause;
      throw new PolicyEngineError("cannot load policy.wasm", { cause: wrap(cause) });
    }
  }

  evaluateHost(document: HostDocument): HostReport {
    return this.evaluate(document, HOST_ENTRYPOINT) as HostReport;
  }

  evaluateFleet(document: FleetDocument): FleetReport {
    return this.evaluate(document, FLEET_ENTRYPOINT) as FleetReport;
  }

  private evaluate(input: unknown, entrypoint: string): object {
    let results: { result: unknown }[];
    try {
      results = this.loaded.evaluate(input, entrypoint) as { result: unknown }[];
    } catch (cause) {
      // opa_abort throws a string, not an Error.
      throw new PolicyEngineError(`evaluating ${entrypoint} failed`, { cause: wrap(cause) });
    }
    const value = results[0]?.result;
    if (value === null || typeof value !== "object" || !Array.isArray((value as { findings?: unknown }).findings)) {
      throw new PolicyEngineError(`${entrypoint} returned no report`);
    }
    return value;
  }
}

function wrap(cause: unknown): Error {
  return cause instanceof Error ? cause : new Error(String(cause));
}
