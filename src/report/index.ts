import type { Formatter } from "./context.js";
import { formatJson } from "./json.js";
import { formatSarif } from "./sarif.js";
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

export type { Formatter, ReportContext } from "./context.js";
export { removeOnSignal, writeFileAtomic, writeFileAtomicAsync } from "./write.js";
