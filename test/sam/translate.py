#!/usr/bin/env python3
"""Expand a SAM template with samtranslator (the reference translator), offline.

Usage: translate.py TEMPLATE.json [REGION]
Prints the CloudFormation template as JSON, or {"error": "..."} when the translator refuses
the template. Managed policy names resolve through samtranslator's bundled map; no AWS call
is made (no AWS::Serverless::Application in fixtures).
"""
import json
import os
import sys

region = sys.argv[2] if len(sys.argv) > 2 else "us-east-1"
os.environ.setdefault("AWS_DEFAULT_REGION", region)
os.environ.setdefault("AWS_REGION", region)

from samtranslator.model.exceptions import InvalidDocumentException  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402


class NoManagedPolicyLookup:
    """The bundled map answers; a name it lacks stays as written (no IAM call)."""

    def load(self):
        return {}


with open(sys.argv[1]) as f:
    template = json.load(f)
params = {"AWS::Region": region, "AWS::AccountId": "123456789012", "AWS::Partition": "aws"}
try:
    out = transform(template, params, NoManagedPolicyLookup())
except InvalidDocumentException as e:
    print(json.dumps({"error": e.message, "causes": [c.message for c in e.causes]}))
    sys.exit(0)
print(json.dumps(out, indent=1, sort_keys=True))
