package migpolicy.checks.nova.native_tls_unsupported_test

import data.migpolicy.checks.nova.native_tls_unsupported
import data.migpolicy.lib.fixtures_test as fx

test_deny_rocky if {
	doc := fx.with_versions(fx.native_tls_with_scheme, {"nova": fx.version("nova-compute", "18.3.0-1", [18, 3, 0])})
	native_tls_unsupported.deny == {{
		"rule": "NOVA-012", "message": "default",
		"location": {"file": fx.nova_conf, "line": 5492, "column": 1},
		"args": {"version": "18.3.0-1"}, "related": [],
	}} with input as doc
}

test_allow_stein if {
	doc := fx.with_versions(fx.native_tls_with_scheme, {"nova": fx.version("nova-compute", "19.0.0-1", [19, 0, 0])})
	count(native_tls_unsupported.deny) == 0 with input as doc
}
