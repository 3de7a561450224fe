"""CloudFormation through boto3 against localgate: stacks, change sets and their errors.
Prints one JSON document of what the calls answered; the test asserts on it."""
import json
import os
import sys

import boto3
from botocore.exceptions import ClientError

cfn = boto3.client(
    "cloudformation",
    endpoint_url=os.environ["LOCALGATE_ENDPOINT"],
    region_name="eu-west-1",
    aws_access_key_id="123456789012",
    aws_secret_access_key="test",
)
FAST = {"Delay": 1, "MaxAttempts": 30}
SKIP = [{"Key": "localgate:skip-unsupported", "Value": "true"}]
body = open(os.path.join(os.path.dirname(__file__), "stack.yaml")).read()
out = {}


def error(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as err:
        return [err.response["Error"]["Code"], err.response["Error"]["Message"]]
    return None


stack_id = cfn.create_stack(StackName="boto", TemplateBody=body, Tags=SKIP, Parameters=[{"ParameterKey": "Env", "ParameterValue": "prod"}])["StackId"]
out["stackId"] = stack_id
cfn.get_waiter("stack_create_complete").wait(StackName="boto", WaiterConfig=FAST)
stack = cfn.describe_stacks(StackName="boto")["Stacks"][0]
out["status"] = stack["StackStatus"]
out["parameters"] = stack["Parameters"]
out["outputs"] = sorted([o["OutputKey"], o["OutputValue"], o.get("ExportName")] for o in stack["Outputs"])
out["resources"] = [[r["LogicalResourceId"], r["ResourceType"], r["ResourceStatus"]] for r in cfn.list_stack_resources(StackName="boto")["StackResourceSummaries"]]
out["events"] = [[e["LogicalResourceId"], e["ResourceStatus"]] for e in cfn.describe_stack_events(StackName="boto")["StackEvents"]][::-1]
out["templateSame"] = cfn.get_template(StackName="boto")["TemplateBody"] == body
out["noUpdates"] = error(cfn.update_stack, StackName="boto", UsePreviousTemplate=True, Tags=SKIP,
                         Parameters=[{"ParameterKey": "Env", "UsePreviousValue": True}, {"ParameterKey": "Secret", "UsePreviousValue": True}])

cs = cfn.create_change_set(StackName="boto", ChangeSetName="to-dev", UsePreviousTemplate=True, Tags=SKIP,
                           Parameters=[{"ParameterKey": "Env", "ParameterValue": "dev"}, {"ParameterKey": "Secret", "UsePreviousValue": True}])
cfn.get_waiter("change_set_create_complete").wait(ChangeSetName=cs["Id"], WaiterConfig=FAST)
described = cfn.describe_change_set(ChangeSetName="to-dev", StackName="boto")
out["changeSet"] = [described["Status"], described["ExecutionStatus"],
                    [[c["ResourceChange"]["Action"], c["ResourceChange"]["LogicalResourceId"], c["ResourceChange"].get("Replacement")] for c in described["Changes"]]]
out["changeSets"] = [s["ChangeSetName"] for s in cfn.list_change_sets(StackName="boto")["Summaries"]]
cfn.execute_change_set(ChangeSetName=cs["Id"])
cfn.get_waiter("stack_update_complete").wait(StackName="boto", WaiterConfig=FAST)
stack = cfn.describe_stacks(StackName=stack_id)["Stacks"][0]
out["updated"] = [stack["StackStatus"], sorted([o["OutputKey"], o["OutputValue"]] for o in stack["Outputs"])]

out["missing"] = error(cfn.describe_stacks, StackName="nope")
out["exists"] = error(cfn.create_stack, StackName="boto", TemplateBody=body)
out["badTemplate"] = error(cfn.create_stack, StackName="bad", TemplateBody='{"Resources": {"A": {"Type": "X", "Properties": {"P": {"Ref": "Nope"}}}}}')
out["missingParam"] = error(cfn.validate_template, TemplateBody="Resources: {A: !Ref}")
out["exports"] = [[e["Name"], e["Value"]] for e in cfn.list_exports()["Exports"]]

cfn.delete_stack(StackName="boto")
cfn.get_waiter("stack_delete_complete").wait(StackName=stack_id, WaiterConfig=FAST)
out["deleted"] = cfn.describe_stacks(StackName=stack_id)["Stacks"][0]["StackStatus"]
out["listed"] = [[s["StackName"], s["StackStatus"]] for s in cfn.list_stacks()["StackSummaries"]]
json.dump(out, sys.stdout)
