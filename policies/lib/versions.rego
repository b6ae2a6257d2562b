# METADATA
# title: Version helpers
# description: |
#   Comparisons of the installed versions the loader reduced to [major, minor, patch]
#   (Wasm has no semver builtin).
# schemas:
#   - input: schema.host
package migpolicy.lib.versions

# METADATA
# title: at_least
# scope: document
# description: A [major, minor, patch] version is at least the minimum.
at_least(version, minimum) if version == minimum

at_least(version, minimum) if _greater(version, minimum)

# METADATA
# title: below
# description: A [major, minor, patch] version is lower than the minimum.
below(version, minimum) if _greater(minimum, version)

_greater(a, b) if a[0] > b[0]

_greater(a, b) if {
	a[0] == b[0]
	a[1] > b[1]
}

_greater(a, b) if {
	a[0] == b[0]
	a[1] == b[1]
	a[2] > b[2]
}

# METADATA
# title: nova
# description: The installed nova version as [major, minor, patch].
nova := input.versions.nova.numbers

# METADATA
# title: libvirt
# description: The installed libvirt version as [major, minor, patch].
libvirt := input.versions.libvirt.numbers

# METADATA
# title: qemu
# description: The installed QEMU version as [major, minor, patch].
qemu := input.versions.qemu.numbers

# METADATA
# title: unknown_reason
# description: Why a component's version is unknown.
unknown_reason(component) := concat("", [component, " version unknown: ", _reason]) if input.versions[component] == null

default _reason := "the package list does not name it"

_reason := input.versions.reason

# METADATA
# title: nova_release
# description: The facts of the installed nova's release (data.facts.nova_releases), from 18 on.
nova_release := release if {
	majors := [r.major | some r in data.facts.nova_releases; r.major <= nova[0]]
	count(majors) > 0
	some release in data.facts.nova_releases
	release.major == max(majors)
}

_native_tls_min := {"libvirt": [4, 4, 0], "qemu": [2, 11, 0]}

_dotted(parts) := concat(".", [format_int(n, 10) | some n in parts])

# METADATA
# title: native_tls_dropped
# scope: document
# description: |
#   Why live_migration_with_native_tls = true leaves VIR_MIGRATE_TLS off on this host's
#   versions: nova before 19 has no such option; nova 19 to 22 drop it silently below
#   libvirt 4.4.0 or QEMU 2.11.0 (either alone); whatever nova, such a libvirt or QEMU never
#   carries native TLS (nova 23 and later do not start on them).
native_tls_dropped := concat("", [
	"nova ", input.versions.nova.version,
	" has no live_migration_with_native_tls (it came in 19.0.0)",
]) if {
	nova[0] < 19
} else := min(_too_old_for_tls) if {
	count(_too_old_for_tls) > 0
}

# Each component older than native TLS needs, as the reason; libvirt's reads first.
_too_old_for_tls contains reason if {
	some component, minimum in _native_tls_min
	below(input.versions[component].numbers, minimum)
	reason := concat("", [
		"native TLS needs ", component, " ", _dotted(minimum), ", ",
		input.versions[component].version, " is older",
	])
}

# METADATA
# title: native_tls_unknown
# scope: document
# description: Why the versions the tree shows cannot tell whether native TLS is honoured.
native_tls_unknown := concat("", [
	"nova's version is unknown (", _reason, "): nova 19 to 22 drop native TLS below",
	" libvirt 4.4.0 or QEMU 2.11.0, nova before 19 ignores it",
]) if {
	is_null(input.versions.nova)
	not native_tls_dropped
} else := concat("", [
	"nova ", input.versions.nova.version, " honours native TLS only from libvirt 4.4.0 and QEMU 2.11.0; ",
	concat("; ", sort(_unknown_components)),
]) if {
	not native_tls_dropped
	is_object(nova_release.native_tls)
	count(_unknown_components) > 0
}

_unknown_components contains unknown_reason(component) if {
	some component in ["libvirt", "qemu"]
	is_null(input.versions[component])
}

# METADATA
# title: too_old_to_start
# scope: document
# description: |
#   Why nova-compute refuses to start on this libvirt or QEMU (init_host's MIN_LIBVIRT_VERSION,
#   MIN_QEMU_VERSION of the installed release; QEMU's only for virt_type kvm or qemu).
too_old_to_start := concat("", [
	"nova ", input.versions.nova.version, " needs libvirt ", _dotted(nova_release.min_libvirt),
	", ", input.versions.libvirt.version, " is older",
]) if {
	below(libvirt, nova_release.min_libvirt)
} else := concat("", [
	"nova ", input.versions.nova.version, " needs QEMU ", _dotted(nova_release.min_qemu),
	", ", input.versions.qemu.version, " is older",
]) if {
	input.nova.sections.libvirt.options.virt_type.value in {"kvm", "qemu"}
	below(qemu, nova_release.min_qemu)
}
