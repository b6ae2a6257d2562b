import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { name: string; version: string };

/** The facts about migpolicy itself that reports carry. */
export const TOOL = {
  name: pkg.name,
  version: pkg.version,
  informationUri: "https://github.com/migpolicy/migpolicy",
} as const;
