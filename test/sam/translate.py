#!/usr/bin/env python3
"""Expand a SAM template with samtranslator (the reference translator), offline.

Usage: translate.py TEMPLATE.json...
Prints, as JSON, a map from each file to its CloudFormation template, or to
{"error": ..., "causes": [...]} when the translator refuses it (one process for all files:
importing samtranslator takes seconds). Region us-east-1, account 123456789012. Managed policy names resolve through samtranslator's bundled map; no AWS call
is made (no AWS::Serverless::Application in fixtures).
"""
import json
import os
import sys

region = "us-east-1"
os.environ.setdefault("AWS_DEFAULT_REGION", region)
os.environ.setdefault("AWS_REGION", region)

from samtranslator.model.exceptions import InvalidDocumentException  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402


class NoManagedPolicyLookup:
    """The bundled map answers; a name it lacks stays as written (no IAM call)."""

    def load(self):
        return {}


def translate(path):
    with open(path) as f:
        template = json.load(f)
    params = {"AWS::Region": region, "AWS::AccountId": "123456789012", "AWS::Partition": "aws"}
    try:
        return transform(template, params, NoManagedPolicyLookup())
    except InvalidDocumentException as e:
        return {"error": e.message, "causes": [c.message for c in e.causes]}


print(json.dumps({path: translate(path) for path in sys.argv[1:]}, indent=1, sort_keys=True))
