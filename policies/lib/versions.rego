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
