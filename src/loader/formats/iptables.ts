/**
 * `iptables-save` output (/etc/sysconfig/iptables, /etc/iptables/rules.v4): the
 * filter table's INPUT chain policy and rules, with the matches that decide
 * whether a new TCP connection to a port is accepted and from where.
 */
export interface IptablesRule {
  protocol: string | null;
  source: string | null;
  negatedSource: boolean;
  inInterface: string | null;
  /** Port ranges of --dport/--dports; null when the rule matches every port. */
  ports: { from: number; to: number }[] | null;
  /** The rule matches only packets of existing connections (conntrack/state without NEW). */
  establishedOnly: boolean;
  target: string | null;
  line: number;
}

export interface IptablesInput {
  policy: string | null;
  policyLine: number | null;
  rules: IptablesRule[];
}

function ranges(spec: string): { from: number; to: number }[] {
  return spec.split(",").flatMap((part) => {
    const match = /^(\d+)(?::(\d+))?$/.exec(part.trim());
    return match ? [{ from: Number(match[1]), to: Number(match[2] ?? match[1]) }] : [];
  });
}

export function parseIptablesSave(text: string): IptablesInput {
  const input: IptablesInput = { policy: null, policyLine: null, rules: [] };
  let table = "";
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith("*")) table = line.slice(1);
    if (table !== "filter") return;
    const policy = /^:INPUT\s+(\S+)/.exec(line);
    if (policy) {
      input.policy = policy[1] as string;
      input.policyLine = index + 1;
      return;
    }
    if (!line.startsWith("-A INPUT ")) return;
    const words = line.split(/\s+/);
    const rule: IptablesRule = {
      protocol: null,
      source: null,
      negatedSource: false,
      inInterface: null,
      ports: null,
      establishedOnly: false,
      target: null,
      line: index + 1,
    };
    for (let i = 2; i < words.length; i++) {
      const word = words[i];
      const next = words[i + 1] ?? "";
      if (word === "-p" || word === "--protocol") rule.protocol = next;
      else if (word === "!" && (next === "-s" || next === "--source")) {
        rule.negatedSource = true;
      } else if (word === "-s" || word === "--source") rule.source = next;
      else if (word === "-i" || word === "--in-interface") rule.inInterface = next;
      else if (word === "--dport" || word === "--destination-port" || word === "--dports" || word === "--destination-ports") rule.ports = ranges(next);
      else if (word === "--state" || word === "--ctstate") rule.establishedOnly = !next.split(",").includes("NEW");
      else if (word === "-j" || word === "--jump") rule.target = next;
    }
    input.rules.push(rule);
  });
  return input;
}
