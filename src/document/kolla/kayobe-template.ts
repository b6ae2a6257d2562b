/**
 * Kayobe's Jinja pass over a file before kolla-ansible reads it: merge_yaml templates the whole
 * text of kolla/globals.yml with Ansible's templar (kayobe/plugins/action/merge_yaml.py:110,
 * trim_blocks on, lstrip_blocks off) and Kayobe's own variables (those of localhost), then reads
 * the result as YAML. This pass writes what that templar writes, for `{% raw %}`, `{# #}`,
 * `{{ }}`, `{% if %}`, `{% for %}` and `{% set %}`, with whitespace control, and keeps for every
 * offset of its output the source place it comes from. What it cannot know (an expression not
 * evaluated, a block whose condition is not) is written as it would stand and marked as a range
 * of the output, so a reader can tell which values it reaches. Pure, linear in its input
 * (loops bounded), never throws.
 */
import { lastAtMost } from "../../loader/formats/text.js";
import { evaluate, parseExpression, pythonString, type Scope, truthy, Unknown, type Value } from "./expression.js";

/** An output range whose text is not known. */
export interface UnknownRange {
  start: number;
  end: number;
  reason: string;
  /** The source offset of the expression or block. */
  source: number;
  /**
   * An expression standing alone on its line, whose output may be any lines: `nested` when
   * they are indented under the key before it (an indented line, or `indent(..., first=true)`).
   */
  lines: "no" | "nested" | "top";
}

export interface TemplatePass {
  text: string;
  unknown: UnknownRange[];
  /** Why the text cannot be written at all (a statement not evaluated), with its source offset. */
  failure: { reason: string; source: number } | null;
  /** The source offset an output offset comes from. */
  sourceOf(offset: number): number;
}

const MAX_OUTPUT = 4 << 20;
const MAX_ITERATIONS = 1000;
const MAX_NESTING = 64;
/** Written for an expression not known: plain text in any YAML place a value may stand. */
export const UNKNOWN_MARK = "__not_known_to_migpolicy__";

type Tag =
  | { kind: "text"; from: number; to: number }
  | { kind: "expression" | "statement"; body: string; from: number; to: number; trimBefore: boolean; trimAfter: boolean };

/** Splits a template into text and tags; raw blocks are text, comments are dropped (as Jinja's lexer does). */
function lex(source: string): { tags: Tag[]; failure: TemplatePass["failure"] } {
  const tags: Tag[] = [];
  let at = 0;
  let textFrom = 0;
  const pushText = (to: number) => {
    if (to > textFrom) tags.push({ kind: "text", from: textFrom, to });
  };
  while (at < source.length) {
    const open = source.indexOf("{", at);
    if (open < 0 || open + 1 >= source.length) break;
    const next = source[open + 1];
    if (next !== "{" && next !== "%" && next !== "#") {
      at = open + 1;
      continue;
    }
    const closer = next === "{" ? "}}" : next === "%" ? "%}" : "#}";
    const close = source.indexOf(closer, open + 2);
    if (close < 0) return { tags, failure: { reason: `an unclosed ${source.slice(open, open + 2)}`, source: open } };
    let inner = source.slice(open + 2, close);
    const trimBefore = inner.startsWith("-");
    const trimAfter = inner.endsWith("-");
    inner = inner.slice(trimBefore ? 1 : 0, trimAfter ? inner.length - 1 : inner.length).trim();
    pushText(open);
    let end = close + 2;
    if (next === "%" && /^raw$/.test(inner)) {
      const endRaw = /\{%-?\s*endraw\s*-?%\}/g;
      endRaw.lastIndex = end;
      const found = endRaw.exec(source);
      if (found === null) return { tags, failure: { reason: "{% raw %} without {% endraw %}", source: open } };
      if (trimBefore) tags.push({ kind: "statement", body: "", from: open, to: open, trimBefore: true, trimAfter: false });
      tags.push({ kind: "text", from: end, to: found.index });
      end = found.index + found[0].length;
      if (found[0].endsWith("-%}")) tags.push({ kind: "statement", body: "", from: end, to: end, trimBefore: false, trimAfter: true });
      else if (source[end] === "\n") end++;
    } else if (next === "#") {
      tags.push({ kind: "statement", body: "", from: open, to: end, trimBefore, trimAfter });
      if (!trimAfter && source[end] === "\n") end++;
    } else {
      tags.push({ kind: next === "{" ? "expression" : "statement", body: inner, from: open, to: end, trimBefore, trimAfter });
      // trim_blocks: the first newline after a block tag is removed.
      if (next === "%" && !trimAfter && source[end] === "\n") end++;
    }
    at = end;
    textFrom = end;
  }
  textFrom = Math.min(textFrom, source.length);
  pushText(source.length);
  return { tags, failure: null };
}

