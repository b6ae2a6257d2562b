"""Renders templates with the real Jinja2 as Ansible's templar sets it up (trim_blocks on,
lstrip_blocks off, trailing newline kept, undefined variables an error), for the Kayobe pass's
differential test. Reads {"templates": [...], "variables": {...}} on stdin; writes one
{"text": ...} or {"error": ...} per template."""
import json
import sys

import jinja2


def main():
    request = json.load(sys.stdin)
    env = jinja2.Environment(trim_blocks=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    out = []
    for template in request["templates"]:
        try:
            out.append({"text": env.from_string(template).render(**request["variables"])})
        except Exception as error:  # any refusal: the case is not compared
            out.append({"error": type(error).__name__})
    json.dump(out, sys.stdout)


main()
