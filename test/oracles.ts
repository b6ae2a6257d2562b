/** Asking the real software: nova's own code (test/differential/nova_oracle.py), shared by the ground-truth suites. */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./helpers.js";

export interface Migration {
  peer: string;
  block: boolean;
  uri?: string;
  migrate_uri?: string | null;
  migrate_disks?: string[];
  flags?: string[];
  error?: string;
}

export interface NovaAnswer {
  nova: string;
  args: string[];
  /** The live migration flags init_host had parsed when it stopped. */
  parsed_flags?: string[];
  starts: boolean;
  error?: string;
  compute_driver?: string | null;
  migrations?: Migration[];
}

export interface NovaRequest {
  /** The folder nova-compute sees as /etc. */
  etc: string;
  /** The folder it sees as /etc/nova, where that is not <etc>/nova (a container's). */
  nova_dir?: string | undefined;
  style: "command-line" | "defaults";
  /** The files a unit names with --config-file (in etc/nova), instead of Debian's init script's. */
  config_files?: string[] | undefined;
  env?: Record<string, string> | undefined;
  peers?: { name: string; inbound_addr: string | null }[] | undefined;
  versions?: { libvirt: number[]; qemu: number[] } | undefined;
}

/** Debian 11's nova 22.0.1, unpacked by tools/test-deps.mjs: the last release that drops native TLS. */
export const NOVA_22 = join(ROOT, ".tools/nova-22/usr/lib/python3/dist-packages");

/** What nova (Debian 12's 26.2.2, or the release at `novaPath`) does with each request's files. */
export function askNova(request: NovaRequest[], novaPath?: string): NovaAnswer[] {
  const env = novaPath === undefined ? process.env : { ...process.env, PYTHONPATH: novaPath };
  return JSON.parse(
    execFileSync("/usr/bin/python3", [join(ROOT, "test/differential/nova_oracle.py")], {
      input: JSON.stringify({ cases: request }),
      maxBuffer: 64 << 20,
      stdio: ["pipe", "pipe", "ignore"],
      env,
    }).toString(),
  ) as NovaAnswer[];
}
