/** `ps auxwww` output (a sosreport's `ps`): the arguments a running program was started with. */

export interface ProcessArgs {
  words: string[];
  /** 1-based line of the process in the listing. */
  line: number;
}

/** ps aux's columns before COMMAND: USER PID %CPU %MEM VSZ RSS TTY STAT START TIME. */
const COMMAND_COLUMN = 10;

/** The first process whose program is `program` (by name or path), with the words after it. */
export function processArgs(text: string, program: string): ProcessArgs | null {
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const words = (lines[index] as string).trim().split(/\s+/);
    const at = words.findIndex((word) => word === program || word.endsWith(`/${program}`));
    if (at >= COMMAND_COLUMN) return { words: words.slice(at + 1), line: index + 1 };
  }
  return null;
}
