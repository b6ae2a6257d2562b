// The import graph of src/ against the stages of the pipeline (docs/development.md):
// no cycle, no stage importing a later one, and the stages that must stay pure reach
// neither the filesystem nor processes, themselves or through what they import. Type-only
// imports count for the order of stages (a contract is a dependency), not for purity.
// Edges: static imports and re-exports, dynamic import(), and `new URL("./x.js",
// import.meta.url)` naming a module (a worker's entry). Run: node tools/check-stages.mjs
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import { parseSync } from "oxc-parser";
import { pathToFileURL } from "node:url";

/**
 * The stages, earliest first. A module may import its own stage and earlier ones; stages of
 * the same rank are siblings that may not import each other.
 */
export const STAGES = [
  { name: "model", match: (path) => path.startsWith("model/"), rank: 0 },
  { name: "loader/formats", match: (path) => path.startsWith("loader/formats/"), rank: 1 },
  { name: "loader", match: (path) => path.startsWith("loader/"), rank: 2 },
  { name: "document", match: (path) => path.startsWith("document/"), rank: 3 },
  { name: "eval", match: (path) => path.startsWith("eval/"), rank: 4 },
  { name: "pipeline", match: (path) => path.startsWith("pipeline/"), rank: 5 },
  { name: "report", match: (path) => path.startsWith("report/"), rank: 5 },
  { name: "cli", match: (path) => path.startsWith("cli/"), rank: 6 },
  { name: "api", match: (path) => path === "index.ts", rank: 6 },
];

/**
 * Node's modules that reach outside the process's own memory: the files, processes, the
 * network, the environment, the module loader. A module of a pure stage (the types, the
 * parsers, the document builders) may not use them, itself or through a module it imports
 * for its values (type-only imports carry nothing at run time).
 */
const IMPURE = new Set([
  "fs",
  "fs/promises",
  "child_process",
  "worker_threads",
  "cluster",
  "net",
  "dgram",
  "dns",
  "http",
  "https",
  "http2",
  "tls",
  "os",
  "process",
  "module",
  "vm",
  "inspector",
  "v8",
  "repl",
  "readline",
]);
const PURE_STAGES = new Set(["model", "loader/formats", "document"]);
/** Node's built-in modules a bare specifier may name (with node: any name is one). */
const BARE_BUILTINS = new Set([
  ...IMPURE,
  "path",
  "url",
  "util",
  "crypto",
  "zlib",
  "events",
  "stream",
  "buffer",
  "assert",
  "string_decoder",
  "timers",
  "perf_hooks",
]);

/** The built-in module a specifier names, without the node: prefix; null for any other. */
function builtin(specifier) {
  if (specifier.startsWith("node:")) return specifier.slice(5);
  return BARE_BUILTINS.has(specifier) ? specifier : null;
}

export function stageOf(path) {
  return STAGES.find((stage) => stage.match(path)) ?? null;
}

