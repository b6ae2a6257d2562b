/** The fleet document: the input of the fleet checks, described by schemas/fleet.json. */
import type { HostDocument } from "./host.js";

export const FLEET_SCHEMA_VERSION = 1;

export interface FleetHost {
  name: string;
  root: string;
}

export interface FleetDocument {
  schema_version: typeof FLEET_SCHEMA_VERSION;
  hosts: FleetHost[];
}

export function fleetEntry(host: HostDocument): FleetHost {
  return { name: host.host.name, root: host.host.root };
}
