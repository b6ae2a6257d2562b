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

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[\w.-]/;
const BLANK = /\s/;

/**
 * The `name="value"` (or 'value') attributes of a tag's text, found where
 * /([A-Za-z_][\w.-]*)\s*=\s*("([^"]*)"|'([^']*)')/g finds them, in one pass: that pattern
 * retried every position of an attribute whose quote never closes.
 */
export function attributesOf(text: string): Record<string, string> {
  const attributes: Record<string, string> = Object.create(null);
  const unclosed = { '"': false, "'": false };
  let at = 0;
  while (at < text.length) {
    if (!NAME_START.test(text[at] as string)) {
      at++;
      continue;
    }
    const start = at;
    while (at < text.length && NAME_CHAR.test(text[at] as string)) at++;
    // A failed attempt fails for every later start inside the same name too: go on after it.
    const nameEnd = at;
    let cursor = nameEnd;
    while (cursor < text.length && BLANK.test(text[cursor] as string)) cursor++;
    if (text[cursor] !== "=") continue;
    cursor++;
    while (cursor < text.length && BLANK.test(text[cursor] as string)) cursor++;
    const quote = text[cursor];
    if ((quote !== '"' && quote !== "'") || unclosed[quote]) continue;
    const close = text.indexOf(quote, cursor + 1);
    if (close < 0) {
      unclosed[quote] = true;
      continue;
    }
    attributes[text.slice(start, nameEnd)] = decode(text.slice(cursor + 1, close));
    at = close + 1;
  }
  return attributes;
}

/**
 * The tags of an XML text with their lines, where /<(\/?)([A-Za-z_][\w.-]*)([^<>]*?)(\/?)>/g
 * finds them, in one pass: that pattern backtracked into the name of a tag never closed.
 */
export function xmlTags(xml: string): Tag[] {
  const out: Tag[] = [];
  const text = withoutComments(xml);
  let line = 1;
  let newline = text.indexOf("\n");
  // A tag is < /? name attributes /? >; its attributes hold no raw < (XML writes &lt;).
  for (let open = text.indexOf("<"); open >= 0; ) {
    let at = open + 1;
    const closing = text[at] === "/";
    if (closing) at++;
    if (!NAME_START.test(text[at] ?? "")) {
      open = text.indexOf("<", open + 1);
      continue;
    }
    const nameStart = at;
    while (at < text.length && NAME_CHAR.test(text[at] as string)) at++;
    const nameEnd = at;
    while (at < text.length && text[at] !== "<" && text[at] !== ">") at++;
    if (text[at] !== ">") {
      // No > before the next < (or the end): not a tag; the next < may start one.
      open = at < text.length ? at : -1;
      continue;
    }
    const selfClosing = at > nameEnd && text[at - 1] === "/";
    while (newline >= 0 && newline < open) {
      line++;
      newline = text.indexOf("\n", newline + 1);
    }
    out.push({ name: text.slice(nameStart, nameEnd), attributes: attributesOf(text.slice(nameEnd, selfClosing ? at - 1 : at)), closing, selfClosing, line });
    open = text.indexOf("<", at + 1);
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
  for (const tag of xmlTags(xml)) {
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
  return xmlTags(xml)
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
