/**
 * The part of Jinja that Ansible variables and Kolla's migration template lines use:
 * literals, variable references (`a`, `a.b`, `a['b']`), the filters `bool`, `default`,
 * `lower`, `upper`, `string`, `int`, `trim`, `ternary`, the tests `defined`, `none`,
 * comparisons, `in`, `and`/`or`/`not`, `~`, and `x if c else y`. Anything else evaluates to
 * Unknown with the reason, never to a guess. Pure and bounded: expressions are short, and
 * variable references are followed at most MAX_DEPTH deep (a cycle is Unknown).
 */

/** A value no repository line can show: a fact of the running host, or an expression not evaluated. */
export class Unknown {
  /**
   * `placeholder`: how the value may appear inside rendered text when it is a fact that exists
   * but is not known here (the host's node name); null when it may not be used at all.
   */
  constructor(
    readonly reason: string,
    readonly placeholder: string | null = null,
  ) {}
}

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | Unknown;

export interface Scope {
  /** A variable's value for this host, evaluated; undefined when no source defines it. */
  lookup(name: string): Value | undefined;
  /** A filter the deployment tool adds (Kolla's kolla_address); undefined when it has none of that name. */
  filter?(name: string, target: Value, args: Value[]): Value | undefined;
}

const MAX_LENGTH = 4096;
/** The longest text and list a value may grow to (`~`, `+`, join): beyond, Unknown, never a heap exhausted by doubling. */
const MAX_TEXT = 1 << 20;
const MAX_ITEMS = 1 << 16;
const tooLarge = () => new Unknown(`a value grows beyond ${MAX_TEXT} characters or ${MAX_ITEMS} items`);

type Token = { kind: "name" | "string" | "number" | "op"; text: string };

