/** Paths inside a scanned tree: relative to its root, forward slashes, no `.` parts. Pure. */
import { posix } from "node:path";

/** A part path.join would change: absolute, an empty, "." or ".." segment, or a trailing slash. */
const UNCLEAN = /^\/|\/$|\/\/|(^|\/)\.\.?(\/|$)/;

export function joinRelative(...parts: string[]): string {
  const kept = parts.filter((p) => p !== "" && p !== ".");
  // Clean parts join as they are: path.join's normalising cost a host's unit lookups a third of their time.
  if (!kept.some((part) => UNCLEAN.test(part))) return kept.length === 0 ? "." : kept.join("/");
  const joined = posix.join(...kept);
  return joined === "" ? "." : joined;
}

export function splitPath(path: string): string[] {
  return path.split("/").filter((p) => p !== "" && p !== ".");
}