/** The module specifiers one source file names, with the line of each; null for a computed one. */
export function specifiers(file, source) {
  const { module, errors } = parseSync(file, source);
  const found = [];
  const lineOf = (offset) => source.slice(0, offset).split("\n").length;
  // An import is type-only when every name it brings is a type (a bare `import "x"` runs x).
  const typeOnly = (entries) => entries.length > 0 && entries.every((e) => e.isType);
  for (const entry of module.staticImports) found.push({ specifier: entry.moduleRequest.value, line: lineOf(entry.start), typeOnly: typeOnly(entry.entries) });
  for (const entry of module.staticExports) {
    for (const item of entry.entries)
      if (item.moduleRequest) found.push({ specifier: item.moduleRequest.value, line: lineOf(item.start), typeOnly: item.isType });
  }
  for (const entry of module.dynamicImports) {
    const text = source.slice(entry.moduleRequest.start, entry.moduleRequest.end);
    const literal = /^(["'])([^"'`$]+)\1$/.exec(text);
    found.push({ specifier: literal ? literal[2] : null, line: lineOf(entry.start), typeOnly: false });
  }
  for (const match of source.matchAll(/new URL\(\s*"(\.{1,2}\/[^"]+\.js)"\s*,\s*import\.meta\.url\s*\)/g)) {
    found.push({ specifier: match[1], line: lineOf(match.index), reference: true, typeOnly: false });
  }
  return { found, errors: errors.map((e) => e.message) };
}

/**
 * The problems of a set of sources (path relative to src/ → text): each a string naming the
 * file and line. Empty when the graph keeps to the stages.
 */
export function checkStages(sources) {
  const problems = [];
  const edges = new Map();
  /** Per module: the impure node modules it uses itself, and the src modules it imports for their values. */
  const impureUses = new Map();
  const valueEdges = new Map();
  for (const [path, source] of sources) {
    const from = stageOf(path);
    if (from === null) {
      problems.push(`src/${path}: in no stage (put it in one of ${STAGES.map((s) => s.name).join(", ")})`);
      continue;
    }
    const { found, errors } = specifiers(path, source);
    for (const error of errors) problems.push(`src/${path}: does not parse: ${error}`);
    const targets = [];
    const uses = [];
    const values = [];
    for (const { specifier, line, reference, typeOnly } of found) {
      if (specifier === null) {
        problems.push(`src/${path}:${line}: a dynamic import of a computed module: the stages cannot be checked`);
        continue;
      }
      const node = builtin(specifier);
      if (node !== null) {
        if (IMPURE.has(node) && !typeOnly) uses.push({ node, line });
        continue;
      }
      if (!specifier.startsWith(".")) continue;
      const target = posix.normalize(posix.join(posix.dirname(path), specifier)).replace(/\.js$/, ".ts");
      if (!sources.has(target)) {
        // A file beside the build's output (policy.wasm, the validators) is named by URL, not imported.
        if (!reference) problems.push(`src/${path}:${line}: imports ${specifier}, which is not a module of src/`);
        continue;
      }
      const to = stageOf(target);
      if (to !== null && to !== from && (to.rank > from.rank || (to.rank === from.rank && to.name !== from.name))) {
        problems.push(`src/${path}:${line}: ${from.name} imports ${to.name} (src/${target}): a stage imports only itself and earlier stages`);
      }
      if (!typeOnly && !reference) values.push(target);
      targets.push(target);
    }
    edges.set(path, targets);
    impureUses.set(path, uses);
    valueEdges.set(path, values);
  }
  problems.push(...purityProblems(impureUses, valueEdges));
  for (const component of components(edges)) {
    const cycle = shortestCycle(component, edges);
    problems.push(`import cycle: ${[...cycle, cycle[0]].map((p) => `src/${p}`).join(" -> ")}`);
  }
  return problems;
}

/**
 * Each module of a pure stage that uses an impure node module, itself or through the modules
 * it imports for their values; the first such use is named, with the way to it.
 */
function purityProblems(impureUses, valueEdges) {
  const problems = [];
  const memo = new Map();
  const impurity = (path, visiting) => {
    if (memo.has(path)) return memo.get(path);
    if (visiting.has(path)) return null;
    visiting.add(path);
    const own = impureUses.get(path)?.[0];
    let found = own ? { chain: [path], node: own.node } : null;
    for (const target of valueEdges.get(path) ?? []) {
      if (found) break;
      const below = impurity(target, visiting);
      if (below) found = { chain: [path, ...below.chain], node: below.node };
    }
    visiting.delete(path);
    memo.set(path, found);
    return found;
  };
  for (const path of [...valueEdges.keys()].sort()) {
    const stage = stageOf(path);
    if (stage === null || !PURE_STAGES.has(stage.name)) continue;
    const found = impurity(path, new Set());
    if (found === null) continue;
    const way =
      found.chain.length > 1
        ? ` through ${found.chain
            .slice(1)
            .map((p) => `src/${p}`)
            .join(" -> ")}`
        : "";
    problems.push(`src/${path}: ${stage.name} must stay pure but uses node:${found.node}${way}`);
  }
  return problems;
}

/** The shortest cycle through the component's first module (in code-point order), by breadth-first search. */
function shortestCycle(component, edges) {
  const members = new Set(component);
  const start = [...component].sort()[0];
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const next of edges.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [];
        for (let at = node; at !== null; at = previous.get(at)) path.unshift(at);
        return path;
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return component;
}

/** Strongly connected components of more than one module (or a module importing itself), by Tarjan's algorithm. */
function components(edges) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)));
    }
    if (low.get(node) === index.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (edges.get(node) ?? []).includes(node)) found.push(component.reverse());
    }
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

/** Every .ts file under `dir`, keyed by its path relative to `dir` with forward slashes. */
export function readSources(dir) {
  const sources = new Map();
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) sources.set(relative(dir, path).split("\\").join("/"), readFileSync(path, "utf8"));
    }
  };
  walk(dir);
  return sources;
}

// As a URL: a path with a space or a non-ASCII letter is percent-encoded in import.meta.url.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const src = join(dirname(new URL(import.meta.url).pathname), "..", "src");
  const problems = checkStages(readSources(src));
  for (const problem of problems) console.log(problem);
  if (problems.length > 0) process.exitCode = 1;
  else console.log(`src/: ${readSources(src).size} modules keep to the stages, no import cycle`);
}
