import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseZone } from "../src/loader/formats/firewalld.js";
import { parseIptablesSave } from "../src/loader/formats/iptables.js";
import { parseNftables } from "../src/loader/formats/nftables.js";

test("firewalld zone: target, bindings, services, ports and rich rules with their lines", () => {
  const zone = parseZone(`<?xml version="1.0" encoding="utf-8"?>
<zone target="ACCEPT">
  <!-- <service name="libvirt"/> commented out -->
  <interface name="eth1"/>
  <source address="10.0.0.0/8"/>
  <service name="libvirt"/>
  <port protocol="tcp" port="49152-49215"/>
  <rule family="ipv4"><source address="192.0.2.0/24" invert="True"/><service name="libvirt-tls"/><accept/></rule>
</zone>`);
  assert.equal(zone, {
    target: "ACCEPT",
    interfaces: ["eth1"],
    sources: ["10.0.0.0/8"],
    services: [{ name: "libvirt", line: 6 }],
    ports: [{ protocol: "tcp", from: 49152, to: 49215, line: 7 }],
    rules: [{ source: "192.0.2.0/24", invertSource: true, ports: [], services: ["libvirt-tls"], action: "accept", line: 8 }],
  });
});

test("iptables-save: the filter table's INPUT policy and rules", () => {
  const input = parseIptablesSave(`*nat
:INPUT ACCEPT [0:0]
-A INPUT -p tcp --dport 16509 -j ACCEPT
COMMIT
*filter
:INPUT DROP [0:0]
-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A INPUT ! -s 10.0.0.0/8 -p tcp -m multiport --dports 16509,49152:49215 -j ACCEPT
COMMIT
`);
  assert.equal(input.policy, "DROP");
  assert.equal(input.policyLine, 6);
  assert.equal(
    input.rules.map((r) => [r.establishedOnly, r.source, r.negatedSource, r.ports, r.target, r.line]),
    [
      [true, null, false, null, "ACCEPT", 7],
      [
        false,
        "10.0.0.0/8",
        true,
        [
          { from: 16509, to: 16509 },
          { from: 49152, to: 49215 },
        ],
        "ACCEPT",
        8,
      ],
    ],
  );
});

test("nftables: the input-hooked chain's policy and rules, sets of ports, sources, established-only rules", () => {
  const input = parseNftables(`#!/usr/sbin/nft -f
flush ruleset

table inet filter {
	chain input {
		type filter hook input priority filter; policy drop;
		ct state established,related accept
		iif lo accept
		tcp dport 22 accept
		ip saddr 192.0.2.0/24 tcp dport { 16514, 49152-49215 } accept
		tcp dport 16509 drop
	}
	chain forward {
		type filter hook forward priority filter; policy drop;
		tcp dport 16509 accept
	}
}
`);
  assert.equal([input.policy, input.policyLine], ["DROP", 6]);
  assert.equal(
    input.rules.map((r) => [r.establishedOnly, r.inInterface, r.source, r.ports, r.target, r.line]),
    [
      [true, null, null, null, "ACCEPT", 7],
      [false, "lo", null, null, "ACCEPT", 8],
      [false, null, null, [{ from: 22, to: 22 }], "ACCEPT", 9],
      [
        false,
        null,
        "192.0.2.0/24",
        [
          { from: 16514, to: 16514 },
          { from: 49152, to: 49215 },
        ],
        "ACCEPT",
        10,
      ],
      [false, null, null, [{ from: 16509, to: 16509 }], "DROP", 11],
    ],
  );
});

test("nftables: Debian's shipped ruleset accepts everything", () => {
  const input = parseNftables(`#!/usr/sbin/nft -f

flush ruleset

table inet filter {
	chain input {
		type filter hook input priority filter;
	}
	chain forward {
		type filter hook forward priority filter;
	}
	chain output {
		type filter hook output priority filter;
	}
}
`);
  assert.equal([input.policy, input.rules], ["ACCEPT", []]);
});

test.run();
