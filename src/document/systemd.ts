/**
 * The state of the systemd units that decide who listens for migration traffic:
 * enabled through `*.wants/` links, masked by a link to /dev/null, ListenStream=
 * from the unit and its drop-ins. A sosreport's `systemctl list-unit-files` output
 * is the better witness of the state where it exists.
 */
import type { HostFiles } from "../model/files.js";
import type { UnitState } from "../model/host.js";
import type { Location } from "../model/location.js";
import type { LayoutPaths } from "../loader/discover.js";
import { joinRelative } from "../loader/paths.js";
import { listSetting, parseUnitFile, parseUnitFileList, type UnitAssignment } from "../loader/formats/systemd-unit.js";

const UNITS = [
  "libvirtd.service",
  "libvirtd.socket",
  "libvirtd-tcp.socket",
  "libvirtd-tls.socket",
  "virtproxyd.service",
  "virtproxyd.socket",
  "virtproxyd-tcp.socket",
  "virtproxyd-tls.socket",
  "virtqemud.service",
  "virtqemud.socket",
  "firewalld.service",
  "nftables.service",
  "iptables.service",
  "netfilter-persistent.service",
] as const;

const at = (file: string): Location => ({ file, line: 1, column: 1 });

/** A unit folder's `*.wants/` and `*.requires/` folders, in order: listed once for all the units looked up. */
function wantsFolders(files: HostFiles, dir: string): string[] {
  return files
    .list(dir)
    .filter((name) => /\.(wants|requires)$/.test(name))
    .sort()
    .map((name) => joinRelative(dir, name));
}

/** The links to `unit` in those folders (a dangling one too: it still enables the unit). */
function wantsLinks(files: HostFiles, folders: readonly string[], unit: string): string[] {
  return folders
    .filter((folder) => files.lists(folder, unit))
    .map((folder) => joinRelative(folder, unit))
    .filter((path) => files.exists(path) || files.linkTarget(path) !== null);
}

/**
 * A unit's file (the administrator's before the vendor's; none when masked) and its
 * drop-ins (`<unit>.d/*.conf`, the vendor's before the administrator's), parsed in that order.
 */
export function unitDefinition(
  files: HostFiles,
  systemd: { admin: string; vendor: string[] },
  unit: string,
): { unitFile: string | undefined; parsed: UnitAssignment[][] } {
  const adminFile = joinRelative(systemd.admin, unit);
  // A masked unit never starts: it has no definition, whatever the vendor ships.
  if (files.lists(systemd.admin, unit) && files.linkTarget(adminFile) === "/dev/null") return { unitFile: undefined, parsed: [] };
  const unitFile = [systemd.admin, ...systemd.vendor]
    .filter((dir) => files.lists(dir, unit))
    .map((dir) => joinRelative(dir, unit))
    .find((path) => files.exists(path));
  const dropIns = [...systemd.vendor, systemd.admin]
    .filter((dir) => files.lists(dir, `${unit}.d`))
    .flatMap((dir) => files.confDir(joinRelative(dir, `${unit}.d`)));
  const parsed: UnitAssignment[][] = [unitFile, ...dropIns].flatMap((path) => {
    if (path === undefined) return [];
    const text = files.text(path);
    return text === null ? [] : [parseUnitFile(text, path)];
  });
  return { unitFile, parsed };
}

export function unitStates(files: HostFiles, paths: LayoutPaths): Record<string, UnitState> {
  const states: Record<string, UnitState> = {};
  const systemd = paths.systemd;
  if (systemd === null) return states;
  const listed = paths.unitFileList ? files.text(paths.unitFileList) : null;
  const list = listed === null ? null : parseUnitFileList(listed);
  const vendorVisible = systemd.vendor.some((dir) => files.isDirectory(dir));
  let wants: string[] | undefined;

  for (const unit of UNITS) {
    const adminFile = joinRelative(systemd.admin, unit);
    const target = files.lists(systemd.admin, unit) ? files.linkTarget(adminFile) : null;
    const { unitFile, parsed } = unitDefinition(files, systemd, unit);

    let state: UnitState;
    const listedState = list?.get(unit);
    if (target === "/dev/null") state = { state: "masked", source: "tree", location: at(adminFile) };
    else if (listedState && paths.unitFileList) {
      state = { state: listedState.state, source: "unit-file-list", location: { file: paths.unitFileList, line: listedState.line, column: 1 } };
    } else {
      wants ??= [systemd.admin, ...systemd.vendor].flatMap((dir) => wantsFolders(files, dir));
      const links = wantsLinks(files, wants, unit);
      if (links.length > 0) state = { state: "enabled", source: "tree", location: at(links[0] as string) };
      else if (unitFile !== undefined) state = { state: "disabled", source: "tree", location: at(unitFile) };
      else state = { state: vendorVisible ? "absent" : "unknown", source: "tree" };
    }
    if (unit.endsWith(".socket") && state.state !== "masked") {
      const listen = listSetting(parsed, "Socket", "ListenStream");
      if (parsed.length > 0) {
        state.listen = listen.values;
        const last = listen.locations.at(-1);
        if (last) state.listen_location = last;
      }
      // Under socket activation the unix socket's mode is the unit's, not unix_sock_rw_perms.
      const mode = parsed
        .flat()
        .filter((a) => a.section === "Socket" && a.key === "SocketMode")
        .at(-1);
      if (mode !== undefined) {
        state.socket_mode = mode.value.trim();
        state.socket_mode_location = mode.location;
      }
    }
    states[unit] = state;
  }
  return states;
}