function tokenize(source: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = source.slice(i);
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (name !== null) {
      tokens.push({ kind: "name", text: name[0] });
      i += name[0].length;
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(rest);
    if (number !== null) {
      tokens.push({ kind: "number", text: number[0] });
      i += number[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      let text = "";
      let j = i + 1;
      while (j < source.length && source[j] !== c) {
        if (source[j] === "\\" && j + 1 < source.length) {
          const next = source[j + 1] as string;
          text += next === "n" ? "\n" : next === "t" ? "\t" : next;
          j += 2;
          continue;
        }
        text += source[j];
        j++;
      }
      if (j >= source.length) return null;
      tokens.push({ kind: "string", text });
      i = j + 1;
      continue;
    }
    const op = /^(==|!=|<=|>=|\/\/|\*\*|[-+*/%<>|~.,:()[\]{}])/.exec(rest);
    if (op === null) return null;
    tokens.push({ kind: "op", text: op[0] });
    i += op[0].length;
  }
  return tokens;
}

type Node =
  | { kind: "literal"; value: Value }
  | { kind: "name"; name: string }
  | { kind: "list"; items: Node[] }
  | { kind: "attr"; target: Node; key: Node }
  | { kind: "filter"; target: Node; name: string; args: Node[] }
  | { kind: "test"; target: Node; name: string; negated: boolean }
  | { kind: "unary"; op: "not" | "-"; operand: Node }
  | { kind: "binary"; op: string; left: Node; right: Node }
  | { kind: "ternary"; condition: Node; then: Node; otherwise: Node };

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}
  private peek(offset = 0): Token | undefined {
    return this.tokens[this.at + offset];
  }
  private is(text: string): boolean {
    const token = this.peek();
    return token !== undefined && (token.kind === "op" || token.kind === "name") && token.text === text;
  }
  private take(text: string): void {
    if (!this.is(text)) throw new SyntaxError(`expected ${text}`);
    this.at++;
  }
  parseAll(): Node {
    const node = this.ternary();
    if (this.at !== this.tokens.length) throw new SyntaxError(`unexpected ${this.peek()?.text}`);
    return node;
  }
  private ternary(): Node {
    const then = this.or();
    if (!this.is("if")) return then;
    this.at++;
    const condition = this.or();
    let otherwise: Node = { kind: "literal", value: null };
    if (this.is("else")) {
      this.at++;
      otherwise = this.ternary();
    }
    return { kind: "ternary", condition, then, otherwise };
  }
  private or(): Node {
    let left = this.and();
    while (this.is("or")) {
      this.at++;
      left = { kind: "binary", op: "or", left, right: this.and() };
    }
    return left;
  }
  private and(): Node {
    let left = this.not();
    while (this.is("and")) {
      this.at++;
      left = { kind: "binary", op: "and", left, right: this.not() };
    }
    return left;
  }
  private not(): Node {
    if (this.is("not")) {
      this.at++;
      return { kind: "unary", op: "not", operand: this.not() };
    }
    return this.compare();
  }
  private compare(): Node {
    let left = this.concat();
    for (;;) {
      const token = this.peek();
      if (token === undefined) return left;
      if (["==", "!=", "<", ">", "<=", ">="].includes(token.text) && token.kind === "op") {
        this.at++;
        left = { kind: "binary", op: token.text, left, right: this.concat() };
      } else if (token.kind === "name" && token.text === "in") {
        this.at++;
        left = { kind: "binary", op: "in", left, right: this.concat() };
      } else if (token.kind === "name" && token.text === "not" && this.peek(1)?.text === "in") {
        this.at += 2;
        left = { kind: "unary", op: "not", operand: { kind: "binary", op: "in", left, right: this.concat() } };
      } else if (token.kind === "name" && token.text === "is") {
        this.at++;
        const negated = this.is("not");
        if (negated) this.at++;
        const name = this.peek();
        if (name?.kind !== "name") throw new SyntaxError("expected a test");
        this.at++;
        left = { kind: "test", target: left, name: name.text, negated };
      } else return left;
    }
  }
  private concat(): Node {
    let left = this.additive();
    while (this.is("~")) {
      this.at++;
      left = { kind: "binary", op: "~", left, right: this.additive() };
    }
    return left;
  }
  private additive(): Node {
    let left = this.unary();
    while (this.is("+") || this.is("-")) {
      const op = this.peek()?.text as string;
      this.at++;
      left = { kind: "binary", op, left, right: this.unary() };
    }
    return left;
  }
  private unary(): Node {
    if (this.is("-")) {
      this.at++;
      return { kind: "unary", op: "-", operand: this.unary() };
    }
    return this.filtered();
  }
  private filtered(): Node {
    let node = this.postfix();
    while (this.is("|")) {
      this.at++;
      const name = this.peek();
      if (name?.kind !== "name") throw new SyntaxError("expected a filter");
      this.at++;
      const args: Node[] = [];
      if (this.is("(")) {
        this.at++;
        while (!this.is(")")) {
          args.push(this.ternary());
          if (!this.is(",")) break;
          this.at++;
        }
        this.take(")");
      }
      node = { kind: "filter", target: node, name: name.text, args };
    }
    return node;
  }
  private postfix(): Node {
    let node = this.primary();
    for (;;) {
      if (this.is(".")) {
        this.at++;
        const name = this.peek();
        if (name?.kind !== "name" && name?.kind !== "number") throw new SyntaxError("expected an attribute");
        this.at++;
        node = { kind: "attr", target: node, key: { kind: "literal", value: name.text } };
      } else if (this.is("[")) {
        this.at++;
        const key = this.ternary();
        this.take("]");
        node = { kind: "attr", target: node, key };
      } else return node;
    }
  }
  private primary(): Node {
    const token = this.peek();
    if (token === undefined) throw new SyntaxError("unexpected end");
    this.at++;
    if (token.kind === "string") return { kind: "literal", value: token.text };
    if (token.kind === "number") return { kind: "literal", value: Number(token.text) };
    if (token.kind === "name") {
      const literal: Record<string, Value> = { true: true, True: true, false: false, False: false, none: null, None: null };
      if (token.text in literal) return { kind: "literal", value: literal[token.text] as Value };
      return { kind: "name", name: token.text };
    }
    if (token.text === "(") {
      const inner = this.ternary();
      this.take(")");
      return inner;
    }
    if (token.text === "[") {
      const items: Node[] = [];
      while (!this.is("]")) {
        items.push(this.ternary());
        if (!this.is(",")) break;
        this.at++;
      }
      this.take("]");
      return { kind: "list", items };
    }
    throw new SyntaxError(`unexpected ${token.text}`);
  }
}

/** Parses an expression (the inside of `{{ }}`), or null when it is not in the supported subset. */
export function parseExpression(source: string): Node | null {
  if (source.length > MAX_LENGTH) return null;
  const tokens = tokenize(source);
  if (tokens === null) return null;
  try {
    return new Parser(tokens).parseAll();
  } catch {
    return null;
  }
}

/** Ansible's `bool` filter (filter/core.py to_bool): yes/on/1/true in any case, and 1, are true. */
export function toBool(value: Value): boolean | Unknown {
  if (value instanceof Unknown) return value;
  if (typeof value === "boolean") return value;
  if (value === null) return false;
  if (typeof value === "number") return value === 1;
  if (typeof value === "string") return ["yes", "on", "1", "true"].includes(value.toLowerCase());
  return false;
}

/** Jinja's truth of a value. */
export function truthy(value: Value): boolean | Unknown {
  if (value instanceof Unknown) return value;
  if (Array.isArray(value)) return value.length > 0;
  if (value !== null && typeof value === "object") return Object.keys(value).length > 0;
  return value !== null && value !== false && value !== 0 && value !== "";
}

