"""Flow 4 - Lambda with boto3 ("Getting started" / "Lambda function versions" / "aliases"):
create_function from a zip built here, invoke with LogType Tail, errors, publish_version,
create_alias, add_permission and get_policy."""
import base64
import json

from botocore.exceptions import ClientError

from common import ACCOUNT, REGION, ROLE, SUFFIX, boto3_client, check, equal, fail, make_zip

FN = f'my-function-{SUFFIX}'
ARN = f'arn:aws:lambda:{REGION}:{ACCOUNT}:function:{FN}'
CODE = """import json
def lambda_handler(event, context):
    print('## EVENT ' + json.dumps(event))
    if event.get('fail'):
        raise ValueError('asked to fail')
    return {'statusCode': 200, 'body': event.get('key1'), 'version': context.function_version}
"""
lam = boto3_client('lambda')


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as err:
        return err.response['Error']['Code'], err.response['ResponseMetadata']['HTTPStatusCode'], err.response['Error'].get('Message')
    fail(f'{call.__name__}({kwargs}) should have failed')


fn = lam.create_function(FunctionName=FN, Runtime='python3.12', Role=ROLE, Handler='lambda_function.lambda_handler',
                         Code={'ZipFile': make_zip({'lambda_function.py': CODE})}, Description='tutorial')
equal(fn['ResponseMetadata']['HTTPStatusCode'], 201, 'CreateFunction HTTP status')
equal(fn['FunctionArn'], ARN, 'FunctionArn')
equal((fn['Version'], fn['Timeout'], fn['MemorySize'], fn['PackageType']), ('$LATEST', 3, 128, 'Zip'), 'CreateFunction defaults')
equal(fn['Architectures'], ['x86_64'], 'Architectures default')
equal(fn['EphemeralStorage'], {'Size': 512}, 'EphemeralStorage default')
equal(fn['TracingConfig'], {'Mode': 'PassThrough'}, 'TracingConfig default')
check(len(base64.b64decode(fn['CodeSha256'])) == 32, 'CodeSha256 is a base64 SHA-256')
equal(error_code(lam.create_function, FunctionName=FN, Runtime='python3.12', Role=ROLE, Handler='x.y',
                 Code={'ZipFile': make_zip({'x.py': ''})})[:2], ('ResourceConflictException', 409), 'duplicate CreateFunction')
lam.get_waiter('function_active_v2').wait(FunctionName=FN)

res = lam.invoke(FunctionName=FN, Payload=json.dumps({'key1': 'value1'}), LogType='Tail')
equal(res['StatusCode'], 200, 'Invoke StatusCode')
equal(res['ExecutedVersion'], '$LATEST', 'Invoke ExecutedVersion')
check('FunctionError' not in res, 'no FunctionError on success')
equal(json.loads(res['Payload'].read()), {'statusCode': 200, 'body': 'value1', 'version': '$LATEST'}, 'Invoke payload')
log = base64.b64decode(res['LogResult']).decode()
check('START RequestId: ' in log and 'Version: $LATEST' in log, f'log tail START line: {log!r}')
check('## EVENT {"key1": "value1"}' in log, f'log tail holds the print: {log!r}')
check('END RequestId: ' in log and 'REPORT RequestId: ' in log and 'Billed Duration: ' in log, f'END/REPORT lines: {log!r}')

res = lam.invoke(FunctionName=FN, Payload=json.dumps({'fail': True}))
equal((res['StatusCode'], res.get('FunctionError')), (200, 'Unhandled'), 'Invoke of a raising handler')
err = json.loads(res['Payload'].read())
equal((err['errorMessage'], err['errorType']), ('asked to fail', 'ValueError'), 'error payload')
check(isinstance(err.get('stackTrace'), list), f'error payload stackTrace: {err!r}')
equal(lam.invoke(FunctionName=FN, InvocationType='Event', Payload='{}')['StatusCode'], 202, 'Event invoke status')
equal(lam.invoke(FunctionName=FN, InvocationType='DryRun')['StatusCode'], 204, 'DryRun invoke status')
equal(error_code(lam.invoke, FunctionName=f'nope-{SUFFIX}'),
      ('ResourceNotFoundException', 404, f'Function not found: arn:aws:lambda:{REGION}:{ACCOUNT}:function:nope-{SUFFIX}'),
      'Invoke of a missing function')

v1 = lam.publish_version(FunctionName=FN, Description='first')
equal((v1['Version'], v1['FunctionArn'], v1['Description']), ('1', f'{ARN}:1', 'first'), 'PublishVersion')
equal(lam.publish_version(FunctionName=FN)['Version'], '1', 'PublishVersion with unchanged code returns the same version')
versions = [v['Version'] for v in lam.list_versions_by_function(FunctionName=FN)['Versions']]
equal(versions, ['$LATEST', '1'], 'ListVersionsByFunction')

alias = lam.create_alias(FunctionName=FN, Name='PROD', FunctionVersion='1')
equal(alias['ResponseMetadata']['HTTPStatusCode'], 201, 'CreateAlias HTTP status')
equal((alias['AliasArn'], alias['Name'], alias['FunctionVersion']), (f'{ARN}:PROD', 'PROD', '1'), 'CreateAlias')
check(alias.get('RevisionId'), 'CreateAlias RevisionId')
res = lam.invoke(FunctionName=FN, Qualifier='PROD', Payload='{"key1": "v"}')
equal(res['ExecutedVersion'], '1', 'ExecutedVersion through the alias')
equal(json.loads(res['Payload'].read())['version'], '1', 'context.function_version through the alias')
equal(error_code(lam.create_alias, FunctionName=FN, Name='PROD', FunctionVersion='1')[:2],
      ('ResourceConflictException', 409), 'duplicate CreateAlias')

equal(error_code(lam.get_policy, FunctionName=FN)[:2], ('ResourceNotFoundException', 404), 'GetPolicy without a policy')
source = f'arn:aws:execute-api:{REGION}:{ACCOUNT}:abcdef1234/*/GET/items'
perm = lam.add_permission(FunctionName=FN, StatementId='apigateway-get', Action='lambda:InvokeFunction',
                          Principal='apigateway.amazonaws.com', SourceArn=source)
equal(perm['ResponseMetadata']['HTTPStatusCode'], 201, 'AddPermission HTTP status')
statement = json.loads(perm['Statement'])
equal(statement, {'Sid': 'apigateway-get', 'Effect': 'Allow', 'Principal': {'Service': 'apigateway.amazonaws.com'},
                  'Action': 'lambda:InvokeFunction', 'Resource': ARN, 'Condition': {'ArnLike': {'AWS:SourceArn': source}}},
      'AddPermission Statement')
policy = lam.get_policy(FunctionName=FN)
doc = json.loads(policy['Policy'])
equal((doc['Version'], doc['Id'], doc['Statement']), ('2012-10-17', 'default', [statement]), 'GetPolicy document')
check(policy.get('RevisionId'), 'GetPolicy RevisionId')
equal(error_code(lam.add_permission, FunctionName=FN, StatementId='apigateway-get', Action='lambda:InvokeFunction',
                 Principal='apigateway.amazonaws.com')[:2], ('ResourceConflictException', 409), 'duplicate StatementId')

lam.delete_function(FunctionName=FN)
equal(error_code(lam.get_function, FunctionName=FN)[:2], ('ResourceNotFoundException', 404), 'GetFunction after delete')
print('ok: Lambda with boto3')
