// Preloaded into the measured process (node --import): reports its peak RSS on fd 3 at exit,
// so the bench needs no /usr/bin/time.
import { writeSync } from "node:fs";

process.on("exit", () => {
  try {
    writeSync(3, `${process.resourceUsage().maxRSS}\n`);
  } catch {
    // fd 3 is not open: run outside the bench.
  }
});
