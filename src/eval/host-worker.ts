/** A scan worker: loads and evaluates its share of the hosts (see workers.ts). */
import { parentPort, workerData } from "node:worker_threads";
import { Tree } from "../loader/fs.js";
import { evaluateSource, serializeOutcome } from "../scan.js";
import { Policy } from "./policy.js";
import type { WorkerJob, WorkerMessage } from "./workers.js";

const job = workerData as WorkerJob;
const port = parentPort;
if (port === null) throw new Error("host-worker.js runs as a worker thread only");
const tree = new Tree(job.root);
const policy = Policy.load(new URL(job.policyUrl));
job.sources.forEach((source, i) => {
  const message: WorkerMessage = { kind: "outcome", index: job.indexes[i] as number, outcome: serializeOutcome(evaluateSource(tree, source, job.settings, policy)) };
  port.postMessage(message);
});
const done: WorkerMessage = { kind: "done", truncated: [...tree.truncated] };
port.postMessage(done);
