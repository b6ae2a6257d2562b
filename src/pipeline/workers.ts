/**
 * Loading and evaluating hosts on worker threads. Each worker opens the scanned folder as
 * its own sandboxed Tree, loads policy.wasm once and takes every Nth host; outcomes come
 * back by index so the report is the same as a scan in one thread.
 */
import { Worker } from "node:worker_threads";
import type { FoundHost } from "../loader/discover.js";
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

/**
 * Not async, and no closure holds `sources`: once the workers have their shares, the caller's
 * array is not kept alive by this scan.
 */
export function evaluateInWorkers(
  root: string,
  sources: FoundHost[],
  settings: BuildOptions,
  policyUrl: URL,
  workers: number,
  onProgress?: (done: number, total: number) => void,
): Promise<{ outcomes: SerializedOutcome[]; truncated: string[] }> {
  const total = sources.length;
  const outcomes: SerializedOutcome[] = new Array<SerializedOutcome>(total);
  const truncated: string[] = [];
  let done = 0;
  const started: Worker[] = [];
  const count = Math.min(workers, total);
  const runs: Promise<void>[] = [];
  for (let w = 0; w < count; w++) {
    const indexes: number[] = [];
    for (let i = w; i < total; i += workers) indexes.push(i);
    const job: WorkerJob = { root, sources: indexes.map((i) => sources[i] as FoundHost), indexes, settings, policyUrl: policyUrl.href };
    const worker = new Worker(new URL("./host-worker.js", import.meta.url), { workerData: job });
    started.push(worker);
    runs.push(
      new Promise<void>((resolve, reject) => {
        let finished = false;
        worker.on("message", (message: WorkerMessage) => {
          if (message.kind === "outcome") {
            outcomes[message.index] = message.outcome;
            onProgress?.(++done, total);
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
      }),
    );
  }
  return Promise.all(runs).then(
    () => ({ outcomes, truncated }),
    async (error: unknown) => {
      // One worker failed: the scan fails, and the others need not finish their hosts.
      await Promise.all(started.map((worker) => worker.terminate()));
      throw error;
    },
  );
}
