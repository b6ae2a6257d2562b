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
  let first = true;
  for (const item of items) {
    const json = JSON.stringify(toJson(item), null, 2) ?? "null";
    yield `${first ? "[\n" : ",\n"}${inner}${json.replaceAll("\n", `\n${inner}`)}`;
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
