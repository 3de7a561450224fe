#!/usr/bin/env python3
"""Regenerate src/models/*.json from the AWS service models that botocore ships.

The output keeps only what the wire protocol needs (operations, shapes, locations,
constraints); documentation strings are stripped. Re-run after upgrading botocore:
    npm run update-models
"""
import gzip
import json
import os

import botocore

SERVICES = {
    "apigateway": "2015-07-09",
    "apigatewayv2": "2018-11-29",
    "apigatewaymanagementapi": "2018-11-29",
    "lambda": "2015-03-31",
    "cloudformation": "2010-05-15",
    "s3": "2006-03-01",
    "iam": "2010-05-08",
    "sts": "2011-06-15",
    "ssm": "2014-11-06",
    "logs": "2014-03-28",
    "ecr": "2015-09-21",
}
DROP_KEYS = {"documentation", "documentationUrl", "examples", "deprecatedMessage"}
OUT = os.path.join(os.path.dirname(__file__), "..", "src", "models")


def strip(node, keep_order=False):
    """Drops documentation; sorts keys for stable diffs, except a structure's members, which
    keep the model's order: AWS validates (and reports faults) in that order."""
    if isinstance(node, dict):
        keys = node.keys() if keep_order else sorted(node.keys())
        return {k: strip(node[k], k == "members") for k in keys if k not in DROP_KEYS}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def sort_top(compact):
    """The document with sorted keys outside the shapes (which strip() already ordered)."""
    ordered = {k: compact[k] for k in sorted(compact)}
    ordered["metadata"] = strip(compact["metadata"])
    ordered["operations"] = {name: {k: op[k] for k in sorted(op)} for name, op in sorted(compact["operations"].items())}
    for op in ordered["operations"].values():
        op["http"] = {k: op["http"][k] for k in sorted(op["http"])}
    ordered["shapes"] = {name: compact["shapes"][name] for name in sorted(compact["shapes"])}
    return ordered


def load(service, version):
    base = os.path.join(os.path.dirname(botocore.__file__), "data", service, version)
    plain = os.path.join(base, "service-2.json")
    if os.path.exists(plain):
        with open(plain) as f:
            return json.load(f)
    with gzip.open(plain + ".gz") as f:
        return json.load(f)


def main():
    for service, version in SERVICES.items():
        model = load(service, version)
        compact = {
            "source": f"botocore {botocore.__version__} data/{service}/{version}/service-2.json (Apache-2.0, Amazon.com, Inc.)",
            "metadata": strip(model["metadata"]),
            "operations": {
                name: {
                    "http": op["http"],
                    **({"input": op["input"]["shape"]} if "input" in op else {}),
                    **({"output": op["output"]["shape"]} if "output" in op else {}),
                    # The query protocol wraps an output in <{Operation}Result>.
                    **({"resultWrapper": op["output"]["resultWrapper"]} if "resultWrapper" in op.get("output", {}) else {}),
                    **({"httpChecksum": op["httpChecksum"]} if "httpChecksum" in op else {}),
                    "errors": [e["shape"] for e in op.get("errors", [])],
                }
                for name, op in model["operations"].items()
            },
            "shapes": strip(model["shapes"]),
        }
        path = os.path.join(OUT, f"{service}.json")
        with open(path, "w") as f:
            json.dump(sort_top(compact), f, separators=(",", ":"))
            f.write("\n")
        print(f"{path}: {len(compact['operations'])} operations")


if __name__ == "__main__":
    main()
