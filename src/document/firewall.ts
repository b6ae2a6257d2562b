/**
 * The host firewall reduced to what migration security needs: for each port
 * range that matters (libvirt's TCP and TLS ports, QEMU's migration ports), is a
 * new TCP connection accepted from anywhere, only from some sources, or not at all.
 */
import type { HostFiles } from "../model/files.js";
import type { Exposure, FirewallState, UnitState } from "../model/host.js";
import type { Location } from "../model/location.js";
import type { FirewallPaths, LayoutPaths } from "../loader/discover.js";
import { joinRelative } from "../loader/paths.js";
import { parseFirewalldConf, parseService, parseZone, type FirewalldPort, type FirewalldZone } from "../loader/formats/firewalld.js";
import { parseIptablesSave, type IptablesInput } from "../loader/formats/iptables.js";
import { parseNftables } from "../loader/formats/nftables.js";
import { LIBVIRT_PORTS, unitActive } from "./options/libvirt.js";

const ANYWHERE = "0.0.0.0/0";
/** firewalld's own service definitions for libvirt (/usr/lib/firewalld/services): libvirt's ports. */
const BUILTIN_SERVICES: Record<string, FirewalldPort[]> = {
  libvirt: [{ protocol: "tcp", from: LIBVIRT_PORTS.tcp, to: LIBVIRT_PORTS.tcp }],
  "libvirt-tls": [{ protocol: "tcp", from: LIBVIRT_PORTS.tls, to: LIBVIRT_PORTS.tls }],
};

export type PortRange = { from: number; to: number };

const overlaps = (a: PortRange, b: PortRange) => a.from <= b.to && b.from <= a.to;

function exposure(range: PortRange, openings: { source: string; location: Location }[], reason?: string): Exposure {
  const sources = [...new Set(openings.map((o) => o.source))].sort();
  const status = sources.includes(ANYWHERE) ? "open-to-all" : sources.length > 0 ? "restricted" : "closed";
  const result: Exposure = { from: range.from, to: range.to, status, sources, locations: openings.map((o) => o.location) };
  if (reason) result.reason = reason;
  return result;
}

function firewalld(files: HostFiles, paths: FirewallPaths, ranges: PortRange[]): Exposure[] {
  const conf = files.text(paths.firewalldConf);
  const defaultZone = (conf === null ? undefined : parseFirewalldConf(conf).get("DefaultZone")?.value) || "public";

  const services = new Map(Object.entries(BUILTIN_SERVICES));
  const zones = new Map<string, { zone: FirewalldZone; file: string }>();
  for (const dir of paths.firewalldDirs) {
    for (const file of files.list(joinRelative(dir, "services")).filter((n) => n.endsWith(".xml"))) {
      const text = files.text(joinRelative(dir, "services", file));
      if (text !== null) services.set(file.slice(0, -4), parseService(text));
    }
    for (const file of files.list(joinRelative(dir, "zones")).filter((n) => n.endsWith(".xml"))) {
      const path = joinRelative(dir, "zones", file);
      const text = files.text(path);
      if (text !== null) zones.set(file.slice(0, -4), { zone: parseZone(text), file: path });
    }
  }
  const note = zones.has(defaultZone)
    ? undefined
    : `no file for the default zone "${defaultZone}" in the tree: firewalld's shipped zone is assumed, which opens none of these ports`;

  return ranges.map((range) => {
    const openings: { source: string; location: Location }[] = [];
    for (const [name, { zone, file }] of zones) {
      const applies = name === defaultZone || zone.sources.length > 0 || zone.interfaces.length > 0;
      if (!applies) continue;
      const scope = zone.sources.length > 0 ? zone.sources : [ANYWHERE];
      const open = (line: number) => {
        for (const source of scope) openings.push({ source, location: { file, line, column: 1 } });
      };
      if (zone.target === "ACCEPT") open(1);
      for (const s of zone.services) if ((services.get(s.name) ?? []).some((p) => p.protocol === "tcp" && overlaps(p, range))) open(s.line);
      for (const p of zone.ports) if (p.protocol === "tcp" && overlaps(p, range)) open(p.line);
      for (const rule of zone.rules) {
        if (rule.action !== "accept") continue;
        const ports = [...rule.ports, ...rule.services.flatMap((s) => services.get(s) ?? [])];
        const matches = ports.length === 0 ? rule.source !== null : ports.some((p) => p.protocol === "tcp" && overlaps(p, range));
        if (!matches) continue;
        const source = rule.source === null || rule.invertSource ? ANYWHERE : rule.source;
        openings.push({ source, location: { file, line: rule.line, column: 1 } });
      }
    }
    return exposure(range, openings, note);
  });
}

