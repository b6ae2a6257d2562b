/**
 * The `yaml` package, loaded when a YAML file is first read: most scans read none (a host's
 * files are INI and virConf), and loading it is about a tenth of a one-host run's start-up.
 */
import { createRequire } from "node:module";
import type * as Yaml from "yaml";

let loaded: typeof Yaml | undefined;

export function yamlPackage(): typeof Yaml {
  // require() is typed `any`: the package's own types describe what it returns.
  loaded ??= createRequire(import.meta.url)("yaml") as typeof Yaml;
  return loaded;
}
