/**
 * Kayobe's pass over a Kolla override file (kolla/config/<path>) before kolla-ansible reads it:
 * the file as the base configuration and each environment hold it, concatenated as Kayobe's
 * concat strategy does (each through the file lookup, which strips its trailing blanks, nothing
 * put between them), then templated with Kayobe's (localhost's) variables: `{% raw %}` keeps
 * Jinja for kolla-ansible, which renders it with the host's. The result comes with each line's
 * place in the repository, whether it is that line as written, and what the pass could not know.
 */
import { lastAtMost, lineStarts } from "../../loader/formats/text.js";
import type { HostFiles } from "../../model/files.js";
import type { Location } from "../../model/location.js";
import type { Scope } from "./expression.js";
import { KAYOBE_RUN } from "./kayobe.js";
import { kayobeTemplate } from "./kayobe-template.js";

export interface KayobeLines {
  placeOf(index: number): Location;
  copied(index: number): boolean;
  /** Why the line's text is not known, if it is not. */
  unknown(index: number): string | undefined;
}

interface Piece {
  start: number;
  file: string;
  text: string;
  starts: number[];
}

export function kayobeConfigPass(
  files: HostFiles,
  paths: readonly string[],
  scope: Scope,
  unrendered: { reason: string; at: Location }[],
  notes: { message: string; at: Location }[],
): { text: string; lines: KayobeLines } | null {
  const pieces: Piece[] = [];
  let joined = "";
  for (const path of paths) {
    const content = files.text(path);
    if (content === null) return null;
    // lookup('file') strips the trailing blanks (rstrip); concat puts nothing between the files.
    const text = content.replace(/\s+$/, "");
    pieces.push({ start: joined.length, file: path, text, starts: lineStarts(text) });
    joined += text;
  }
  const pieceStarts = pieces.map((piece) => piece.start);
  const placeAt = (offset: number): Location => {
    const piece = pieces[lastAtMost(pieceStarts, offset)] as Piece;
    const local = Math.min(offset - piece.start, piece.text.length);
    const line = lastAtMost(piece.starts, local);
    return { file: piece.file, line: line + 1, column: local - (piece.starts[line] as number) + 1 };
  };
  const pass = kayobeTemplate(joined, scope);
  if (pass.failure !== null) {
    unrendered.push({
      reason: `Kayobe templates ${paths.at(-1)} before kolla-ansible reads it, with ${pass.failure.reason}, which migpolicy does not evaluate`,
      at: placeAt(pass.failure.source),
    });
    return null;
  }
  const outputStarts = lineStarts(pass.text);
  const lineEnd = (index: number) => (outputStarts[index + 1] ?? pass.text.length + 1) - 1;
  const unknown = new Map<number, string>();
  for (const range of pass.unknown) {
    const first = lastAtMost(outputStarts, range.start);
    const last = lastAtMost(outputStarts, Math.max(range.start, range.end - 1));
    for (let index = first; index <= last; index++) if (!unknown.has(index)) unknown.set(index, range.reason);
  }
  const placeOf = (index: number) => placeAt(pass.sourceOf(outputStarts[index] ?? 0));
  // Lines whose text comes from two files: the last line of one and the first of the next.
  for (let index = 0; index < outputStarts.length; index++) {
    const text = pass.text.slice(outputStarts[index], lineEnd(index));
    const trimmed = text.trimEnd();
    if (trimmed.length === 0) continue;
    const from = placeAt(pass.sourceOf(outputStarts[index] as number)).file;
    const to = placeAt(pass.sourceOf((outputStarts[index] as number) + trimmed.length - 1)).file;
    if (from !== to) {
      notes.push({
        message: `Kayobe concatenates this file with ${to} with no line break between them (the file lookup strips the newline: ${KAYOBE_RUN.concat.at}): its last line and that file's first are one line to kolla-ansible`,
        at: placeOf(index),
      });
    }
  }
  return {
    text: pass.text,
    lines: {
      placeOf,
      copied: (index) => {
        const at = placeOf(index);
        const piece = pieces.find((p) => p.file === at.file);
        if (piece === undefined || at.column !== 1) return false;
        const start = piece.starts[at.line - 1] as number;
        const end = piece.starts[at.line];
        return piece.text.slice(start, end === undefined ? piece.text.length : end - 1) === pass.text.slice(outputStarts[index], lineEnd(index));
      },
      unknown: (index) => unknown.get(index),
    },
  };
}
