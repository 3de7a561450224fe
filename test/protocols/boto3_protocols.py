"""boto3 and the AWS CLI against localgate's query, json and rest-xml engines (with the
small test providers of test/protocols/providers.ts). Exits non-zero naming the first
fact that differs; prints "ok: ..." at the end."""
import datetime
import hashlib
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'conformance'))
from common import ENDPOINT, aws, boto3_client, check, equal, http  # noqa: E402

from botocore.config import Config  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402

CREATED = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc)


def unvalidated(service):
    """A client that sends what it is given, so the server's own validation answers."""
    import boto3
    return boto3.client(service, endpoint_url=ENDPOINT, region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test',
                        config=Config(parameter_validation=False, retries={'max_attempts': 1}))


def error_of(call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except ClientError as err:
        return err.response
    raise AssertionError(f'{call.__name__} should have failed')


# --- query: STS, CloudFormation, IAM -------------------------------------------------
sts = boto3_client('sts')
me = sts.get_caller_identity()
equal(me['Account'], '000000000000', 'GetCallerIdentity Account')
equal(me['Arn'], 'arn:aws:iam::000000000000:user/tester', 'GetCallerIdentity Arn')
role = sts.assume_role(RoleArn='arn:aws:iam::000000000000:role/r', RoleSessionName='s1', DurationSeconds=900,
                       Tags=[{'Key': 'a', 'Value': '1'}, {'Key': 'b', 'Value': '2'}])
equal(role['Credentials']['SessionToken'], 'tags=a:1,b:2', 'AssumeRole Tags.member.N round trip')
equal(role['Credentials']['Expiration'], CREATED, 'AssumeRole Expiration (ISO 8601)')
equal(role['PackedPolicySize'], 900, 'integer coerced from the form and written back')
err = error_of(sts.assume_role, RoleArn='arn:aws:iam::000000000000:role/r', RoleSessionName='s1', Policy='not json')
equal(err['Error']['Code'], 'MalformedPolicyDocument', 'error code from the shape\'s error.code')
equal(err['ResponseMetadata']['HTTPStatusCode'], 400, 'MalformedPolicyDocument status')
err = error_of(unvalidated('sts').assume_role, RoleArn='arn:aws:iam::000000000000:role/r', RoleSessionName='s1', DurationSeconds=1)
equal(err['Error']['Code'], 'ValidationError', 'a constraint fault')
check(err['Error']['Message'].endswith("at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"),
      f"constraint message: {err['Error']['Message']}")

cfn = boto3_client('cloudformation')
stack_id = cfn.create_stack(StackName='demo', TemplateBody='{"Resources": {}}', Capabilities=['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
                            Parameters=[{'ParameterKey': 'Stage', 'ParameterValue': 'dev'}], Tags=[{'Key': 'team', 'Value': 'x'}],
                            DisableRollback=True, TimeoutInMinutes=5)['StackId']
equal(stack_id, 'arn:aws:cloudformation:us-east-1:000000000000:stack/demo/1', 'CreateStack StackId')
stack = cfn.describe_stacks(StackName='demo')['Stacks'][0]
equal(stack['Capabilities'], ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'], 'list of strings round trip')
equal(stack['Parameters'], [{'ParameterKey': 'Stage', 'ParameterValue': 'dev'}], 'list of structures round trip')
equal(stack['Tags'], [{'Key': 'team', 'Value': 'x'}], 'Tags round trip')
equal(stack['DisableRollback'], True, 'boolean round trip')
equal(stack['TimeoutInMinutes'], 5, 'integer round trip')
equal(stack['CreationTime'], CREATED, 'timestamp')
equal(stack['Outputs'][0]['OutputValue'], 'http://x & <y>', 'escaped text')
err = error_of(cfn.describe_stacks, StackName='nope')
equal((err['Error']['Code'], err['Error']['Message'], err['ResponseMetadata']['HTTPStatusCode']),
      ('ValidationError', 'Stack with id nope does not exist', 400), 'CloudFormation ValidationError')
err = error_of(unvalidated('cloudformation').create_stack, StackName='demo', TemplateBody='{}', Parameters=[{'ParameterKey': 'k' * 10}], OnFailure='EXPLODE')
equal(err['Error']['Code'], 'ValidationError', 'enum fault')
err = error_of(cfn.list_stacks)
equal((err['Error']['Code'], err['ResponseMetadata']['HTTPStatusCode']), ('NotImplemented', 501), 'an operation without a provider method')

iam = boto3_client('iam')
err = error_of(iam.get_role, RoleName='ghost')
equal((err['Error']['Code'], err['Error']['Message'], err['ResponseMetadata']['HTTPStatusCode']),
      ('NoSuchEntity', 'The role with name ghost cannot be found.', 404), 'IAM NoSuchEntity')

out = aws('sts', 'get-caller-identity')
equal(out['Account'], '000000000000', 'aws sts get-caller-identity')

# --- json 1.1: SSM, CloudWatch Logs ----------------------------------------------------
ssm = boto3_client('ssm')
equal(ssm.put_parameter(Name='/app/x', Value='v1', Type='String')['Version'], 1, 'PutParameter Version')
param = ssm.get_parameter(Name='/app/x')['Parameter']
equal((param['Name'], param['Value'], param['LastModifiedDate']), ('/app/x', 'v1', CREATED), 'GetParameter')
err = error_of(ssm.get_parameter, Name='/missing')
equal((err['Error']['Code'], err['ResponseMetadata']['HTTPStatusCode']), ('ParameterNotFound', 400), 'ParameterNotFound')
err = error_of(unvalidated('ssm').put_parameter, Name='/app/y', Value='v', Type='Number')
equal(err['Error']['Code'], 'ValidationException', 'SSM enum fault')
equal(err['Error']['Message'], "1 validation error detected: Value 'Number' at 'type' failed to satisfy constraint: "
      'Member must satisfy enum value set: [String, StringList, SecureString]', 'SSM enum message')
out = aws('ssm', 'get-parameter', '--name', '/app/x')
equal(out['Parameter']['Value'], 'v1', 'aws ssm get-parameter')

logs = boto3_client('logs')
logs.create_log_group(logGroupName='/aws/lambda/f')
groups = logs.describe_log_groups()['logGroups']
equal([(g['logGroupName'], g['creationTime']) for g in groups], [('/aws/lambda/f', 1714979289000)], 'DescribeLogGroups')
err = error_of(logs.create_log_group, logGroupName='/aws/lambda/f')
equal(err['Error']['Code'], 'ResourceAlreadyExistsException', 'Logs error __type')
err = error_of(unvalidated('logs').create_log_group, logGroupName='')
equal(err['Error']['Code'], 'InvalidParameterException', 'Logs validation fault')

# --- rest-xml: S3, path style and virtual-host style ---------------------------------------
for style, endpoint in (('path', ENDPOINT), ('virtual', ENDPOINT.replace('localhost', 's3.localhost.localstack.cloud'))):
    if style == 'virtual' and os.system('getent hosts s3.localhost.localstack.cloud >/dev/null') != 0:
        continue  # no DNS on this machine for the LocalStack name; host headers are tested in node
    s3 = boto3_client('s3', endpoint) if style == 'path' else __import__('boto3').client(
        's3', endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test',
        config=Config(s3={'addressing_style': 'virtual'}, retries={'max_attempts': 1}))
    bucket = f'bucket-{style}'
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})
    equal(s3.get_bucket_location(Bucket=bucket)['LocationConstraint'], 'eu-west-1', 'GetBucketLocation root text')
    err = error_of(s3.create_bucket, Bucket=bucket, CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})
    equal(err['Error']['Code'], 'BucketAlreadyOwnedByYou', 'S3 error code')
    equal(err['Error']['BucketName'], bucket, 'S3 error resource field')

    body = os.urandom(3 * 1024 * 1024 + 17)
    put = s3.put_object(Bucket=bucket, Key='dir/a b+c.bin', Body=body, ContentType='application/x-test', Metadata={'color': 'blue'})
    equal(put['ETag'], f'"{hashlib.md5(body).hexdigest()}"', 'PutObject ETag')
    got = s3.get_object(Bucket=bucket, Key='dir/a b+c.bin')
    equal(got['Body'].read(), body, 'GetObject body')
    equal(got['ContentLength'], len(body), 'GetObject ContentLength')
    equal(got['ContentType'], 'application/x-test', 'GetObject ContentType')
    equal(got['Metadata']['color'], 'blue', 'x-amz-meta-* round trip')
    equal(got['Metadata']['x-test-arrived-as-stream'], 'true', 'PutObject Body handed over as a stream')
    equal(got['LastModified'], CREATED, 'Last-Modified (RFC 822 header)')
    s3.put_object(Bucket=bucket, Key='dir/', Body=b'')
    s3.put_object(Bucket=bucket, Key='top.txt', Body=b'hello')
    listed = s3.list_objects_v2(Bucket=bucket, Prefix='dir/')
    equal([o['Key'] for o in listed['Contents']], ['dir/', 'dir/a b+c.bin'], 'ListObjectsV2 flattened Contents (trailing-slash key kept)')
    equal(listed['KeyCount'], 2, 'KeyCount')
    head = s3.head_object(Bucket=bucket, Key='top.txt')
    equal(head['ContentLength'], 5, 'HeadObject Content-Length')
    err = error_of(s3.get_object, Bucket=bucket, Key='missing/key')
    equal((err['Error']['Code'], err['Error']['Key'], err['ResponseMetadata']['HTTPStatusCode']), ('NoSuchKey', 'missing/key', 404), 'NoSuchKey')
    err = error_of(s3.head_object, Bucket=bucket, Key='missing')
    equal(err['ResponseMetadata']['HTTPStatusCode'], 404, 'HeadObject 404')
    deleted = s3.delete_objects(Bucket=bucket, Delete={'Objects': [{'Key': 'top.txt'}, {'Key': 'dir/'}]})
    equal(sorted(d['Key'] for d in deleted['Deleted']), ['dir/', 'top.txt'], 'DeleteObjects flattened lists in and out')
    err = error_of(s3.get_bucket_tagging, Bucket=bucket)
    equal((err['Error']['Code'], err['ResponseMetadata']['HTTPStatusCode']), ('NotImplemented', 501), 'S3 operation without a provider method')

