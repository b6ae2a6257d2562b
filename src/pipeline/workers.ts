/**
 * Loading and evaluating hosts on several threads: this one and worker threads. Each worker
 * opens the scanned folder as its own sandboxed Tree and loads policy.wasm once; every thread
 * takes the next host from one shared counter, so that a thread the machine slows takes fewer
 * hosts. In a fleet of up to OWN_SHARE_LIMIT hosts this thread takes its share too, in place
 * of a worker: it only waited for the workers' outcomes. Outcomes are kept by index, so the
 * report is the same as a scan in one thread.
 */
import { Worker } from "node:worker_threads";
import type { FoundHost } from "../loader/discover.js";
import type { BuildOptions } from "../document/host.js";
import type { Policy } from "../eval/policy.js";
import type { Tree } from "../loader/fs.js";
import { claimHosts, evaluateFound, type SerializedOutcome, type WorkerJob, type WorkerMessage } from "./wire.js";

/** Fleets smaller than this are scanned in one thread: starting workers costs more. */
export const PARALLEL_FLEET_SIZE = 200;
export const MAX_WORKERS = 4;
/**
 * Up to this many hosts this thread takes hosts too. Above, it holds so many hosts' outcomes
 * until the report that its own hosts' garbage on top cost memory and saved no time (10,000
 * full hosts on two cores: 46.6 s and 648 MB peak RSS, against 45.9 s and 583 MB with two
 * workers); at 1,000 it saves time and memory (5.2-6.6 s and 218 MB, against 5.5-7.6 s and
 * 242 MB).
 */
const OWN_SHARE_LIMIT = 2000;

/** A worker thread that ended before it sent all its hosts' outcomes. */
export class WorkerStopped extends Error {
  constructor(readonly exitCode: number) {
    super(`a scan worker stopped (exit code ${exitCode}) before it finished its hosts`);
  }
}

/** The scan as this thread holds it: the folder on disk, its tree and the policy. */
export interface ThreadScan {
  root: string;
  tree: Tree;
  policy: Policy;
}

/** `threads` threads load and evaluate the hosts: this one and threads - 1 workers (`threads` workers above OWN_SHARE_LIMIT hosts). */
export function evaluateOnThreads(
  here: ThreadScan,
  sources: readonly FoundHost[],
  settings: BuildOptions,
  threads: number,
  onProgress?: (done: number, total: number) => void,
  ownShareLimit = OWN_SHARE_LIMIT,
): Promise<{ outcomes: SerializedOutcome[]; truncated: string[] }> {
  const total = sources.length;
  const outcomes: SerializedOutcome[] = new Array<SerializedOutcome>(total);
  const truncated: string[] = [];
  const next = new Int32Array(new SharedArrayBuffer(4));
  let done = 0;
  const started: Worker[] = [];
  const runs: Promise<void>[] = [];
  const job: WorkerJob = { root: here.root, sources, next, settings, policyUrl: here.policy.url.href };
  const ownShare = total <= ownShareLimit;
  for (let w = ownShare ? 1 : 0; w < Math.min(threads, total); w++) {
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
  if (ownShare)
    runs.push(
      (async () => {
        for (const [index, found] of claimHosts(next, sources)) {
          outcomes[index] = evaluateFound(here.tree, found, settings, here.policy);
          onProgress?.(++done, total);
          // The workers' outcomes are taken in between, and a signal stops the scan within a host.
          await new Promise((resolve) => setImmediate(resolve));
        }
      })(),
    );
  return Promise.all(runs).then(
    () => ({ outcomes, truncated }),
    async (error: unknown) => {
      // One worker failed: the scan fails, and the others need not finish their hosts.
      Atomics.store(next, 0, total);
      await Promise.all(started.map((worker) => worker.terminate()));
      throw error;
    },
  );
}
