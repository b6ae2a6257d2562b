// Builds the pinned Go tools (tools/go.mod: OPA; tools/regal/go.mod: Regal; tools/bench/go.mod:
// conftest, which only the bench runs) once into
// .tools/bin, so scripts and tests do not pay `go tool`'s start-up on every call.
// A tool is rebuilt when its go.mod or go.sum is newer than the binary.
import { execFileSync } from "node:child_process";
import { existsSync, statSync, mkdirSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";

export const root = resolve(import.meta.dirname, "..");
const binDir = join(root, ".tools", "bin");

const TOOLS = {
  opa: { module: "tools", pkg: "github.com/open-policy-agent/opa" },
  regal: { module: "tools/regal", pkg: "github.com/open-policy-agent/regal" },
  conftest: { module: "tools/bench", pkg: "github.com/open-policy-agent/conftest" },
};

function findGo() {
  const candidates = [...(process.env.PATH ?? "").split(delimiter).map((d) => join(d, "go")), "/usr/local/go/bin/go"];
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new Error("Go is needed to build OPA and Regal (tools/go.mod); install Go 1.24 or newer, e.g. at /usr/local/go/bin");
  }
  return found;
}

export function tool(name) {
  const spec = TOOLS[name];
  const binary = join(binDir, name);
  const moduleDir = join(root, spec.module);
  const stamp = Math.max(statSync(join(moduleDir, "go.mod")).mtimeMs, statSync(join(moduleDir, "go.sum")).mtimeMs);
  if (!existsSync(binary) || statSync(binary).mtimeMs < stamp) {
    mkdirSync(binDir, { recursive: true });
    process.stderr.write(`building ${name} from ${spec.module}/go.mod …\n`);
    execFileSync(findGo(), ["build", "-o", binary, spec.pkg], { cwd: moduleDir, stdio: "inherit" });
  }
  return binary;
}
