# METADATA
# title: Findings
# description: Builds every finding from its check's METADATA, so all checks report one shape.
package migpolicy.lib.result

# METADATA
# title: fail
# description: |
#   A finding of the check whose METADATA chain is given (the check's `_chain :=
#   rego.metadata.chain()`, built once an evaluation):
#   the check's id, the message template to render, the primary location and the
#   template's arguments.
fail(chain, message, location, args) := fail_related(chain, message, location, args, [])

# METADATA
# title: fail_related
# description: A finding as fail makes it, with related locations (the other settings involved).
fail_related(chain, message, location, args, related) := {
	"rule": _rule_id(chain),
	"message": message,
	"location": location,
	"args": args,
	"related": related,
}

# METADATA
# title: fail_fixed
# description: A finding as fail_related makes it, with the mechanical repair (see edit).
fail_fixed(chain, message, location, args, related, fix) := object.union(
	fail_related(chain, message, location, args, related),
	{"fix": fix},
)

# METADATA
# title: edit
# description: |
#   A repair: replace the line at location (action "replace") or insert a line after it
#   (action "insert-after") with text; description says what it does.
edit(description, location, action, text) := {
	"description": description,
	"edits": [{"location": location, "action": action, "text": text}],
}

# METADATA
# title: command
# description: A repair that is a shell command on the host (a file mode), not an edit of a file.
command(description, text) := {"description": description, "edits": [], "command": text}

# METADATA
# title: skip
# description: A check that cannot be evaluated on this input, and why (never a silent pass).
skip(chain, reason) := {"rule": _rule_id(chain), "reason": reason}

_rule_id(chain) := [entry.annotations.custom.id | some entry in chain][0]
