/** /etc/passwd and /etc/group: names by numeric id (the first entry for an id wins, as getpwuid does). */
export function parseIdNames(text: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line === "" || line.startsWith("#")) continue;
    const fields = line.split(":");
    const id = Number(fields[2]);
    if (fields.length >= 3 && fields[0] && Number.isInteger(id) && !names.has(id)) names.set(id, fields[0]);
  }
  return names;
}
