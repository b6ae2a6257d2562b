package migpolicy.checks.libvirtd.ca_wide_trust_test

import data.migpolicy.checks.libvirtd.ca_wide_trust
import data.migpolicy.lib.fixtures_test as fx

test_deny_default_auth_tls_without_dn_list if {
	ca_wide_trust.deny == {{
		"rule": "LV-005", "message": "default",
		"location": {"file": fx.libvirtd_conf, "line": 1, "column": 1},
		"args": {"daemon": "libvirtd", "port": "16514"}, "related": [],
	}} with input as fx.host({}, {}, {}, ["--listen"])
}

test_allow_dn_list if {
	dns := ["C=GB,O=Example,CN=compute-*.example.org"]
	doc := fx.host({}, {"tls_allowed_dn_list": fx.libvirtd_option(dns, 350)}, {}, ["--listen"])
	count(ca_wide_trust.deny) == 0 with input as doc
}

test_allow_sasl_on_tls if {
	doc := fx.host({}, {"auth_tls": fx.libvirtd_option("sasl", 200)}, {}, ["--listen"])
	count(ca_wide_trust.deny) == 0 with input as doc
}
