/**
 * nftables rulesets as `nft -f` reads them (/etc/nftables.conf, /etc/sysconfig/nftables.conf),
 * reduced to what decides whether a new TCP connection reaches a port: the chains hooked
 * to input, their policy, and per rule the source, the TCP destination ports, whether it
 * only matches established connections, and its verdict. Includes, sets defined by name
 * and maps are not followed; a rule using them is kept with what it says plainly.
 */
import type { IptablesInput, IptablesRule } from "./iptables.js";

function ports(spec: string): { from: number; to: number }[] {
  return spec
    .replace(/[{}]/g, " ")
    .split(/[\s,]+/)
    .flatMap((part) => {
      const match = /^(\d+)(?:-(\d+))?$/.exec(part);
      return match ? [{ from: Number(match[1]), to: Number(match[2] ?? match[1]) }] : [];
    });
}

/** The statements of the input-hooked chains, in order; the result has the shape of iptables' INPUT chain. */
export function parseNftables(text: string): IptablesInput {
  const input: IptablesInput = { policy: null, policyLine: null, rules: [] };
  const lines = text.split(/\r?\n/);
  let depth = 0;
  let chainDepth = -1;
  let inInput = false;
  let chainLines: { text: string; line: number }[] = [];

  lines.forEach((raw, index) => {
    const line = raw.replace(/#.*$/, "").trim();
    const opens = (line.match(/\{/g) ?? []).length;
    const closes = (line.match(/\}/g) ?? []).length;
    if (/^chain\s+\S+\s*\{/.test(line)) {
      chainDepth = depth;
      chainLines = [];
      inInput = false;
    } else if (chainDepth >= 0 && depth > chainDepth) {
      for (const statement of line
        .split(";")
        .map((s) => s.trim())
        .filter((s) => s !== "")) {
        if (/\bhook\s+input\b/.test(statement)) inInput = true;
        const policy = /\bpolicy\s+(accept|drop)\b/.exec(statement);
        if (policy) chainLines.push({ text: `policy ${policy[1]}`, line: index + 1 });
        else if (!/^type\s/.test(statement) && statement !== "}") chainLines.push({ text: statement, line: index + 1 });
      }
    }
    depth += opens - closes;
    if (chainDepth >= 0 && depth <= chainDepth) {
      if (inInput) {
        for (const { text: statement, line } of chainLines) {
          const policy = /^policy (accept|drop)$/.exec(statement);
          if (policy) {
            input.policy = (policy[1] as string).toUpperCase();
            input.policyLine = line;
            continue;
          }
          input.rules.push(rule(statement, line));
        }
        if (input.policy === null) input.policy = "ACCEPT";
      }
      chainDepth = -1;
      inInput = false;
    }
  });
  return input;
}

function rule(statement: string, line: number): IptablesRule {
  const source = /\bip6?\s+saddr\s+(!=\s*)?(\{[^}]*\}|\S+)/.exec(statement);
  const dport = /\b(?:tcp|th)\s+dport\s+(\{[^}]*\}|\S+)/.exec(statement);
  const verdict = /\b(accept|drop|reject)\b\s*$/.exec(statement);
  const state = /\bct\s+state\s+(\{[^}]*\}|\S+)/.exec(statement);
  return {
    protocol: /\btcp\b/.test(statement) ? "tcp" : /\budp\b/.test(statement) ? "udp" : /\bicmp/.test(statement) ? "icmp" : null,
    source: source ? (source[2] as string).replace(/[{}\s]/g, "") : null,
    negatedSource: Boolean(source?.[1]),
    inInterface: /\biif(?:name)?\s+"?lo"?\b/.test(statement) ? "lo" : null,
    ports: dport ? ports(dport[1] as string) : null,
    establishedOnly: state !== null && !/\bnew\b/.test(state[1] as string),
    target: verdict ? (verdict[1] as string).toUpperCase() : null,
    line,
  };
}
