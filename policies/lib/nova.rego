# METADATA
# title: nova helpers
# description: |
#   How nova reads the migration options of the source host
#   (nova/virt/libvirt/driver.py: _live_migration_uri, _parse_migration_flags).
# schemas:
#   - input: schema.host
package migpolicy.lib.nova

import data.migpolicy.lib.result

# METADATA
# title: option
# description: The effective option (value, source, location) of a nova.conf section.
option(section, name) := input.nova.sections[section].options[name]

# METADATA
# title: set_in_file
# description: The option is set in a configuration file, not left to its default.
set_in_file(section, name) if option(section, name).source == "file"

# METADATA
# title: native_tls
# description: "[libvirt] live_migration_with_native_tls is true: nova adds VIR_MIGRATE_TLS."
native_tls if option("libvirt", "live_migration_with_native_tls").value == true

# METADATA
# title: tunnelled
# description: "[libvirt] live_migration_tunnelled is true: nova adds VIR_MIGRATE_TUNNELLED."
tunnelled if option("libvirt", "live_migration_tunnelled").value == true

# METADATA
# title: uri_template
# description: A non-empty live_migration_uri, which wins over live_migration_scheme.
uri_template := template if {
	template := option("libvirt", "live_migration_uri").value
	is_string(template)
	template != ""
}

# METADATA
# title: control_transport
# scope: document
# description: |
#   The libvirt transport of the URI nova connects to the destination with:
#   the live_migration_uri's "+transport" (a URI with a host and no "+" means tls),
#   else live_migration_scheme, else tcp. libvirt lower-cases the transport.
control_transport := _uri_transport(uri_template)

control_transport := "tcp" if {
	not uri_template
	option("libvirt", "virt_type").value == "parallels"
}

control_transport := lower(scheme) if {
	not uri_template
	option("libvirt", "virt_type").value != "parallels"
	scheme := option("libvirt", "live_migration_scheme").value
	is_string(scheme)
	scheme != ""
}

control_transport := "tcp" if {
	not uri_template
	option("libvirt", "virt_type").value != "parallels"
	not _scheme_given
}

_scheme_given if {
	scheme := option("libvirt", "live_migration_scheme").value
	is_string(scheme)
	scheme != ""
}

_uri_transport(template) := lower(substring(prefix, sep + 1, -1)) if {
	prefix := split(template, "://")[0]
	sep := indexof(prefix, "+")
	sep >= 0
}

_uri_transport(template) := "tls" if {
	prefix := split(template, "://")[0]
	indexof(prefix, "+") < 0
}

# METADATA
# title: encrypted_transports
# description: libvirt transports that encrypt the control channel (and a tunnelled data stream).
encrypted_transports := {"tls", "ssh", "libssh", "libssh2"}

# METADATA
# title: migration_option_names
# description: The [libvirt] options that decide how nova migrates.
migration_option_names := {
	"live_migration_scheme", "live_migration_uri", "live_migration_tunnelled",
	"live_migration_with_native_tls", "live_migration_inbound_addr",
}

# METADATA
# title: where
# scope: document
# description: |
#   Where an option is, or where it belongs: the line that sets it, else its commented-out
#   sample line, else its section's header (or the end of nova.conf).
where(section, name) := option(section, name).location

where(section, name) := option(section, name).anchor if not option(section, name).location

where(section, name) := input.nova.sections[section].anchor if {
	not option(section, name).location
	not option(section, name).anchor
}

# METADATA
# title: set_to
# scope: document
# description: |
#   The repair that sets an option to text: replace the line that sets it or its sample
#   line, else insert it after its section's header.
set_to(section, name, text, description) := result.edit(description, where(section, name), "replace", text) if {
	_has_line(section, name)
}

set_to(section, name, text, description) := result.edit(description, header, "insert-after", text) if {
	not _has_line(section, name)
	input.nova.sections[section].present
	header := input.nova.sections[section].anchor
}

# No such section: add it, with the option, after the last line of nova.conf. A finding
# never depends on its fix being defined.
set_to(section, name, text, description) := result.edit(description, end, "insert-after", fix) if {
	not _has_line(section, name)
	not input.nova.sections[section].present
	end := input.nova.sections[section].anchor
	fix := concat("", ["[", section, "]\n", text])
}

_has_line(section, name) if option(section, name).location

_has_line(section, name) if option(section, name).anchor

# METADATA
# title: libvirt_anchor
# description: Where an option missing from [libvirt] belongs.
libvirt_anchor := input.nova.sections.libvirt.anchor

# METADATA
# title: kvm
# description: virt_type is kvm or qemu, the only types whose URI takes live_migration_scheme.
kvm if option("libvirt", "virt_type").value in {"kvm", "qemu"}

