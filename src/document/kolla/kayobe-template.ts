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
import { lastAtMost, lineStarts } from "../../loader/formats/text.js";
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

type Tag = { kind: "text"; from: number; to: number } | { kind: "expression" | "statement"; body: string; from: number; to: number };

const isBlank = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v";

/**
 * Splits a template into text and tags, as Jinja's lexer does: raw blocks are text, comments
 * are dropped, `-` strips the blanks of the template text beside the tag (never output), and
 * trim_blocks takes the newline after a block tag, `{% endraw %}` and a comment.
 */
function lex(source: string): { tags: Tag[]; failure: TemplatePass["failure"] } {
  const tags: Tag[] = [];
  let at = 0;
  let textFrom = 0;
  const pushText = (from: number, to: number, trimEnd: boolean) => {
    let end = to;
    if (trimEnd) while (end > from && isBlank(source[end - 1])) end--;
    if (end > from) tags.push({ kind: "text", from, to: end });
  };
  // Jinja reads \r\n and \r as \n (its lexer joins the lines with \n first).
  const afterNewline = (index: number) =>
    source[index] === "\r" ? (source[index + 1] === "\n" ? index + 2 : index + 1) : source[index] === "\n" ? index + 1 : index;
  const skipBlanks = (from: number) => {
    let index = from;
    while (index < source.length && isBlank(source[index])) index++;
    return index;
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
    const trimAfter = inner.endsWith("-") && inner.length > (trimBefore ? 1 : 0);
    inner = inner.slice(trimBefore || inner.startsWith("+") ? 1 : 0, trimAfter ? inner.length - 1 : inner.length).trim();
    pushText(textFrom, open, trimBefore);
    let end = close + 2;
    if (next === "%" && /^raw$/.test(inner)) {
      const endRaw = /\{%([-+]?)\s*endraw\s*(-?)%\}/g;
      endRaw.lastIndex = end;
      const found = endRaw.exec(source);
      if (found === null) return { tags, failure: { reason: "{% raw %} without {% endraw %}", source: open } };
      pushText(trimAfter ? skipBlanks(end) : end, found.index, found[1] === "-");
      end = found.index + found[0].length;
      end = found[2] === "-" ? skipBlanks(end) : afterNewline(end);
    } else {
      if (next !== "#") tags.push({ kind: next === "{" ? "expression" : "statement", body: inner, from: open, to: end });
      if (trimAfter) end = skipBlanks(end);
      // trim_blocks: the first newline after a block tag or a comment is removed.
      else if (next !== "{") end = afterNewline(end);
    }
    at = end;
    textFrom = end;
  }
  pushText(Math.min(textFrom, source.length), source.length, false);
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
    if (tag.kind !== "statement") {
      current().push({ kind: "tag", tag });
      continue;
    }
    const [keyword = "", ...restWords] = tag.body.split(/\s+/);
    const rest = tag.body.slice(keyword.length).trim();
    const top = stack.at(-1);
    const fail = (reason: string) => ({ blocks: root, failure: { reason, source: tag.from } });
    if (keyword === "if") {
      const block: Extract<Block, { kind: "if" }> = { kind: "if", branches: [{ condition: rest, body: [], from: tag.from }], from: tag.from };
      current().push(block);
      stack.push({ block, body: (block.branches[0] as { body: Block[] }).body });
    } else if (keyword === "elif" || keyword === "else") {
      if (top?.block.kind !== "if") return fail(`{% ${keyword} %} without {% if %}`);
      const branch = { condition: keyword === "else" ? null : rest, body: [] as Block[], from: tag.from };
      top.block.branches.push(branch);
      top.body = branch.body;
    } else if (keyword === "endif" || keyword === "endfor") {
      if (top === undefined || top.block.kind !== keyword.slice(3)) return fail(`{% ${keyword} %} without its {% ${keyword.slice(3)} %}`);
      stack.pop();
    } else if (keyword === "for") {
      const loop = /^([A-Za-z_]\w*)\s+in\s+(.+)$/.exec(rest);
      if (loop === null) return fail(`{% for ${restWords[0] ?? ""} … %} (a loop over more than one name)`);
      const block: Extract<Block, { kind: "for" }> = { kind: "for", name: loop[1] as string, iterable: loop[2] as string, body: [], from: tag.from };
      current().push(block);
      stack.push({ block, body: block.body });
    } else if (keyword === "set") {
      const assignment = /^([A-Za-z_]\w*)\s*=\s*(.+)$/s.exec(rest);
      if (assignment === null) return fail("a {% set %} block");
      current().push({ kind: "set", name: assignment[1] as string, expression: assignment[2] as string, from: tag.from });
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
  const write = (text: string, from: number, own: boolean) => {
    if (text.length === 0) return;
    if (out.length + text.length > MAX_OUTPUT) {
      failure ??= { reason: `Jinja writes more than ${MAX_OUTPUT} characters`, source: from };
      return;
    }
    starts.push(out.length);
    sources.push(from);
    literal.push(own);
    out += text;
  };
  const sourceLines = lineStarts(source);
  const lineOf = (offset: number) => {
    const line = lastAtMost(sourceLines, offset);
    const end = sourceLines[line + 1];
    return source.slice(sourceLines[line], end === undefined ? source.length : end - 1);
  };
  let iterations = 0;
  const run = (blocks: Block[], local: Bound, known: string | null) => {
    for (const block of blocks) {
      if (failure !== null) return;
      if (block.kind === "tag") {
        const { tag } = block;
        if (tag.kind === "text") write(source.slice(tag.from, tag.to), tag.from, true);
        else if (tag.kind === "expression") {
          const result = value(tag.body, local);
          const text = result instanceof Unknown ? result : pythonString(result);
          if (text instanceof Unknown) {
            const line = lineOf(tag.from);
            const alone = line.trim() === source.slice(tag.from, tag.to).trim();
            const indented = /^\s/.test(line) || /\|\s*indent\s*\((?:[^)]*first\s*=\s*true|\s*\d+\s*,\s*true)/i.test(tag.body);
            const lines: UnknownRange["lines"] = alone ? (indented ? "nested" : "top") : "no";
            const reason = known ?? `{{ ${tag.body} }}: ${text.reason}`;
            const start = out.length;
            if (!alone) write(UNKNOWN_MARK, tag.from, false);
            unknown.push({ start, end: out.length, reason, source: tag.from, lines });
          } else write(text, tag.from, false);
        }
      } else if (block.kind === "set") {
        // Inside a block not decided, whether the assignment ran is not known either (Jinja's if has no scope of its own).
        local.names.set(block.name, known === null ? value(block.expression, local) : new Unknown(`{% set ${block.name} %} ${known}`));
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
