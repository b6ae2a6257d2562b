/**
 * opa-wasm's synchronous loader. The package's ES module exports only the asynchronous
 * loadPolicy by name; its default export is the CommonJS module, which has loadPolicySync.
 * Imported (not required at run time), so the bundled command holds it too.
 */
import * as opaWasm from "@open-policy-agent/opa-wasm";

// The types (dist/types/opa.d.mts) declare the named functions only, not the default export.
export const { loadPolicySync } = (opaWasm as unknown as { default: typeof opaWasm }).default;
