/**
 * oslo.config's `$name` interpolation (string.Template.safe_substitute as oslo applies it),
 * bounded: each referenced option is expanded once (memoised) and an expansion stops at
 * MAX_EXPANSION characters. Values that interpolate each other can double at every step:
 * 108 bytes of nova.conf expanded without bounds took 34 s and 3.9 GB.
 */

/** oslo.config's Template: `$name`, `${name}`, `${group.name}`; `$$` and `\$` are a literal `$`. */
const TEMPLATE = /\$(?:(\$)|([_a-z][._a-z0-9]*)|\{([_a-z][._a-z0-9]*)\}|)/gi;
/**
 * References followed in a chain at the most (oslo.config follows them to the end: a chain
 * of 13 options gives the last one's value); the bound keeps the recursion off the stack's
 * end. A cycle is stopped where a name comes back, and stays as written.
 */
const MAX_DEPTH = 256;
export const MAX_EXPANSION = 64 * 1024;

/** A referenced option: its raw value (null: unset, which gives ''), and whether it is a secret. */
export interface Reference {
  raw: string | null;
  secret: boolean;
}

/** undefined: an option migpolicy does not know, which stays as written. */
export type Lookup = (group: string, name: string) => Reference | undefined;

export interface Expansion {
  text: string;
  /** A secret option was interpolated into the value. */
  secret: boolean;
  /** The expansion passed MAX_EXPANSION characters; `text` is then empty. */
  tooLarge: boolean;
  /** A chain was cut at MAX_DEPTH or at a cycle: the text depends on where it began, so it is not memoised. */
  cut?: boolean;
}

/**
 * An interpolator over one configuration: a name resolves in the option's own group, else in
 * [DEFAULT]; `group.name` in that group. A name migpolicy cannot resolve stays as written.
 */
export function interpolator(lookup: Lookup): (raw: string, group: string) => Expansion {
  const memo = new Map<string, Expansion>();
  const inProgress = new Set<string>();

  const expand = (raw: string, group: string, depth: number): Expansion => {
    let secret = false;
    let tooLarge = false;
    let cut = false;
    let grown = 0;
    const reference = (g: string, name: string, value: string): string => {
      const key = `${g}\u0000${name}`;
      let expansion = memo.get(key);
      if (expansion === undefined) {
        if (depth >= MAX_DEPTH || inProgress.has(key)) {
          cut = true;
          return value;
        }
        inProgress.add(key);
        expansion = expand(value, g, depth + 1);
        inProgress.delete(key);
        if (!expansion.cut) memo.set(key, expansion);
      }
      secret ||= expansion.secret;
      tooLarge ||= expansion.tooLarge;
      cut ||= expansion.cut === true;
      return expansion.text;
    };
    const text = raw
      .replaceAll("\\$", "$$$$")
      .replace(TEMPLATE, (whole, escaped: string | undefined, named: string | undefined, braced: string | undefined) => {
        if (tooLarge) return "";
        if (escaped !== undefined) return "$";
        const id = named ?? braced;
        if (id === undefined) return whole;
        const dot = id.indexOf(".");
        const candidates: [string, string][] =
          dot > 0
            ? [
                [id.slice(0, dot), id.slice(dot + 1)],
                ["DEFAULT", id],
              ]
            : [
                [group, id],
                ["DEFAULT", id],
              ];
        for (const [g, name] of candidates) {
          const found = lookup(g, name);
          if (found === undefined) continue;
          secret ||= found.secret;
          const piece = found.raw === null ? "" : reference(g, name, found.raw);
          grown += piece.length;
          if (grown > MAX_EXPANSION) tooLarge = true;
          return tooLarge ? "" : piece;
        }
        return whole;
      });
    // Only what references added counts: a long value written out in full is not an expansion.
    tooLarge ||= grown > 0 && text.length > MAX_EXPANSION;
    return { text: tooLarge ? "" : text, secret, tooLarge, cut };
  };

  return (raw, group) => expand(raw, group, 0);
}
