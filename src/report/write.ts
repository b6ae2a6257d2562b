/**
 * Writes an output file atomically: a temporary file in the same folder, flushed,
 * then renamed over the target, so a reader sees the old file or the new one, never
 * half of one. A process stopped by SIGTERM or SIGINT while writing removes its
 * temporary file (writes go in chunks, so the handler gets its turn); one killed
 * outright leaves it, and the next write to the same target sweeps it away.
 */
import {
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeSync,
} from "node:fs";
import { open } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

const CHUNK = 1 << 20;
const pending = new Set<string>();

function temporaryName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
}

/** Removes temporary files of earlier writes to `path` whose process is gone. */
function sweep(path: string): void {
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    const match = name.startsWith(prefix) ? /^(\d+)\.\d+\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || alive(pid)) continue;
    rmSync(join(dirname(path), name), { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** An output path that cannot be written: said before the scan, with the reason. */
export class OutputTargetError extends Error {
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: cannot write the report there: ${reason}`, options);
  }
}

/** Where a report goes: standard output, or a regular file (the target of a link to one). */
export type OutputTarget =
  | { kind: "stdout" }
  | { kind: "file"; path: string /** The replaced file's mode; null for a new file (0644 less the umask). */; mode: number | null };

const KINDS: [(s: Stats) => boolean, string][] = [
  [(s) => s.isDirectory(), "it is a folder"],
  [(s) => s.isCharacterDevice() || s.isBlockDevice(), "it is a device"],
  [(s) => s.isFIFO(), "it is a FIFO"],
  [(s) => s.isSocket(), "it is a socket"],
];

/**
 * Checks an --output path before anything is scanned: `-` is standard output; otherwise the
 * report replaces a regular file (through a link, the file it leads to, whose mode it keeps)
 * or creates one in a folder that exists and is writable. Devices, FIFOs, sockets and folders
 * are refused: renaming over them would replace the node itself.
 */
export function outputTarget(path: string): OutputTarget {
  if (path === "-") return { kind: "stdout" };
  if (path === "") throw new OutputTargetError(path, "the path is empty");
  let target = path;
  let mode: number | null = null;
  if (lstatSync(path, { throwIfNoEntry: false }) !== undefined) {
    let stats: Stats;
    try {
      target = realpathSync(path);
      stats = statSync(target);
    } catch (cause) {
      throw new OutputTargetError(path, "it is a link that leads nowhere", { cause });
    }
    for (const [is, reason] of KINDS) if (is(stats)) throw new OutputTargetError(path, reason);
    if (!stats.isFile()) throw new OutputTargetError(path, "it is not a regular file");
    mode = stats.mode & 0o7777;
  }
  const folder = dirname(target);
  const folderStats = statSync(folder, { throwIfNoEntry: false });
  if (folderStats === undefined || !folderStats.isDirectory()) throw new OutputTargetError(path, `the folder ${folder} does not exist`);
  try {
    accessSync(folder, constants.W_OK);
  } catch (cause) {
    throw new OutputTargetError(path, `the folder ${folder} is not writable`, { cause });
  }
  return { kind: "file", path: target, mode };
}

export function writeFileAtomic(path: string, content: string): void {
  sweep(path);
  const temporary = temporaryName(path);
  let fd: number | undefined;
  try {
    fd = openSync(temporary, "wx", 0o644);
    writeSync(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Content as pieces of about CHUNK bytes (many small strings are joined first). */
export function* pieces(content: string | Uint8Array | Iterable<string>): Generator<Uint8Array> {
  if (content instanceof Uint8Array) {
    for (let at = 0; at < content.length; at += CHUNK) yield content.subarray(at, at + CHUNK);
    return;
  }
  if (typeof content === "string") {
    // Encoded whole, then cut: cutting the string could split a surrogate pair.
    yield* pieces(Buffer.from(content));
    return;
  }
  let batch: string[] = [];
  let size = 0;
  for (const text of content) {
    batch.push(text);
    size += text.length;
    if (size >= CHUNK) {
      yield Buffer.from(batch.join(""));
      batch = [];
      size = 0;
    }
  }
  if (size > 0) yield Buffer.from(batch.join(""));
}

/**
 * writeFileAtomic in chunks, so that a SIGTERM or SIGINT (see removeOnSignal) can interrupt it
 * cleanly; content given as pieces (a chunked formatter's) is written as it is made.
 */
export async function writeFileAtomicAsync(path: string, content: string | Uint8Array | Iterable<string>, mode: number | null = null): Promise<void> {
  sweep(path);
  const temporary = temporaryName(path);
  pending.add(temporary);
  const handle = await open(temporary, "wx", 0o644);
  try {
    // A replaced file keeps its own mode, whatever the umask.
    if (mode !== null) await handle.chmod(mode);
    for (const piece of pieces(content)) await handle.write(piece);
    await handle.sync();
    await handle.close();
    renameSync(temporary, path);
  } catch (error) {
    await handle.close().catch(() => undefined);
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    pending.delete(temporary);
  }
}

/** On SIGTERM and SIGINT, removes the temporary files of unfinished writes, then exits. */
export function removeOnSignal(): void {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      for (const temporary of pending) rmSync(temporary, { force: true });
      process.exit(signal === "SIGINT" ? 130 : 143);
    });
  }
}
