/** A scan worker: loads and evaluates its share of the hosts (see workers.ts). */
import { parentPort, workerData } from "node:worker_threads";
import { Policy } from "../eval/policy.js";
import { sourceOf } from "../loader/discover.js";
import { Tree } from "../loader/fs.js";
import { evaluateSource } from "./host-step.js";
import { serializeOutcome, type WorkerJob, type WorkerMessage } from "./wire.js";

// workers.ts, in this process, starts this module with a WorkerJob.
const job = workerData as WorkerJob;
const port = parentPort;
if (port === null) throw new Error("host-worker.js runs as a worker thread only");
const tree = new Tree(job.root);
const policy = Policy.load(new URL(job.policyUrl));
const { sources, next } = job;
for (let index = Atomics.add(next, 0, 1); index < sources.length; index = Atomics.add(next, 0, 1)) {
  const source = sources[index] as (typeof sources)[number];
  const message: WorkerMessage = { kind: "outcome", index, outcome: serializeOutcome(evaluateSource(tree, sourceOf(tree, source), job.settings, policy)) };
  port.postMessage(message);
}
const done: WorkerMessage = { kind: "done", truncated: [...tree.truncated] };
port.postMessage(done);
