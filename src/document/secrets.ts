/** Credentials in URLs, wherever a value holds one: they never leave the document builders. */
/** The marker that stands where a URL's credentials were. */
export const REDACTED = "<secret>";

const SCHEME_CHAR = /[A-Za-z0-9+.-]/;
const BLANKS = /(\s+)/;

/**
 * Every URL's user information (`scheme://user:password@host`, `https://TOKEN@host`) replaced
 * by REDACTED. Within each blank-delimited word, from the first `scheme://` to the word's
 * last `@`: a password may hold / ? # (rabbit://nova:pa/ss@mq), so the authority is not
 * trusted to end at them; the text before that `@` is taken for credentials when it holds a
 * ':' or no '/' (https://host/path@v2 is a path). One pass over the text.
 */
export function redactUrlCredentials(value: string): { text: string; redacted: boolean } {
  if (!value.includes("://") || !value.includes("@")) return { text: value, redacted: false };
  let redacted = false;
  const words = value.split(BLANKS).map((word) => {
    const at = word.lastIndexOf("@");
    if (at < 0) return word;
    let marker = word.indexOf("://");
    while (marker >= 0 && marker < at && !(marker > 0 && SCHEME_CHAR.test(word[marker - 1] as string))) marker = word.indexOf("://", marker + 1);
    if (marker < 0 || marker >= at) return word;
    const userinfo = word.slice(marker + 3, at);
    if (userinfo === "" || (!userinfo.includes(":") && userinfo.includes("/"))) return word;
    redacted = true;
    return `${word.slice(0, marker + 3)}${REDACTED}${word.slice(at)}`;
  });
  return redacted ? { text: words.join(""), redacted } : { text: value, redacted: false };
}
