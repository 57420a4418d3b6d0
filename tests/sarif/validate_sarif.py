#!/usr/bin/python3
"""Checks SARIF logs against the OASIS SARIF 2.1.0 schema (sarif-schema-2.1.0.json beside this
file), with format checking on (uri, uri-reference: python3-rfc3987), and against what dmc
promises on top: one run, one invocation that says whether the run worked.

Usage: validate_sarif.py FILE...   Exit 0 when every file is valid, else 1 with the reasons.
"""
import json
import os
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))


def load_validator():
    with open(os.path.join(HERE, "sarif-schema-2.1.0.json"), encoding="utf-8") as f:
        schema = json.load(f)
    checker = jsonschema.FormatChecker()
    # Without rfc3987 the checker silently skips URI formats: refuse to run rather than pass.
    if checker.conforms("a b", "uri-reference"):
        sys.exit("validate_sarif: URI format checking is off (install python3-rfc3987)")
    return jsonschema.Draft4Validator(schema, format_checker=checker)


def problems_of(log, validator):
    found = [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in validator.iter_errors(log)]
    runs = log.get("runs", [])
    if len(runs) != 1:
        return found + [f"expected one run, found {len(runs)}"]
    invocations = runs[0].get("invocations", [])
    if len(invocations) != 1 or "executionSuccessful" not in invocations[0]:
        found.append("runs[0].invocations[0].executionSuccessful is missing")
    elif invocations[0]["executionSuccessful"] != (invocations[0].get("exitCode") != 2):
        found.append("executionSuccessful disagrees with exitCode")
    return found


def main(paths):
    validator = load_validator()
    bad = 0
    for path in paths:
        try:
            with open(path, encoding="utf-8") as f:
                log = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{path}: not JSON: {e}")
            bad += 1
            continue
        for problem in problems_of(log, validator):
            print(f"{path}: {problem}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