type Block =
  | { kind: "if"; branches: { condition: string | null; body: Block[]; from: number }[]; from: number }
  | { kind: "for"; name: string; iterable: string; body: Block[]; from: number }
  | { kind: "set"; name: string; expression: string; from: number }
  | { kind: "tag"; tag: Tag };

/** The tags as a tree of blocks; a statement it does not know fails the pass. */
function parse(tags: Tag[]): { blocks: Block[]; failure: TemplatePass["failure"] } {
  const root: Block[] = [];
  const stack: { block: Extract<Block, { kind: "if" | "for" }>; body: Block[] }[] = [];
  const current = () => stack.at(-1)?.body ?? root;
  for (const tag of tags) {
    if (tag.kind !== "statement" || tag.body === "") {
      current().push({ kind: "tag", tag });
      continue;
    }
    const [keyword = "", ...restWords] = tag.body.split(/\s+/);
    const rest = tag.body.slice(keyword.length).trim();
    const top = stack.at(-1);
    const fail = (reason: string) => ({ blocks: root, failure: { reason, source: tag.from } });
    // The whitespace control of a block's own tags still applies: kept as empty tags.
    const marker: Block = {
      kind: "tag",
      tag: { kind: "statement", body: "", from: tag.from, to: tag.to, trimBefore: tag.trimBefore, trimAfter: tag.trimAfter },
    };
    if (keyword === "if") {
      const block: Extract<Block, { kind: "if" }> = { kind: "if", branches: [{ condition: rest, body: [], from: tag.from }], from: tag.from };
      current().push(marker, block);
      stack.push({ block, body: (block.branches[0] as { body: Block[] }).body });
    } else if (keyword === "elif" || keyword === "else") {
      if (top?.block.kind !== "if") return fail(`{% ${keyword} %} without {% if %}`);
      top.body.push(marker);
      const branch = { condition: keyword === "else" ? null : rest, body: [] as Block[], from: tag.from };
      top.block.branches.push(branch);
      top.body = branch.body;
    } else if (keyword === "endif" || keyword === "endfor") {
      if (top === undefined || top.block.kind !== keyword.slice(3)) return fail(`{% ${keyword} %} without its {% ${keyword.slice(3)} %}`);
      stack.pop();
      current().push(marker);
    } else if (keyword === "for") {
      const loop = /^([A-Za-z_]\w*)\s+in\s+(.+)$/.exec(rest);
      if (loop === null) return fail(`{% for ${restWords[0] ?? ""} … %} (a loop over more than one name)`);
      const block: Extract<Block, { kind: "for" }> = { kind: "for", name: loop[1] as string, iterable: loop[2] as string, body: [], from: tag.from };
      current().push(marker, block);
      stack.push({ block, body: block.body });
    } else if (keyword === "set") {
      const assignment = /^([A-Za-z_]\w*)\s*=\s*(.+)$/s.exec(rest);
      if (assignment === null) return fail("a {% set %} block");
      current().push(marker, { kind: "set", name: assignment[1] as string, expression: assignment[2] as string, from: tag.from });
    } else return fail(`the Jinja statement {% ${keyword} %}`);
    if (stack.length > MAX_NESTING) return fail(`blocks nested more than ${MAX_NESTING} deep`);
  }
  const open = stack[0];
  if (open !== undefined) return { blocks: root, failure: { reason: `{% ${open.block.kind} %} without {% end${open.block.kind} %}`, source: open.block.from } };
  return { blocks: root, failure: null };
}

/** A scope with the names a template binds ({% set %}, a loop's name) over the variables. */
class Bound implements Scope {
  readonly names = new Map<string, Value>();
  constructor(private readonly outer: Scope) {}
  lookup(name: string): Value | undefined {
    return this.names.has(name) ? this.names.get(name) : this.outer.lookup(name);
  }
  filter(name: string, target: Value, args: Value[]): Value | undefined {
    return this.outer.filter?.(name, target, args);
  }
}

function value(expression: string, scope: Scope): Value {
  const node = parseExpression(expression);
  if (node === null) return new Unknown("not an expression migpolicy evaluates");
  const result = evaluate(node, scope);
  // What the repository does not set is, in a working Kayobe configuration, one of Kayobe's own defaults.
  return result instanceof Unknown && result.reason.startsWith("an undefined variable")
    ? new Unknown("it reads a variable the repository does not set (a Kayobe default migpolicy does not hold)")
    : result;
}