/** First match over an INPUT chain (iptables-save or nftables), then the chain's policy. */
function inputChain(path: string, input: IptablesInput, ranges: PortRange[]): Exposure[] {
  return ranges.map((range) => {
    const openings: { source: string; location: Location }[] = [];
    let decided = false;
    for (const rule of input.rules) {
      if (rule.inInterface === "lo" || rule.establishedOnly) continue;
      if (rule.protocol !== null && rule.protocol !== "tcp" && rule.protocol !== "all") continue;
      if (rule.ports !== null && !rule.ports.some((p) => overlaps(p, range))) continue;
      const location = { file: path, line: rule.line, column: 1 };
      if (rule.target === "ACCEPT") {
        const source = rule.source === null || rule.negatedSource ? ANYWHERE : rule.source;
        openings.push({ source, location });
        if (source === ANYWHERE) {
          decided = true;
          break;
        }
      } else if ((rule.target === "DROP" || rule.target === "REJECT") && rule.source === null) {
        decided = true;
        break;
      }
    }
    if (!decided && input.policy === "ACCEPT" && input.policyLine !== null) {
      openings.push({ source: ANYWHERE, location: { file: path, line: input.policyLine, column: 1 } });
    }
    return exposure(range, openings);
  });
}

export function loadFirewall(files: HostFiles, paths: LayoutPaths, units: Record<string, UnitState>, ranges: PortRange[]): FirewallState {
  const running = (unit: string) => unitActive(units[unit]?.state);
  const unknown = (reason: string): FirewallState => ({
    service: "unknown",
    reason,
    ports: ranges.map((r) => ({ ...r, status: "unknown", sources: [], locations: [] })),
  });
  const where = paths.firewall;
  if (where === null) return unknown("the tree holds no etc folder of the host");
  if (running("firewalld.service")) {
    return {
      service: "firewalld",
      location: units["firewalld.service"]?.location ?? { file: where.firewalldConf, line: 1, column: 1 },
      ports: firewalld(files, where, ranges),
    };
  }
  for (const unit of ["iptables.service", "netfilter-persistent.service"]) {
    if (!running(unit)) continue;
    for (const path of where.iptablesRules) {
      const text = files.text(path);
      if (text !== null)
        return {
          service: "iptables",
          location: units[unit]?.location ?? { file: path, line: 1, column: 1 },
          ports: inputChain(path, parseIptablesSave(text), ranges),
        };
    }
    return unknown(`${unit} is enabled but the tree holds no saved iptables rules`);
  }
  if (running("nftables.service")) {
    for (const path of where.nftablesRules) {
      const text = files.text(path);
      if (text !== null)
        return {
          service: "nftables",
          location: units["nftables.service"]?.location ?? { file: path, line: 1, column: 1 },
          ports: inputChain(path, parseNftables(text), ranges),
        };
    }
    return unknown("nftables.service is enabled but the tree holds no /etc/nftables.conf");
  }
  if (paths.systemd === null || !Object.values(units).some((u) => u.state !== "unknown")) {
    return unknown("the tree does not show which firewall service runs");
  }
  return {
    service: "none",
    ports: ranges.map((range) => ({ ...range, status: "open-to-all", sources: [ANYWHERE], locations: [], reason: "no firewall service is enabled" })),
  };
}
