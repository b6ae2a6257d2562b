/**
 * Installed package lists: dpkg's status file (deb822 stanzas), `dpkg -l` output
 * (as sosreport keeps it), and `rpm -qa` NVRA lines (sosreport's installed-rpms).
 * Versions are reduced to the upstream part as numbers, so Rego can compare them
 * without a semver builtin (Wasm has none).
 */
export interface InstalledPackage {
  name: string;
  version: string;
  line: number;
}

export function parseDpkgStatus(text: string): InstalledPackage[] {
  const out: InstalledPackage[] = [];
  let current: { name?: string; version?: string; status?: string; line: number } = { line: 1 };
  const flush = () => {
    if (current.name && current.version && current.status?.endsWith(" installed"))
      out.push({ name: current.name, version: current.version, line: current.line });
  };
  text.split(/\r?\n/).forEach((line, index) => {
    if (line === "") {
      flush();
      current = { line: index + 2 };
      return;
    }
    const match = /^(Package|Version|Status):\s*(.*)$/.exec(line);
    if (!match) return;
    const value = match[2] ?? "";
    if (match[1] === "Package") {
      current.name = value;
      current.line = index + 1;
    } else if (match[1] === "Version") current.version = value;
    else current.status = value;
  });
  flush();
  return out;
}

const SPACE = /\s/;

/**
 * One `dpkg -l` line of an installed package, `ii  name[:arch]  version  arch ...`, read as
 * /^ii\s+(\S+?)(?::\S+)?\s+(\S+)\s/ reads it, in one pass: that pattern backtracked
 * quadratically on a long name full of colons.
 */
export function dpkgListLine(line: string): { name: string; version: string } | null {
  if (!line.startsWith("ii") || !SPACE.test(line[2] ?? "")) return null;
  let at = 2;
  const skip = (space: boolean) => {
    while (at < line.length && SPACE.test(line[at] as string) === space) at++;
  };
  skip(true);
  const tokenStart = at;
  skip(false);
  const token = line.slice(tokenStart, at);
  if (token === "" || at >= line.length) return null;
  skip(true);
  const versionStart = at;
  skip(false);
  // The version must be followed by a blank.
  if (at === versionStart || at >= line.length) return null;
  // The name is the shortest prefix the rest of the token can follow as ":<something>".
  const colon = token.indexOf(":", 1);
  const name = colon > 0 && colon < token.length - 1 ? token.slice(0, colon) : token;
  return { name, version: line.slice(versionStart, at) };
}

export function parseDpkgList(text: string): InstalledPackage[] {
  const out: InstalledPackage[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const found = dpkgListLine(line);
    if (found) out.push({ ...found, line: index + 1 });
  });
  return out;
}

export function parseRpmList(text: string): InstalledPackage[] {
  const out: InstalledPackage[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const nvra = line.split(/\s+/)[0];
    if (!nvra) return;
    const withoutArch = nvra.replace(/\.[^.]+$/, "");
    const release = withoutArch.lastIndexOf("-");
    const version = withoutArch.lastIndexOf("-", release - 1);
    if (release <= 0 || version <= 0) return;
    out.push({ name: withoutArch.slice(0, version), version: withoutArch.slice(version + 1), line: index + 1 });
  });
  return out;
}

/**
 * The upstream version as numbers: epoch and distribution revision dropped
 * (`2:26.2.2-1~deb12u5` → [26, 2, 2], `1:7.2+dfsg-7` → [7, 2, 0], `10.10.0-7.el9` → [10, 10, 0]).
 */
export function upstreamNumbers(version: string): [number, number, number] | null {
  const upstream = version.replace(/^\d+:/, "").replace(/-[^-]*$/, "");
  const match = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(upstream);
  if (!match) return null;
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}
