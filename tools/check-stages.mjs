// The import graph of src/ against the stages of the pipeline (docs/development.md):
// no cycle, no stage importing a later one, and the stages that must stay pure reach
// neither the filesystem nor processes. Type-only imports count: a contract is a dependency.
// Edges: static imports and re-exports, dynamic import(), and `new URL("./x.js",
// import.meta.url)` naming a module (a worker's entry). Run: node tools/check-stages.mjs
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import { parseSync } from "oxc-parser";

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

/** Node modules a stage may not import: the types, the pure parsers and the document builders never touch the disk. */
const IMPURE = ["node:fs", "node:fs/promises", "node:child_process", "node:worker_threads", "node:net", "node:http", "node:https"];
const PURE_STAGES = new Set(["model", "loader/formats", "document"]);

export function stageOf(path) {
  return STAGES.find((stage) => stage.match(path)) ?? null;
}

/** The module specifiers one source file names, with the line of each. */
export function specifiers(file, source) {
  const { module, errors } = parseSync(file, source);
  const found = [];
  const lineOf = (offset) => source.slice(0, offset).split("\n").length;
  for (const entry of module.staticImports) found.push({ specifier: entry.moduleRequest.value, line: lineOf(entry.start) });
  for (const entry of module.staticExports) {
    for (const item of entry.entries) if (item.moduleRequest) found.push({ specifier: item.moduleRequest.value, line: lineOf(item.start) });
  }
  for (const entry of module.dynamicImports) {
    const text = source.slice(entry.moduleRequest.start, entry.moduleRequest.end);
    if (/^(["'])[^"']+\1$/.test(text)) found.push({ specifier: text.slice(1, -1), line: lineOf(entry.start) });
  }
  for (const match of source.matchAll(/new URL\(\s*"(\.{1,2}\/[^"]+\.js)"\s*,\s*import\.meta\.url\s*\)/g)) {
    found.push({ specifier: match[1], line: lineOf(match.index), reference: true });
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
  for (const [path, source] of sources) {
    const from = stageOf(path);
    if (from === null) {
      problems.push(`src/${path}: in no stage (put it in one of ${STAGES.map((s) => s.name).join(", ")})`);
      continue;
    }
    const { found, errors } = specifiers(path, source);
    for (const error of errors) problems.push(`src/${path}: does not parse: ${error}`);
    const targets = [];
    for (const { specifier, line, reference } of found) {
      if (specifier.startsWith("node:")) {
        if (PURE_STAGES.has(from.name) && IMPURE.includes(specifier))
          problems.push(`src/${path}:${line}: ${from.name} must stay pure but imports ${specifier}`);
        continue;
      }
      if (!specifier.startsWith(".")) continue;
      const target = posix.normalize(posix.join(posix.dirname(path), specifier)).replace(/\.js$/, ".ts");
      if (!sources.has(target)) {
        if (!reference && !target.startsWith("..")) problems.push(`src/${path}:${line}: imports ${specifier}, which is not a module of src/`);
        continue;
      }
      const to = stageOf(target);
      if (to !== null && to !== from && (to.rank > from.rank || (to.rank === from.rank && to.name !== from.name))) {
        problems.push(`src/${path}:${line}: ${from.name} imports ${to.name} (src/${target}): a stage imports only itself and earlier stages`);
      }
      targets.push(target);
    }
    edges.set(path, targets);
  }
  for (const component of components(edges)) {
    const cycle = shortestCycle(component, edges);
    problems.push(`import cycle: ${[...cycle, cycle[0]].map((p) => `src/${p}`).join(" -> ")}`);
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const src = join(dirname(new URL(import.meta.url).pathname), "..", "src");
  const problems = checkStages(readSources(src));
  for (const problem of problems) console.log(problem);
  if (problems.length > 0) process.exitCode = 1;
  else console.log(`src/: ${readSources(src).size} modules keep to the stages, no import cycle`);
}
