# The `cfnresponse` module CloudFormation adds beside inline (Code.ZipFile) Python code when
# it says `import cfnresponse`: send() PUTs the custom resource response to
# event['ResponseURL']. Written for localgate with the standard library only.
import json
import urllib.request

SUCCESS = "SUCCESS"
FAILED = "FAILED"


def send(event, context, responseStatus, responseData, physicalResourceId=None, noEcho=False, reason=None):
    body = json.dumps({
        "Status": responseStatus,
        "Reason": reason or "See the details in CloudWatch Log Stream: " + context.log_stream_name,
        "PhysicalResourceId": physicalResourceId or context.log_stream_name,
        "StackId": event["StackId"],
        "RequestId": event["RequestId"],
        "LogicalResourceId": event["LogicalResourceId"],
        "NoEcho": noEcho,
        "Data": responseData,
    }).encode("utf-8")
    print("Response body:")
    print(body.decode("utf-8"))
    request = urllib.request.Request(event["ResponseURL"], data=body, method="PUT",
                                     headers={"content-type": "", "content-length": str(len(body))})
    try:
        with urllib.request.urlopen(request) as response:
            print("Status code:", response.status)
    except Exception as e:
        print("send(..) failed executing http.request(..):", e)
