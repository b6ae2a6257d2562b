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

control_transport := lower(scheme) if {
	not uri_template
	scheme := option("libvirt", "live_migration_scheme").value
	is_string(scheme)
	scheme != ""
}

control_transport := "tcp" if {
	not uri_template
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