# METADATA
# title: libvirt_driver
# scope: document
# description: |
#   compute_driver names nova's libvirt driver (nova/virt/driver.py load_compute_driver imports
#   it below nova.virt); unset, the host is taken to be a libvirt host whose tree left it out.
libvirt_driver if not _driver_named

libvirt_driver if option("DEFAULT", "compute_driver").value in _libvirt_driver_names

# The names `^(nova\.virt\.)?libvirt(\.driver)?\.LibvirtDriver$` matches, as a set: a regex
# compiled at every evaluation cost a tenth of a host's.
_libvirt_driver_names := {
	"libvirt.LibvirtDriver",
	"libvirt.driver.LibvirtDriver",
	"nova.virt.libvirt.LibvirtDriver",
	"nova.virt.libvirt.driver.LibvirtDriver",
}

_driver_named if {
	driver := option("DEFAULT", "compute_driver").value
	is_string(driver)
	driver != ""
}

# METADATA
# title: invalid_read_at
# description: |
#   Options nova-compute reads at a moment ("start" or "migration", data.facts) whose value
#   oslo.config rejects, as "[section] name: problem".
invalid_read_at(moment) := {concat("", ["[", section, "] ", name, ": ", option.invalid]) |
	some section, name
	data.facts.options.nova[section][name].read == moment
	option := input.nova.sections[section].options[name]
	is_string(option.invalid)
}

# METADATA
# title: start_error
# scope: document
# description: |
#   Why nova-compute refuses to start, in the order nova meets it: oslo.config reading its
#   files, load_compute_driver, then LibvirtDriver.init_host; or nothing.
start_error := _missing_file if {
	count(input.nova.service.missing) > 0
} else := concat("", ["oslo.config cannot read ", input.nova.error.location.file]) if {
	input.nova.error
} else := "compute_driver is not set: nova-compute exits (\"Compute driver option required, but not specified\")" if {
	# load_compute_driver: `if not compute_driver` (unset or empty).
	option("DEFAULT", "compute_driver").value in {null, ""}
	not option("DEFAULT", "compute_driver").secret
	not input.nova.partial
} else := "tunnelled and native TLS are both on" if {
	tunnelled
	native_tls

	# nova before 19 has neither the option nor the check.
	not input.versions.nova.numbers[0] < 19
} else := concat("", ["oslo.config rejects ", min(invalid_read_at("start"))]) if {
	count(invalid_read_at("start")) > 0
} else := "[libvirt] images_type = rbd needs [DEFAULT] force_raw_images = true" if {
	option("libvirt", "images_type").value == "rbd"
	option("DEFAULT", "force_raw_images").value == false
}

_missing_file := concat("", [
	"nova-compute is started with --config-file=", input.nova.service.missing[0],
	", which does not exist",
])

# METADATA
# title: migration_error
# scope: document
# description: |
#   Why every live migration from this host fails before any byte is sent
#   (_live_migration_uri formats the URI with the destination, libvirt parses it), or nothing.
migration_error := concat("", ["oslo.config rejects ", min(invalid_read_at("migration"))]) if {
	count(invalid_read_at("migration")) > 0
} else := concat("", ["live_migration_uri needs exactly one %s for the destination: ", uri_template]) if {
	uri_template
	not _one_conversion(uri_template)
} else := concat("", ["libvirt cannot parse the URI ", uri_template]) if {
	regex.match(`\s`, uri_template)
} else := "nova has no live migration URI for virt_type lxc" if {
	not uri_template
	option("libvirt", "virt_type").value == "lxc"
}

# Python's `template % dest`: exactly one conversion, of a kind a string fills.
_one_conversion(template) if {
	stripped := replace(template, "%%", "")
	count(split(stripped, "%")) == 2
	regex.match(`%[-#0 +]*[0-9]*(\.[0-9]*)?[sra]`, stripped)
}

# METADATA
# title: undecided
# scope: document
# description: |
#   Why the tree cannot decide nova's migration settings: it holds no nova configuration, or
#   they depend on the order of its files, which depends on how nova-compute is started, and
#   the tree does not show that.
undecided := "the tree holds no nova configuration (nova.conf, nova-compute.conf, nova.conf.d)" if {
	count(input.nova.files) == 0
	not input.nova.error
} else := concat("", [
	min(input.nova.service.order_dependent),
	" depends on how nova-compute is started (with --config-file, as on Debian, nova.conf",
	" beats nova.conf.d; without, as on RDO, the drop-ins win), which the tree does not show",
]) if {
	count(input.nova.service.order_dependent) > 0
}
