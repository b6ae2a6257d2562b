/**
 * The TCP sockets listening on a host, from the command outputs a sosreport keeps:
 * `netstat -neopa` / `netstat -W -neopa` (Proto, Recv-Q, Send-Q, Local Address, Foreign
 * Address, State, User, Inode, PID/Program name, Timer) and `ss -peaonmi` / `ss -tlnp`
 * (Netid, State, Recv-Q, Send-Q, Local Address:Port, Peer Address:Port, Process with
 * users:(("name",pid=N,fd=M))). Pure, linear in the text; lines it does not know are skipped.
 */

export interface ListeningSocket {
  /** The local address as printed, without the port ("0.0.0.0", "::", "*", "192.0.2.11"). */
  address: string;
  port: number;
  /** The program holding it (systemd under socket activation), or null where the output names none. */
  program: string | null;
  /** 1-based line in the output. */
  line: number;
}

/** "0.0.0.0:16509", ":::16509", "[::]:16509", "*:16509", "[2001:db8::1]:16514" -> address and port. */
function splitAddress(text: string): { address: string; port: number } | null {
  const colon = text.lastIndexOf(":");
  if (colon < 0) return null;
  const port = Number(text.slice(colon + 1));
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return null;
  let address = text.slice(0, colon);
  if (address.startsWith("[") && address.endsWith("]")) address = address.slice(1, -1);
  // netstat prints the IPv6 wildcard as ":::16509": what remains is "::".
  return { address: address === "" ? "::" : address, port };
}

function netstatLine(words: string[]): { local: string; program: string | null } | null {
  // tcp 0 0 0.0.0.0:16509 0.0.0.0:* LISTEN 0 23456 1/systemd
  if (!/^tcp6?$/.test(words[0] ?? "") || words[5] !== "LISTEN") return null;
  const owner = words.slice(6).find((word) => /^\d+\//.test(word));
  // "1021/sshd: /usr/sbi": the name may be cut and followed by its arguments.
  const program = owner === undefined ? "" : owner.slice(owner.indexOf("/") + 1).replace(/:$/, "");
  return { local: words[3] as string, program: program === "" ? null : program };
}

function ssLine(words: string[], line: string): { local: string; program: string | null } | null {
  // tcp LISTEN 0 1000 0.0.0.0:16514 0.0.0.0:* users:(("libvirtd",pid=1234,fd=14)) ...
  // ss -tlnp prints no Netid column: LISTEN comes first.
  const offset = words[0] === "LISTEN" ? -1 : 0;
  if (offset === 0 && (!/^tcp/.test(words[0] ?? "") || words[1] !== "LISTEN")) return null;
  const local = words[4 + offset];
  if (local === undefined) return null;
  const users = /users:\(\("([^"]+)"/.exec(line);
  return { local, program: users ? (users[1] as string) : null };
}

export function parseListeners(text: string): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    const words = line.trim().split(/\s+/);
    const found = netstatLine(words) ?? ssLine(words, line);
    if (found === null) continue;
    const split = splitAddress(found.local);
    if (split === null) continue;
    out.push({ ...split, program: found.program, line: index + 1 });
  }
  return out;
}
