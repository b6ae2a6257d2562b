/** /etc/hostname (or a sosreport's `hostname` output): the name on its first line, blanks trimmed. */
export function parseHostname(text: string): string | null {
  const name = text.split(/\r?\n/)[0]?.trim() ?? "";
  return name === "" ? null : name;
}
