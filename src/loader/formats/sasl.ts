/**
 * Cyrus SASL application configuration (/etc/sasl2/libvirt.conf): `option: value`
 * lines, `#` comments. libvirt's mechanisms come from `mech_list`, separated by
 * spaces (or commas, which Cyrus also accepts).
 */
export interface SaslConf {
  mechanisms: string[] | null;
  line: number | null;
}

export function parseSaslConf(text: string): SaslConf {
  const result: SaslConf = { mechanisms: null, line: null };
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /^\s*mech_list\s*:\s*(.*?)\s*$/i.exec(line);
    if (!match) return;
    result.mechanisms = (match[1] as string)
      .split(/[\s,]+/)
      .filter((m) => m !== "")
      .map((m) => m.toLowerCase());
    result.line = index + 1;
  });
  return result;
}