/** Python's str() of a value, as Jinja writes it into text. */
export function pythonString(value: Value): string | Unknown {
  if (value instanceof Unknown) return value.placeholder === null ? value : value.placeholder;
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    const parts: string[] = [];
    let length = 0;
    for (const item of value) {
      const text = pythonString(item);
      if (text instanceof Unknown) return text;
      length += text.length + 4;
      if (length > MAX_TEXT) return tooLarge();
      parts.push(typeof item === "string" ? `'${text}'` : text);
    }
    return `[${parts.join(", ")}]`;
  }
  return new Unknown("a dictionary written into text");
}

const UNDEFINED = Symbol("undefined");
type Evaluated = Value | typeof UNDEFINED;

function strictEqual(a: Value, b: Value): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => strictEqual(item, b[i] as Value));
  return a === b;
}

export function evaluate(node: Node, scope: Scope): Value {
  const value = evaluateNode(node, scope);
  return value === UNDEFINED ? new Unknown("an undefined variable (Ansible fails the task)") : value;
}

function evaluateNode(node: Node, scope: Scope): Evaluated {
  const strict = (n: Node): Value => evaluate(n, scope);
  switch (node.kind) {
    case "literal":
      return node.value;
    case "name": {
      const value = scope.lookup(node.name);
      return value === undefined ? UNDEFINED : value;
    }
    case "list":
      return node.items.map(strict);
    case "attr": {
      const target = evaluateNode(node.target, scope);
      if (target === UNDEFINED) return UNDEFINED;
      if (target instanceof Unknown) return target;
      const key = strict(node.key);
      if (key instanceof Unknown) return key;
      if (Array.isArray(target) && typeof key === "number") return target[key] ?? UNDEFINED;
      if (target !== null && typeof target === "object" && !Array.isArray(target) && typeof key === "string")
        return Object.hasOwn(target, key) ? (target[key] as Value) : UNDEFINED;
      return UNDEFINED;
    }
    case "test": {
      const target = evaluateNode(node.target, scope);
      let result: boolean;
      if (node.name === "defined" || node.name === "undefined") {
        if (target instanceof Unknown && target.placeholder === null) return target;
        result = (target !== UNDEFINED) === (node.name === "defined");
      } else if (target === UNDEFINED) return UNDEFINED;
      else if (target instanceof Unknown) return target;
      else if (node.name === "none") result = target === null;
      else if (node.name === "true" || node.name === "false") result = target === (node.name === "true");
      else if (node.name === "string") result = typeof target === "string";
      else if (node.name === "number") result = typeof target === "number";
      else return new Unknown(`the test "is ${node.name}" is not evaluated`);
      return node.negated !== result;
    }
    case "filter":
      return applyFilter(node, scope);
    case "unary": {
      const operand = strict(node.operand);
      if (operand instanceof Unknown) return operand;
      if (node.op === "not") {
        const truth = truthy(operand);
        return truth instanceof Unknown ? truth : !truth;
      }
      return typeof operand === "number" ? -operand : new Unknown("a minus sign before a value that is not a number");
    }
    case "ternary": {
      const condition = truthy(strict(node.condition));
      if (condition instanceof Unknown) return condition;
      return evaluateNode(condition ? node.then : node.otherwise, scope);
    }
    case "binary":
      return binary(node.op, node.left, node.right, scope);
  }
}

function binary(op: string, leftNode: Node, rightNode: Node, scope: Scope): Value {
  const left = evaluate(leftNode, scope);
  if (op === "and" || op === "or") {
    const truth = truthy(left);
    if (truth instanceof Unknown) return truth;
    // Python's and/or return the operand that decided.
    if (op === "and" ? !truth : truth) return left;
    return evaluate(rightNode, scope);
  }
  const right = evaluate(rightNode, scope);
  if (op === "~") {
    // A fact that exists but is not known here (the host's address) may stand in text.
    const a = pythonString(left);
    const b = pythonString(right);
    if (a instanceof Unknown) return a;
    if (b instanceof Unknown) return b;
    return a.length + b.length > MAX_TEXT ? tooLarge() : a + b;
  }
  if (left instanceof Unknown) return left;
  if (right instanceof Unknown) return right;
  switch (op) {
    case "==":
      return strictEqual(left, right);
    case "!=":
      return !strictEqual(left, right);
    case "in":
      if (Array.isArray(right)) return right.some((item) => strictEqual(item, left));
      if (typeof right === "string" && typeof left === "string") return right.includes(left);
      if (right !== null && typeof right === "object" && typeof left === "string") return Object.hasOwn(right, left);
      return new Unknown("`in` with operands Jinja would refuse");
    case "+":
      if (typeof left === "number" && typeof right === "number") return left + right;
      if (typeof left === "string" && typeof right === "string") return left.length + right.length > MAX_TEXT ? tooLarge() : left + right;
      if (Array.isArray(left) && Array.isArray(right)) return left.length + right.length > MAX_ITEMS ? tooLarge() : [...left, ...right];
      return new Unknown("`+` of values of different kinds");
    case "-":
      return typeof left === "number" && typeof right === "number" ? left - right : new Unknown("`-` of values that are not numbers");
    default:
      if (typeof left === "number" && typeof right === "number") {
        if (op === "<") return left < right;
        if (op === ">") return left > right;
        if (op === "<=") return left <= right;
        if (op === ">=") return left >= right;
      }
      return new Unknown(`the operator ${op} is not evaluated here`);
  }
}