names = [b['Name'] for b in boto3_client('s3').list_buckets()['Buckets']]
check('bucket-path' in names, f'ListBuckets lists bucket-path: {names}')

# The AWS CLI's high-level s3 commands (one CLI call per protocol above: each costs seconds).
src = os.path.join(os.environ.get('TMPDIR', '/tmp'), f'lg-protocols-{os.getpid()}.bin')
with open(src, 'wb') as f:
    f.write(os.urandom(1024 * 1024))
aws('s3', 'cp', '--only-show-errors', src, 's3://bucket-path/cli/file.bin')
aws('s3', 'cp', '--only-show-errors', 's3://bucket-path/cli/file.bin', src + '.back')
with open(src, 'rb') as a, open(src + '.back', 'rb') as b:
    equal(a.read() == b.read(), True, 'aws s3 cp round trip')
check(any(o['Key'] == 'cli/file.bin' for o in boto3_client('s3').list_objects_v2(Bucket='bucket-path')['Contents']), 'aws s3 cp stored cli/file.bin')
os.remove(src)
os.remove(src + '.back')

status, headers, text = http('GET', f'{ENDPOINT}/bucket-path/nothing-here',
                             headers={'Authorization': 'AWS4-HMAC-SHA256 Credential=test/20260421/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=x'})
equal(status, 404, 'raw NoSuchKey status')
check('<Code>NoSuchKey</Code>' in text and '<Key>nothing-here</Key>' in text and '<RequestId>' in text, f'S3 error document: {text}')
print('ok: query (STS, CloudFormation, IAM), json 1.1 (SSM, Logs) and rest-xml (S3) with boto3 and the AWS CLI')
