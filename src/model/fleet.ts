/** The fleet document: the input of the fleet checks, described by schemas/fleet.json. */
import type { Location } from "./location.js";

export const FLEET_SCHEMA_VERSION = 1;

/** One host's summary, computed by the policies (policies/lib/fleet_entry.rego). */
export interface FleetHost {
  name: string;
  root: string;
  name_location: Location;
  transport: { control: string; native_tls: boolean; tunnelled: boolean; location: Location };
  client_dns: string[];
  allowed_dns: { daemon: string; patterns: string[]; location: Location } | null;
  ca_fingerprints: string[];
  certificates: { file: string; issuer: string; serial: string; public_key_sha256: string }[];
}

export interface FleetDocument {
  schema_version: typeof FLEET_SCHEMA_VERSION;
  hosts: FleetHost[];
}
