# METADATA
# title: PKI helpers
# description: The certificate and key files the loader found, and whether checks of them can be evaluated.
# schemas:
#   - input: schema.host
package migpolicy.lib.pki

# METADATA
# title: files_in
# description: The files found in a certificate folder (by its path on the host).
files_in(host_path) := [file | some file in input.pki.files; _dirname(file.host_path) == host_path]

_dirname(path) := concat("/", array.slice(parts, 0, count(parts) - 1)) if parts := split(path, "/")

# METADATA
# title: uncollected
# description: Why the tree cannot show the certificates, when it cannot.
uncollected := input.pki.not_collected

# METADATA
# title: modes_unknown
# scope: document
# description: Why file modes and owners cannot be checked, when they cannot.
modes_unknown := input.pki.not_collected

modes_unknown := object.get(input.pki, "modes_reason", "the tree's file modes are not the host's") if {
	not input.pki.not_collected
	input.pki.modes == "not-meaningful"
}

# Arrays, not sets: a set hashes each whole file object, and policy.wasm spent more time on
# that than on the PKI checks themselves. input.pki.files holds each file once.

# METADATA
# title: keys
# description: Every private key file found.
keys := [file | some file in input.pki.files; file.kind == "private-key"]

# METADATA
# title: certificates
# description: Every certificate with the file that holds it.
certificates := [{"file": file, "certificate": certificate} |
	some file in input.pki.files
	some certificate in file.certificates
]

# METADATA
# title: ca_certificates
# description: |
#   The CA certificates of each file that holds any, by the file's path: a key's matches are
#   looked up here, one lookup a match, rather than every key against every certificate.
ca_certificates[file.path] := cas if {
	some file in input.pki.files
	file.kind == "certificate"
	cas := [certificate | some certificate in file.certificates; certificate.is_ca]
	count(cas) > 0
}

# METADATA
# title: at
# description: The location of a whole file.
at(file) := {"file": file.path, "line": 1, "column": 1}

# METADATA
# title: octal
# description: A file mode as the four octal digits ls and chmod use.
octal(mode) := concat("", [
	format_int(bits.and(bits.rsh(mode, 9), 7), 10),
	format_int(bits.and(bits.rsh(mode, 6), 7), 10),
	format_int(bits.and(bits.rsh(mode, 3), 7), 10),
	format_int(bits.and(mode, 7), 10),
])
