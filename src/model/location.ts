/** A place in a scanned file (schemas/host.json, definitions/location). */
export type { Location } from "./host.js";
