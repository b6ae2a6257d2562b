#!/usr/bin/env node
/**
 * `migpolicy eval <path>` and `migpolicy rules`. Exit codes: 0 no findings,
 * 1 findings, 2 usage or fatal error.
 */
import { parseArgs } from "node:util";
import { loadCatalogue } from "../model/catalogue.js";
import { FORMAT_NAMES, formatter, writeFileAtomic, type FormatName } from "../report/index.js";
import { LAYOUTS } from "../loader/discover.js";
import type { Layout } from "../model/host.js";
import { scan, ScanInputError } from "../scan.js";
import { TOOL } from "../tool.js";

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

const USAGE = `Usage:
  migpolicy eval <path> [--format text|sarif|json] [--output FILE] [--layout LAYOUT]
  migpolicy rules
  migpolicy --help | --version

<path> is one host's tree or a folder of such trees, one host each. Layouts are
detected; --layout forces one of: sosreport, tripleo, kolla, host-root, etc.

Examples:
  migpolicy eval ./etc
  migpolicy eval ./fleet --format sarif --output migpolicy.sarif

Exit status: 0 no findings, 1 findings, 2 usage or fatal error.
`;

class UsageError extends Error {}

function colorWanted(stream: NodeJS.WriteStream): boolean {
  return stream.isTTY === true && !("NO_COLOR" in process.env && process.env.NO_COLOR !== "");
}

function runEval(args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "text" },
      output: { type: "string", short: "o" },
      layout: { type: "string" },
    },
  });
  if (positionals.length !== 1) throw new UsageError("eval takes exactly one path");
  const format = values.format as FormatName;
  if (!FORMAT_NAMES.includes(format)) throw new UsageError(`unknown format "${values.format}"; use ${FORMAT_NAMES.join(", ")}`);
  const layout = values.layout as Layout | undefined;
  if (layout !== undefined && !LAYOUTS.includes(layout)) throw new UsageError(`unknown layout "${values.layout}"; use ${LAYOUTS.join(", ")}`);
  const result = scan(positionals[0] as string, layout === undefined ? {} : { layout });
  const color = values.output === undefined && colorWanted(process.stdout);
  const output = formatter(format, { color })({ result, catalogue: loadCatalogue(), tool: TOOL });
  if (values.output !== undefined) writeFileAtomic(values.output, output);
  else process.stdout.write(output);
  if (result.hosts.length === 0) return EXIT_ERROR;
  return result.findings.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

function runRules(): number {
  const lines = loadCatalogue().rules.map((rule) => `${rule.id.padEnd(9)} ${rule.severity.padEnd(8)} ${rule.title}`);
  process.stdout.write(lines.join("\n") + "\n");
  return EXIT_CLEAN;
}

export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  try {
    if (command === "--version" || command === "-V") {
      process.stdout.write(`${TOOL.version}\n`);
      return EXIT_CLEAN;
    }
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      process.stdout.write(USAGE);
      return command === undefined ? EXIT_ERROR : EXIT_CLEAN;
    }
    if (command === "eval") return runEval(rest);
    if (command === "rules") return runRules();
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`migpolicy: ${(error as Error).message}\n\n${USAGE}`);
      return EXIT_ERROR;
    }
    if (error instanceof ScanInputError) {
      process.stderr.write(`migpolicy: ${error.message}\n`);
      return EXIT_ERROR;
    }
    process.stderr.write(`migpolicy: internal error: ${(error as Error).message}\n`);
    return EXIT_ERROR;
  }
}

process.exitCode = main(process.argv.slice(2));
