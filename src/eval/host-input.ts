/**
 * The host document as policy.wasm is given it: without the nova options no policy can see.
 * Half of a host's evaluation is policy.wasm parsing its input (a full Debian host's 38 KB
 * document: 0.65 ms of 1.35 ms, measured), and a nova.conf sets many options no check reads
 * (Kolla-Ansible's rendered one: 40% of the document). Users' own bundles, and every other
 * consumer of the document, get it whole.
 */
import type { HostDocument, NovaOption, NovaSection } from "../model/host.js";

/**
 * Beside policy.wasm: every string of the policies' OPA parse and of their data
 * (tools/build.mjs). A policy looks an option up by a name among them, or finds it by what
 * it carries (keepsForPolicies).
 */
export const POLICY_STRINGS_FILE = "policy-strings.json";

/** What every option has; an option carrying more (secret, invalid, near, shadowed, deprecated) is kept. */
const PLAIN_FIELDS = new Set(["value", "source", "location", "anchor"]);

/**
 * Whether a check can see this option: one whose name the policies hold; one that carries a
 * fact checks look for over every option (config_readable: secret; misspelled_option: near;
 * invalid_read_at: invalid); every option of a section named DEFAULT in another case, which
 * lowercase_default counts.
 */
function keepsForPolicies(names: ReadonlySet<string>, section: string, name: string, option: NovaOption): boolean {
  if (names.has(name) || (section !== "DEFAULT" && section.toUpperCase() === "DEFAULT")) return true;
  for (const field in option) if (!PLAIN_FIELDS.has(field)) return true;
  return false;
}

/** The document with only the nova options the policies can see (the same object when it loses none). */
export function hostInputFor(document: HostDocument, names: ReadonlySet<string>): HostDocument {
  let dropped = false;
  const kept: Record<string, NovaSection> = {};
  const sections = document.nova.sections;
  for (const sectionName in sections) {
    const section = sections[sectionName];
    if (section === undefined) continue;
    const options: NovaSection["options"] = {};
    for (const name in section.options) {
      const option = section.options[name];
      if (option === undefined) continue;
      if (keepsForPolicies(names, sectionName, name, option)) options[name] = option;
      else dropped = true;
    }
    kept[sectionName] = { ...section, options };
  }
  return dropped ? { ...document, nova: { ...document.nova, sections: kept } } : document;
}
