// Preloaded into the measured process (node --import): reports its peak RSS on fd 3 at exit,
// so the bench needs no /usr/bin/time.
import { writeSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

// Workers get this preload too; the peak RSS is the process's, reported once by its main thread.
if (isMainThread)
  process.on("exit", () => {
    try {
      writeSync(3, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // fd 3 is not open: run outside the bench.
    }
  });
