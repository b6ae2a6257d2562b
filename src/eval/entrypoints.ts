/**
 * Several entrypoints of policy.wasm evaluated over one input parsed once, through OPA's Wasm
 * ABI (https://www.openpolicyagent.org/docs/wasm). opa-wasm's evaluate parses its input anew
 * for each entrypoint, and OPA's evaluator frees nothing until an evaluation ends: the fleet
 * checks of 10,000 hosts in one evaluation held the input's parse (~280 MB of Wasm memory)
 * and every check's intermediate values at once (~680 MB). Here the heap is reset to just
 * after the parsed input between entrypoints, so the memory is the input's and one check's.
 */
import type { LoadedPolicy } from "@open-policy-agent/opa-wasm";

const ABI = [
  "opa_heap_ptr_get",
  "opa_heap_ptr_set",
  "opa_malloc",
  "opa_json_parse",
  "opa_json_dump",
  "opa_eval_ctx_new",
  "opa_eval_ctx_set_input",
  "opa_eval_ctx_set_data",
  "opa_eval_ctx_set_entrypoint",
  "opa_eval_ctx_get_result",
  "eval",
] as const;

type Abi = Record<(typeof ABI)[number], (...args: number[]) => number>;

function abiOf(instance: LoadedPolicy): Abi {
  const source = instance.wasmInstance;
  const exports = "exports" in source ? source.exports : source.instance.exports;
  const abi: Partial<Abi> = {};
  for (const name of ABI) {
    const exported = exports[name];
    if (typeof exported !== "function") throw new Error(`policy.wasm does not export ${name}`);
    // An exported Wasm function of the ABI: i32 arguments, an i32 result (or none).
    abi[name] = exported as (...args: number[]) => number;
  }
  return abi as Abi;
}

const decoder = new TextDecoder();

/**
 * A JSON document as strings whose concatenation it is, written straight into the instance's
 * memory (a 10,000-host fleet's 37 MB never exists outside it as well).
 */
export type JsonPieces = readonly string[];

export function jsonByteLength(input: JsonPieces): number {
  let length = 0;
  for (const piece of input) length += Buffer.byteLength(piece);
  return length;
}

function writeInput(memory: { readonly buffer: ArrayBuffer }, at: number, input: JsonPieces): void {
  const heap = Buffer.from(memory.buffer);
  let offset = at;
  for (const piece of input) offset += heap.write(piece, offset);
}

/**
 * The `result` of each entrypoint (by its id in the instance's entrypoints) over `input`;
 * undefined where the entrypoint's rule is undefined. The instance's data is the one
 * opa-wasm's setData loaded, and its next evaluate starts from its own heap again.
 */
export function evaluateEach(instance: LoadedPolicy, input: JsonPieces, entrypoints: readonly number[]): unknown[] {
  const abi = abiOf(instance);
  const memory = instance.mem;
  const dataHeapPtr: unknown = instance.dataHeapPtr;
  if (typeof dataHeapPtr !== "number") throw new Error("opa-wasm's instance has no data loaded");
  abi.opa_heap_ptr_set(dataHeapPtr);
  const length = jsonByteLength(input);
  const raw = abi.opa_malloc(length);
  // After the allocation, which may have grown (and so replaced) the memory's buffer.
  writeInput(memory, raw, input);
  const inputAddress = abi.opa_json_parse(raw, length);
  if (inputAddress === 0) throw new Error("policy.wasm cannot parse the input document");
  const afterInput = abi.opa_heap_ptr_get();
  return entrypoints.map((entrypoint) => {
    abi.opa_heap_ptr_set(afterInput);
    const context = abi.opa_eval_ctx_new();
    abi.opa_eval_ctx_set_input(context, inputAddress);
    abi.opa_eval_ctx_set_data(context, instance.dataAddr);
    abi.opa_eval_ctx_set_entrypoint(context, entrypoint);
    abi.eval(context);
    const json = abi.opa_json_dump(abi.opa_eval_ctx_get_result(context));
    const heap = new Uint8Array(memory.buffer);
    // policy.wasm's own JSON of the result set, [{"result": …}] or [] when undefined.
    const results: unknown = JSON.parse(decoder.decode(heap.subarray(json, heap.indexOf(0, json))));
    const first: unknown = Array.isArray(results) ? results[0] : undefined;
    return typeof first === "object" && first !== null && "result" in first ? first.result : undefined;
  });
}
