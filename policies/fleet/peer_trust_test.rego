package migpolicy.fleet_checks.fleet.peer_trust_test

import data.migpolicy.fleet_checks.fleet.peer_trust
import data.migpolicy.lib.fixtures_test as fx

_rogue := {"subject": "O=Example Cloud,CN=Migration CA", "public_key_sha256": "rogue-key"}

_rogue_signed := {"issuer": "O=Example Cloud,CN=Migration CA", "signed_by": ["rogue-key"]}

_with_trust(name, presents, verifies) := fx.fleet_host(name, {"trust": {
	"presents": presents, "verifies": verifies, "not_collected": null,
}})

_default_verifies(name) := [fx.verifier(name, role, [fx.ca]) | some role in fx.tls_roles]

_default_presents(name) := [fx.presented(name, role, [fx.ca_signed]) | some role in fx.tls_roles]

test_allow_one_ca if {
	doc := fx.fleet([fx.fleet_host("compute-1", {}), fx.fleet_host("compute-2", {}), fx.fleet_host("compute-3", {})])
	count(peer_trust.deny) == 0 with input as doc
	count(peer_trust.failures) == 0 with input as doc
}

# A CA regenerated under the same name signed compute-3's QEMU server certificate: its
# peers, holding the first CA, reject it although every name matches.
test_deny_same_name_other_key if {
	presents := array.concat(
		[fx.presented("compute-3", role, [fx.ca_signed]) | some role in ["libvirt-client", "libvirt-server", "qemu-client"]],
		[fx.presented("compute-3", "qemu-server", [_rogue_signed])],
	)
	doc := fx.fleet([
		fx.fleet_host("compute-1", {}), fx.fleet_host("compute-2", {}),
		_with_trust("compute-3", presents, _default_verifies("compute-3")),
	])
	{[f.message, f.location.file, f.args.peers, f.args.role] | some f in peer_trust.deny} == {[
		"rejected", "compute-3/etc/pki/qemu/server-cert.pem", "compute-1, compute-2", "QEMU migration server",
	]} with input as doc
	[r.file | some f in peer_trust.deny; some r in f.related] == [
		"compute-1/etc/pki/qemu/ca-cert.pem",
		"compute-2/etc/pki/qemu/ca-cert.pem",
	] with input as doc
	peer_trust.failures == {"compute-3": "compute-1, compute-2 cannot verify its QEMU migration server certificate (/etc/pki/qemu/server-cert.pem)"} with input as doc
}

# compute-3's QEMU folder holds another CA: it rejects every peer's client certificate.
# That file is at fault, not each peer's certificate.
test_deny_blind_ca_file_once if {
	verifies := array.concat(
		[fx.verifier("compute-3", role, [fx.ca]) | some role in ["libvirt-client", "libvirt-server", "qemu-server"]],
		[fx.verifier("compute-3", "qemu-client", [_rogue])],
	)
	doc := fx.fleet([
		fx.fleet_host("compute-1", {}), fx.fleet_host("compute-2", {}),
		_with_trust("compute-3", _default_presents("compute-3"), verifies),
	])
	{[f.message, f.location.file, f.args.count] | some f in peer_trust.deny} == {[
		"blind", "compute-3/etc/pki/qemu/ca-cert.pem", 2,
	]} with input as doc
	object.keys(peer_trust.failures) == {"compute-3"} with input as doc
}

# Two hosts with different CAs: each rejects the other; with one peer, neither is "blind".
test_deny_two_hosts_two_cas if {
	doc := fx.fleet([
		fx.fleet_host("compute-1", {}),
		_with_trust(
			"compute-2",
			[fx.presented("compute-2", role, [_rogue_signed]) | some role in fx.tls_roles],
			[fx.verifier("compute-2", role, [_rogue]) | some role in fx.tls_roles],
		),
	])
	count({f | some f in peer_trust.deny; f.message == "rejected"}) == 8 with input as doc
	object.keys(peer_trust.failures) == {"compute-1", "compute-2"} with input as doc
}

# A bundle holding both CAs trusts both: no claim.
test_allow_bundle_with_both_cas if {
	doc := fx.fleet([
		_with_trust("compute-1", _default_presents("compute-1"), [fx.verifier("compute-1", role, [fx.ca, _rogue]) | some role in fx.tls_roles]),
		_with_trust(
			"compute-2",
			[fx.presented("compute-2", role, [_rogue_signed]) | some role in fx.tls_roles],
			[fx.verifier("compute-2", role, [_rogue, fx.ca]) | some role in fx.tls_roles],
		),
	])
	count(peer_trust.deny) == 0 with input as doc
}

# The presenter's host holds no CA that verifies its certificate, and the peer's CA has
# the issuer's name: the signature cannot be checked, so nothing is claimed.
test_allow_undecidable_signature if {
	unverified := {"issuer": "O=Example Cloud,CN=Migration CA", "signed_by": []}
	doc := fx.fleet([
		fx.fleet_host("compute-1", {}),
		_with_trust(
			"compute-2",
			[fx.presented("compute-2", role, [unverified]) | some role in fx.tls_roles],
			_default_verifies("compute-2"),
		),
	])
	count(peer_trust.deny) == 0 with input as doc
}

# ... but an issuer name the peer's CA file does not hold is rejected whatever signed it.
test_deny_unknown_issuer_name if {
	stranger := {"issuer": "O=Elsewhere,CN=Other CA", "signed_by": []}
	doc := fx.fleet([
		fx.fleet_host("compute-1", {}),
		_with_trust(
			"compute-2",
			[fx.presented("compute-2", "libvirt-server", [stranger])],
			_default_verifies("compute-2"),
		),
	])
	[[f.args.peers, f.args.issuer] | some f in peer_trust.deny] == [["compute-1", "O=Elsewhere,CN=Other CA"]] with input as doc
}

# A host whose certificates a sosreport does not hold: not evaluated, not a pass.
test_not_evaluated_without_pki if {
	doc := fx.fleet([
		fx.fleet_host("compute-1", {}),
		fx.fleet_host("compute-2", {"trust": {"presents": [], "verifies": [], "not_collected": "a sosreport holds no /etc/pki"}}),
	])
	count(peer_trust.deny) == 0 with input as doc
	[[s.rule, s.root] | some s in peer_trust.not_evaluated] == [["FLEET-006", "compute-2"]] with input as doc
}

# Two sites on two CAs, two hosts each: every certificate is rejected by the other site, and
# no CA file is "blind" (each verifies its own site).
_rogue_host(name) := _with_trust(
	name,
	[fx.presented(name, role, [_rogue_signed]) | some role in fx.tls_roles],
	[fx.verifier(name, role, [_rogue]) | some role in fx.tls_roles],
)

test_deny_two_sites_two_cas_without_blind if {
	doc := fx.fleet([fx.fleet_host("a-1", {}), fx.fleet_host("a-2", {}), _rogue_host("b-1"), _rogue_host("b-2")])
	count({f | some f in peer_trust.deny; f.message == "blind"}) == 0 with input as doc
	{f.args.peers | some f in peer_trust.deny; f.location.file == "a-1/etc/pki/qemu/server-cert.pem"} == {"b-1, b-2"} with input as doc
}
