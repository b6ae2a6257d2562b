import type { ChunkedFormatter, Formatter } from "./context.js";
import { formatJson, jsonChunks } from "./json.js";
import { formatSarif, sarifChunks } from "./sarif.js";
import { makeTextFormatter } from "./text.js";

export type FormatName = "text" | "sarif" | "json";
export const FORMAT_NAMES: readonly FormatName[] = ["text", "sarif", "json"];

export function formatter(name: FormatName, options: { color: boolean } = { color: false }): Formatter {
  switch (name) {
    case "text":
      return makeTextFormatter(options);
    case "sarif":
      return formatSarif;
    case "json":
      return formatJson;
  }
}

/** The same output as `formatter`, in pieces: what the CLI writes, so a large report is never held whole. */
export function chunkedFormatter(name: FormatName, options: { color: boolean } = { color: false }): ChunkedFormatter {
  switch (name) {
    case "text": {
      const text = makeTextFormatter(options);
      return (context) => [text(context)];
    }
    case "sarif":
      return sarifChunks;
    case "json":
      return jsonChunks;
  }
}

export type { ChunkedFormatter, Formatter, ReportContext } from "./context.js";
export { pieces, removeOnSignal, writeFileAtomic, writeFileAtomicAsync } from "./write.js";
