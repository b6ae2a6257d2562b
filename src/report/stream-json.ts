/**
 * JSON.stringify(value, null, 2) in pieces, with one large array written element by element,
 * so that a report of a big fleet never exists as one string (10,000 hosts: 170 MB of SARIF,
 * and the objects it was made from).
 */
/** The placeholder for the streamed array in a skeleton. */
export const STREAMED = "\u0000migpolicy-streamed-array\u0000";

/**
 * Yields the same text as JSON.stringify(skeleton, null, 2) would if the placeholder value
 * `STREAMED` in `skeleton` were the array of `items` (each mapped by `toJson` as it is reached).
 */
export function* stringifyStreaming<T>(skeleton: unknown, items: Iterable<T>, toJson: (item: T) => unknown): Generator<string> {
  const whole = JSON.stringify(skeleton, null, 2);
  const token = JSON.stringify(STREAMED);
  const at = whole.indexOf(token);
  if (at < 0 || whole.indexOf(token, at + 1) >= 0) throw new Error("stringifyStreaming: the skeleton must hold STREAMED exactly once");
  const lineStart = whole.lastIndexOf("\n", at) + 1;
  const outer = /^ */.exec(whole.slice(lineStart))?.[0] ?? "";
  const inner = `${outer}  `;
  yield whole.slice(0, at);
  // Each item stringified inside as many arrays as its indentation has levels, and cut out:
  // JSON.stringify indents its lines itself, where re-indenting them after copied every result.
  const levels = inner.length / 2;
  const nest = (value: unknown): unknown => {
    let nested = value;
    for (let level = 0; level < levels; level++) nested = [nested];
    return nested;
  };
  const sample = JSON.stringify(nest(0), null, 2);
  const head = sample.indexOf("0");
  const tail = sample.length - head - 1;
  let first = true;
  for (const item of items) {
    const nested = JSON.stringify(nest(toJson(item)), null, 2);
    yield `${first ? "[\n" : ",\n"}${inner}${nested.slice(head, nested.length - tail)}`;
    first = false;
  }
  yield first ? "[]" : `\n${outer}]`;
  yield whole.slice(at + token.length);
}

/** The pieces, then the newline that ends every report file. */
export function* withNewline(chunks: Iterable<string>): Generator<string> {
  yield* chunks;
  yield "\n";
}
