/** The formatters, by name: one registry for the CLI and the API. */
import type { ChunkedFormatter, Formatter } from "./context.js";
import { compactLines } from "./compact.js";
import { htmlChunks } from "./html.js";
import { jsonChunks } from "./json.js";
import { junitLines } from "./junit.js";
import { markdownLines } from "./markdown.js";
import { sarifChunks } from "./sarif.js";
import { makeTextFormatter } from "./text.js";

export type FormatName = "text" | "sarif" | "json" | "compact" | "markdown" | "junit" | "html";
export const FORMAT_NAMES: readonly FormatName[] = ["text", "sarif", "json", "compact", "markdown", "junit", "html"];

export interface FormatOptions {
  /** Text: ANSI colours (a terminal). */
  color: boolean;
}

const FORMATTERS: Record<FormatName, (options: FormatOptions) => ChunkedFormatter> = {
  text: (options) => {
    const text = makeTextFormatter(options);
    return (context) => [text(context)];
  },
  sarif: () => sarifChunks,
  json: () => jsonChunks,
  compact: () => compactLines,
  markdown: () => markdownLines,
  junit: () => junitLines,
  html: () => htmlChunks,
};

/** A formatter that hands its output over in pieces: what the CLI writes, so a large report is never held whole. */
export function chunkedFormatter(name: FormatName, options: FormatOptions = { color: false }): ChunkedFormatter {
  return FORMATTERS[name](options);
}

/** The same output as one string. */
export function formatter(name: FormatName, options: FormatOptions = { color: false }): Formatter {
  const chunks = chunkedFormatter(name, options);
  return (context) => [...chunks(context)].join("");
}

export type { ChunkedFormatter, Formatter, ReportContext } from "./context.js";
export { ruleListing, RULE_LISTING_NAMES, type RuleListingName } from "./rules.js";
export { OutputTargetError, outputTarget, pieces, removeOnSignal, writeFileAtomic, writeFileAtomicAsync } from "./write.js";
