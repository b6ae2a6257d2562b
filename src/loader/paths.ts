/** Paths inside a scanned tree: relative to its root, forward slashes, no `.` parts. Pure. */
import { posix } from "node:path";

export function joinRelative(...parts: string[]): string {
  const joined = posix.join(...parts.filter((p) => p !== "" && p !== "."));
  return joined === "" ? "." : joined;
}

export function splitPath(path: string): string[] {
  return path.split("/").filter((p) => p !== "" && p !== ".");
}