function applyFilter(node: Extract<Node, { kind: "filter" }>, scope: Scope): Evaluated {
  const target = evaluateNode(node.target, scope);
  const args = () => node.args.map((arg) => evaluate(arg, scope));
  if (node.name === "default" || node.name === "d") {
    const [fallback = "", onFalsy = false] = args();
    if (target === UNDEFINED) return fallback;
    if (onFalsy instanceof Unknown) return onFalsy;
    if (onFalsy === true) {
      const truth = truthy(target);
      if (truth instanceof Unknown) return truth;
      return truth ? target : fallback;
    }
    return target;
  }
  if (target === UNDEFINED) return UNDEFINED;
  if (target instanceof Unknown) return target;
  switch (node.name) {
    case "bool":
      return toBool(target);
    case "lower":
    case "upper":
    case "trim":
    case "string": {
      const text = pythonString(target);
      if (text instanceof Unknown) return text;
      return node.name === "lower" ? text.toLowerCase() : node.name === "upper" ? text.toUpperCase() : node.name === "trim" ? text.trim() : text;
    }
    case "int": {
      if (typeof target === "number") return Math.trunc(target);
      if (typeof target === "boolean") return target ? 1 : 0;
      const parsed = typeof target === "string" && /^\s*[+-]?\d+\s*$/.test(target) ? Number(target) : 0;
      return parsed;
    }
    case "join": {
      if (!Array.isArray(target)) return new Unknown("join of a value that is not a list");
      const [separator = ""] = args();
      const parts: string[] = [];
      let length = 0;
      for (const item of target) {
        const text = pythonString(item);
        if (text instanceof Unknown) return text;
        length += text.length + (typeof separator === "string" ? separator.length : 0);
        if (length > MAX_TEXT) return tooLarge();
        parts.push(text);
      }
      const glue = pythonString(separator);
      return glue instanceof Unknown ? glue : parts.join(glue);
    }
    case "ternary": {
      const [whenTrue = null, whenFalse = null] = args();
      const truth = truthy(target);
      if (truth instanceof Unknown) return truth;
      return truth ? whenTrue : whenFalse;
    }
    default:
      return scope.filter?.(node.name, target, args()) ?? new Unknown(`the filter "${node.name}" is not evaluated`);
  }
}

/**
 * A templated string as Ansible renders it: text with `{{ expr }}` parts. A string that is
 * one expression and nothing else keeps the expression's value (Ansible turns "True" back
 * into a boolean, and lists stay lists); otherwise the parts are joined as text. `{%` blocks
 * are not evaluated here.
 */
export function renderTemplate(text: string, scope: Scope): Value {
  if (!text.includes("{{") && !text.includes("{%") && !text.includes("{#")) return text;
  // The value itself is not quoted: it may be a secret (passwords.yml).
  if (text.includes("{%") || text.includes("{#")) return new Unknown("a Jinja statement ({% %} or {# #}) in a value is not evaluated");
  const parts: Value[] = [];
  let rest = text;
  while (rest.length > 0) {
    const open = rest.indexOf("{{");
    if (open < 0) {
      parts.push(rest);
      break;
    }
    if (open > 0) parts.push(rest.slice(0, open));
    const close = rest.indexOf("}}", open + 2);
    if (close < 0) return new Unknown("an unclosed {{ in a value");
    const node = parseExpression(rest.slice(open + 2, close));
    if (node === null) return new Unknown(`the expression {{${rest.slice(open + 2, close)}}} is not evaluated`);
    parts.push(evaluate(node, scope));
    rest = rest.slice(close + 2);
  }
  if (parts.length === 1) {
    const only = parts[0] as Value;
    return only;
  }
  let out = "";
  for (const part of parts) {
    const piece = pythonString(part);
    if (piece instanceof Unknown) return piece;
    out += piece;
  }
  return out === "True" ? true : out === "False" ? false : out;
}
