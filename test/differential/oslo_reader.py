"""The real reader for the oslo.config differential test (Debian's python3-oslo.config).

Reads a JSON request on stdin: {"registry": {group: {name: {"type", "default", "choices"?,
"deprecated_names"?: [{"section", "option"}]}}},
"cases": [[file, ...], ...]} and writes, for each case, what oslo.config makes of it:
every file's raw parse (or its ParseError) and the effective value of every registered
option when the files are given in that order as --config-file arguments.
"""
import json
import sys

from oslo_config import cfg
from oslo_config import iniparser

TYPES = {"string": cfg.StrOpt, "boolean": cfg.BoolOpt, "integer": cfg.IntOpt}


def parse_file(path):
    sections = {}
    parser = cfg.ConfigParser(path, sections)
    try:
        parser.parse()
    except iniparser.ParseError as error:
        return {"error": {"message": error.msg, "line": error.lineno}}
    return {"sections": sections}


def effective(registry, files):
    conf = cfg.ConfigOpts()
    for group, options in registry.items():
        opts = [TYPES[spec["type"]](name, default=spec["default"], **({"choices": spec["choices"]} if "choices" in spec else {}),
                                    deprecated_opts=[cfg.DeprecatedOpt(old["option"], group=old["section"])
                                                     for old in spec.get("deprecated_names", [])])
                for name, spec in options.items()]
        conf.register_opts(opts, group=None if group == "DEFAULT" else group)
    args = []
    for path in files:
        args += ["--config-file", path]
    try:
        conf(args=args, project="migpolicy-differential", default_config_files=[], default_config_dirs=[], use_env=False)
    except cfg.ConfigFileParseError as error:
        return {"error": "ConfigFileParseError"}
    values = {}
    for group, options in registry.items():
        for name in options:
            try:
                node = conf if group == "DEFAULT" else getattr(conf, group)
                values[f"{group}.{name}"] = {"value": getattr(node, name)}
            except cfg.ConfigFileValueError:
                values[f"{group}.{name}"] = {"invalid": True}
    return {"values": values}


def main():
    request = json.load(sys.stdin)
    registry = request["registry"]
    answers = []
    for files in request["cases"]:
        answers.append({"files": {path: parse_file(path) for path in files}, "effective": effective(registry, files)})
    json.dump(answers, sys.stdout)


main()
