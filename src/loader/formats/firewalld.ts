/**
 * firewalld's zone and service XML (firewalld.zone(5), firewalld.service(5)):
 * the elements that decide which TCP ports a zone accepts and from where. The
 * files are small and flat; this reads their tags, not general XML.
 */
export interface FirewalldPort {
  protocol: string;
  from: number;
  to: number;
}

export interface FirewalldRule {
  source: string | null;
  invertSource: boolean;
  ports: FirewalldPort[];
  services: string[];
  action: "accept" | "reject" | "drop" | null;
  line: number;
}

export interface FirewalldZone {
  target: string;
  interfaces: string[];
  sources: string[];
  services: { name: string; line: number }[];
  ports: (FirewalldPort & { line: number })[];
  rules: FirewalldRule[];
}

interface Tag {
  name: string;
  attributes: Record<string, string>;
  closing: boolean;
  selfClosing: boolean;
  line: number;
}

/** The text with each comment blanked (its line breaks kept), in one pass: an unclosed `<!--` blanks the rest. */
function withoutComments(xml: string): string {
  const parts: string[] = [];
  let from = 0;
  for (let open = xml.indexOf("<!--"); open >= 0; open = xml.indexOf("<!--", from)) {
    const close = xml.indexOf("-->", open + 4);
    const end = close < 0 ? xml.length : close + 3;
    parts.push(xml.slice(from, open), xml.slice(open, end).replace(/[^\n]/g, " "));
    from = end;
    if (close < 0) break;
  }
  parts.push(xml.slice(from));
  return parts.join("");
}

function tags(xml: string): Tag[] {
  const out: Tag[] = [];
  const text = withoutComments(xml);
  // Lines counted as the tags come, not from the start of the text for each (quadratic).
  let line = 1;
  let newline = text.indexOf("\n");
  // An attribute holds no raw < (XML writes &lt;), so a tag never runs past the next <.
  for (const match of text.matchAll(/<(\/?)([A-Za-z_][\w.-]*)([^<>]*?)(\/?)>/g)) {
    const attributes: Record<string, string> = Object.create(null);
    for (const a of (match[3] ?? "").matchAll(/([A-Za-z_][\w.-]*)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
      attributes[a[1] as string] = decode(a[3] ?? a[4] ?? "");
    }
    while (newline >= 0 && newline < match.index) {
      line++;
      newline = text.indexOf("\n", newline + 1);
    }
    out.push({ name: match[2] as string, attributes, closing: match[1] === "/", selfClosing: match[4] === "/", line });
  }
  return out;
}

function decode(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function port(attributes: Record<string, string>): FirewalldPort | null {
  const match = /^(\d+)(?:-(\d+))?$/.exec(attributes.port ?? "");
  if (!match) return null;
  return { protocol: attributes.protocol ?? "tcp", from: Number(match[1]), to: Number(match[2] ?? match[1]) };
}

export function parseZone(xml: string): FirewalldZone {
  const zone: FirewalldZone = { target: "default", interfaces: [], sources: [], services: [], ports: [], rules: [] };
  let rule: FirewalldRule | null = null;
  for (const tag of tags(xml)) {
    if (tag.closing) {
      if (tag.name === "rule" && rule) {
        zone.rules.push(rule);
        rule = null;
      }
      continue;
    }
    const a = tag.attributes;
    if (tag.name === "zone") zone.target = a.target ?? "default";
    else if (tag.name === "rule") {
      rule = { source: null, invertSource: false, ports: [], services: [], action: null, line: tag.line };
      if (tag.selfClosing) {
        zone.rules.push(rule);
        rule = null;
      }
    } else if (rule) {
      if (tag.name === "source") {
        rule.source = a.address ?? a.ipset ?? null;
        rule.invertSource = a.invert === "True" || a.invert === "true" || a.invert === "yes";
      } else if (tag.name === "port") {
        const p = port(a);
        if (p) rule.ports.push(p);
      } else if (tag.name === "service" && a.name) rule.services.push(a.name);
      else if (tag.name === "accept" || tag.name === "reject" || tag.name === "drop") rule.action = tag.name;
    } else if (tag.name === "interface" && a.name) zone.interfaces.push(a.name);
    else if (tag.name === "source" && (a.address || a.ipset)) zone.sources.push((a.address ?? a.ipset) as string);
    else if (tag.name === "service" && a.name) zone.services.push({ name: a.name, line: tag.line });
    else if (tag.name === "port") {
      const p = port(a);
      if (p) zone.ports.push({ ...p, line: tag.line });
    }
  }
  return zone;
}

export function parseService(xml: string): FirewalldPort[] {
  return tags(xml)
    .filter((t) => !t.closing && t.name === "port")
    .flatMap((t) => {
      const p = port(t.attributes);
      return p ? [p] : [];
    });
}

/** `KEY=value` lines of firewalld.conf. */
export function parseFirewalldConf(text: string): Map<string, { value: string; line: number }> {
  const out = new Map<string, { value: string; line: number }>();
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /^\s*([A-Za-z]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) out.set(match[1] as string, { value: match[2] as string, line: index + 1 });
  });
  return out;
}
