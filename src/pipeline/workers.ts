/**
 * Loading and evaluating hosts on worker threads. Each worker opens the scanned folder as
 * its own sandboxed Tree, loads policy.wasm once and takes every Nth host; outcomes come
 * back by index so the report is the same as a scan in one thread.
 */
import { Worker } from "node:worker_threads";
import type { HostSource } from "../loader/discover.js";
import type { BuildOptions } from "../document/host.js";
import type { SerializedOutcome, WorkerJob, WorkerMessage } from "./wire.js";

/** Fleets smaller than this are scanned in one thread: starting workers costs more. */
export const PARALLEL_FLEET_SIZE = 200;
export const MAX_WORKERS = 4;

/** A worker thread that ended before it sent all its hosts' outcomes. */
export class WorkerStopped extends Error {
  constructor(readonly exitCode: number) {
    super(`a scan worker stopped (exit code ${exitCode}) before it finished its hosts`);
  }
}

export async function evaluateInWorkers(
  root: string,
  sources: HostSource[],
  settings: BuildOptions,
  policyUrl: URL,
  workers: number,
  onProgress?: (done: number, total: number) => void,
): Promise<{ outcomes: SerializedOutcome[]; truncated: string[] }> {
  const outcomes: SerializedOutcome[] = new Array<SerializedOutcome>(sources.length);
  const truncated: string[] = [];
  let done = 0;
  const started: Worker[] = [];
  const runs = Array.from({ length: Math.min(workers, sources.length) }, (_, w) => {
    const indexes = sources.map((_, i) => i).filter((i) => i % workers === w);
    const job: WorkerJob = { root, sources: indexes.map((i) => sources[i] as HostSource), indexes, settings, policyUrl: policyUrl.href };
    return new Promise<void>((resolve, reject) => {
      const worker = new Worker(new URL("./host-worker.js", import.meta.url), { workerData: job });
      started.push(worker);
      let finished = false;
      worker.on("message", (message: WorkerMessage) => {
        if (message.kind === "outcome") {
          outcomes[message.index] = message.outcome;
          onProgress?.(++done, sources.length);
        } else {
          for (const folder of message.truncated) truncated.push(folder);
          finished = true;
        }
      });
      worker.on("error", reject);
      worker.on("exit", (code) => {
        if (finished) resolve();
        else reject(new WorkerStopped(code));
      });
    });
  });
  try {
    await Promise.all(runs);
  } catch (error) {
    // One worker failed: the scan fails, and the others need not finish their hosts.
    await Promise.all(started.map((worker) => worker.terminate()));
    throw error;
  }
  return { outcomes, truncated };
}
