"""A stack with a real Lambda function behind an HTTP API, deployed through boto3: the data
plane answers after create and after an in-place update; delete removes function and API.
Prints one JSON document; the test asserts on it."""
import json
import os
import sys
import urllib.error
import urllib.request

import boto3

endpoint = os.environ["LOCALGATE_ENDPOINT"]
session = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
cfn = boto3.client("cloudformation", **session)
lam = boto3.client("lambda", **session)
FAST = {"Delay": 1, "MaxAttempts": 60}
body = open(os.path.join(os.path.dirname(__file__), "function-api.yaml")).read()
out = {}


def get(url):
    try:
        with urllib.request.urlopen(url) as r:
            return [r.status, r.read().decode()]
    except urllib.error.HTTPError as err:
        return [err.code, err.read().decode()]


def outputs():
    stack = cfn.describe_stacks(StackName="fnapi")["Stacks"][0]
    return stack["StackStatus"], {o["OutputKey"]: o["OutputValue"] for o in stack["Outputs"]}


cfn.create_stack(StackName="fnapi", TemplateBody=body)
cfn.get_waiter("stack_create_complete").wait(StackName="fnapi", WaiterConfig=FAST)
status, values = outputs()
api = values["ApiId"]
out["created"] = [status, get(f"{endpoint}/execute-api/{api}/x/y")]
out["functions"] = [f["FunctionName"] for f in lam.list_functions()["Functions"]]
out["physicalFn"] = cfn.describe_stack_resource(StackName="fnapi", LogicalResourceId="Fn")["StackResourceDetail"]["PhysicalResourceId"]

cfn.update_stack(StackName="fnapi", UsePreviousTemplate=True, Parameters=[{"ParameterKey": "Greeting", "ParameterValue": "howdy"}])
cfn.get_waiter("stack_update_complete").wait(StackName="fnapi", WaiterConfig=FAST)
status, values = outputs()
out["updated"] = [status, values["ApiId"] == api, get(f"{endpoint}/execute-api/{api}/x/y")]
out["updateEvents"] = [[e["LogicalResourceId"], e["ResourceStatus"]] for e in cfn.describe_stack_events(StackName="fnapi")["StackEvents"]][:5][::-1]

cfn.delete_stack(StackName="fnapi")
cfn.get_waiter("stack_delete_complete").wait(StackName="fnapi", WaiterConfig=FAST)
out["deleted"] = [get(f"{endpoint}/execute-api/{api}/x/y")[0], lam.list_functions()["Functions"]]
json.dump(out, sys.stdout)