/** Writes `source` as Kayobe's templar would, with `scope` as localhost's variables. */
export function kayobeTemplate(source: string, scope: Scope): TemplatePass {
  const lexed = lex(source);
  const parsed = lexed.failure === null ? parse(lexed.tags) : { blocks: [], failure: lexed.failure };
  // Output pieces: [output start, source start, whether the piece is the source's own text].
  const starts: number[] = [];
  const sources: number[] = [];
  const literal: boolean[] = [];
  const unknown: UnknownRange[] = [];
  let out = "";
  let failure = parsed.failure;
  let skipWhitespace = false;
  const write = (text: string, from: number, own: boolean) => {
    let piece = text;
    if (skipWhitespace) {
      const kept = piece.replace(/^\s+/, "");
      from += own ? piece.length - kept.length : 0;
      piece = kept;
      if (piece.length === 0) return;
      skipWhitespace = false;
    }
    if (out.length + piece.length > MAX_OUTPUT) {
      failure ??= { reason: `Jinja writes more than ${MAX_OUTPUT} characters`, source: from };
      return;
    }
    starts.push(out.length);
    sources.push(from);
    literal.push(own);
    out += piece;
  };
  const trimBefore = () => {
    const kept = out.replace(/\s+$/, "");
    out = kept;
    while (starts.length > 0 && (starts.at(-1) as number) >= out.length) {
      starts.pop();
      sources.pop();
      literal.pop();
    }
  };
  const lineOf = (offset: number) => {
    const start = source.lastIndexOf("\n", offset - 1) + 1;
    const end = source.indexOf("\n", offset);
    return source.slice(start, end < 0 ? source.length : end);
  };
  let iterations = 0;
  const run = (blocks: Block[], local: Bound, known: string | null) => {
    for (const block of blocks) {
      if (failure !== null) return;
      if (block.kind === "tag") {
        const { tag } = block;
        if (tag.kind !== "text" && tag.trimBefore) trimBefore();
        if (tag.kind === "text") write(source.slice(tag.from, tag.to), tag.from, true);
        else if (tag.kind === "expression") {
          const result = value(tag.body, local);
          const text = result instanceof Unknown ? result : pythonString(result);
          if (text instanceof Unknown || text.includes("\n")) {
            const line = lineOf(tag.from);
            const alone = line.trim() === source.slice(tag.from, tag.to).trim();
            const indented = /^\s/.test(line) || /\|\s*indent\s*\((?:[^)]*first\s*=\s*true|\s*\d+\s*,\s*true)/i.test(tag.body);
            const lines: UnknownRange["lines"] = alone ? (indented ? "nested" : "top") : "no";
            const reason =
              known ?? (text instanceof Unknown ? `{{ ${tag.body} }}: ${text.reason}` : `{{ ${tag.body} }} writes lines migpolicy does not read into the file`);
            const start = out.length;
            if (!alone) write(UNKNOWN_MARK, tag.from, false);
            unknown.push({ start, end: out.length, reason, source: tag.from, lines });
          } else write(text, tag.from, false);
        }
        if (tag.kind !== "text" && tag.trimAfter) skipWhitespace = true;
      } else if (block.kind === "set") {
        local.names.set(block.name, value(block.expression, local));
      } else if (block.kind === "if") {
        let decided: { body: Block[] } | null = null;
        let unknownCondition: string | null = null;
        for (const branch of block.branches) {
          if (branch.condition === null) {
            decided = branch;
            break;
          }
          const truth = truthy(value(branch.condition, local));
          if (truth instanceof Unknown) {
            unknownCondition = `{% if ${branch.condition} %}: ${truth.reason}`;
            break;
          }
          if (truth) {
            decided = branch;
            break;
          }
        }
        if (unknownCondition === null && known === null) {
          if (decided !== null) run(decided.body, local, null);
          continue;
        }
        // Not decided: every branch written, the whole marked as not known.
        const start = out.length;
        for (const branch of block.branches) run(branch.body, local, known ?? unknownCondition);
        unknown.push({ start, end: out.length, reason: known ?? (unknownCondition as string), source: block.from, lines: "no" });
      } else {
        const items = value(block.iterable, local);
        const list = Array.isArray(items) ? items : items !== null && typeof items === "object" && !(items instanceof Unknown) ? Object.keys(items) : null;
        if (list === null || known !== null) {
          const start = out.length;
          const inner = new Bound(local);
          inner.names.set(block.name, new Unknown(`an item of ${block.iterable}`));
          const reason = known ?? `{% for ${block.name} in ${block.iterable} %}: ${items instanceof Unknown ? items.reason : "not a list"}`;
          run(block.body, inner, reason);
          unknown.push({ start, end: out.length, reason, source: block.from, lines: "no" });
          continue;
        }
        for (const item of list) {
          if (++iterations > MAX_ITERATIONS) {
            failure ??= { reason: `loops run more than ${MAX_ITERATIONS} times`, source: block.from };
            return;
          }
          const inner = new Bound(local);
          inner.names.set(block.name, item);
          run(block.body, inner, null);
        }
      }
    }
  };
  run(parsed.blocks, new Bound(scope), null);
  const sourceOf = (offset: number): number => {
    if (starts.length === 0) return 0;
    const low = lastAtMost(starts, offset);
    const from = sources[low] as number;
    return literal[low] ? from + (offset - (starts[low] as number)) : from;
  };
  return { text: out, unknown, failure, sourceOf };
}
