/** A scan worker: loads and evaluates its share of the hosts (see workers.ts). */
import { parentPort, workerData } from "node:worker_threads";
import { Policy } from "../eval/policy.js";
import { Tree } from "../loader/fs.js";
import { claimHosts, evaluateFound, type WorkerJob, type WorkerMessage } from "./wire.js";

// workers.ts, in this process, starts this module with a WorkerJob.
const job = workerData as WorkerJob;
const port = parentPort;
if (port === null) throw new Error("host-worker.js runs as a worker thread only");
const tree = new Tree(job.root);
const policy = Policy.load(new URL(job.policyUrl));
for (const [index, found] of claimHosts(job.next, job.sources)) {
  const message: WorkerMessage = { kind: "outcome", index, outcome: evaluateFound(tree, found, job.settings, policy) };
  port.postMessage(message);
}
const done: WorkerMessage = { kind: "done", truncated: [...tree.truncated] };
port.postMessage(done);
