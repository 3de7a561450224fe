// Lambda control plane as recorded on AWS (LocalStack's test_lambda_api.snapshot.json, tests
// marked aws-validated). Functions are created with a small zip built at module load and sent
// base64 in the JSON body, as the SDKs send ZipFile. LocalStack's account 111111111111 is our
// 000000000000; `<region>` is us-east-1.
import { recordedCases, ABSENT, ANY, type RecordedStep } from './harness.ts';
import { ROLE } from '../fixtures/lambda/zips.ts';
import { ARN, FUNCTIONS, SNAPSHOT, call, create } from './lambda-steps.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const RUNTIME_VERSION = { RuntimeVersionArn: /^arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}$/ };


/** A FunctionConfiguration as GetFunction shows it once the function is Active. */
function active(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Architectures: ['x86_64'], CodeSha256: ANY, CodeSize: ANY, Description: '', EphemeralStorage: { Size: 512 },
    FunctionArn: `${ARN}:${name}`, FunctionName: name, Handler: 'index.handler', LastModified: ANY, LastUpdateStatus: 'Successful',
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${name}` }, MemorySize: 128, PackageType: 'Zip', RevisionId: UUID,
    Role: ROLE, Runtime: 'nodejs20.x', RuntimeVersionConfig: RUNTIME_VERSION, SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    State: 'Active', Timeout: 3, TracingConfig: { Mode: 'PassThrough' }, Version: '$LATEST', ...extra,
  };
}

/** CreateFunction's answer: still Pending, with no LastUpdateStatus yet. */
const pending = (name: string, extra: Record<string, unknown> = {}) =>
  active(name, { State: 'Pending', StateReason: 'The function is being created.', StateReasonCode: 'Creating', LastUpdateStatus: ABSENT, ...extra });

/** List entries leave the state fields and the runtime version out. */
const listed = (name: string, extra: Record<string, unknown> = {}) =>
  active(name, { State: ABSENT, LastUpdateStatus: ABSENT, RuntimeVersionConfig: ABSENT, ...extra });

const notFound = (message: string) => ({ status: 404, body: { Type: 'User', Message: message } });
const invalid = (message: string) => ({ status: 400, body: { Type: 'User', message } });

recordedCases('Lambda control plane', [
  {
    name: 'function lifecycle: Pending on create, InProgress on update, 204 on delete',
    source: `${SNAPSHOT}#TestLambdaFunction::test_function_lifecycle`,
    steps: [
      { request: create('life', { Timeout: 5, MemorySize: 256 }), expect: { status: 201, body: pending('life', { Timeout: 5, MemorySize: 256 }) } },
      { request: call('GET', `${FUNCTIONS}/life`), expect: { status: 200, body: { Code: { Location: ANY, RepositoryType: 'S3' }, Configuration: active('life', { Timeout: 5, MemorySize: 256 }) } } },
      {
        request: call('PUT', `${FUNCTIONS}/life/configuration`, { Description: 'Changed-Description', Environment: { Variables: { ENV_A: 'a' } } }),
        expect: {
          status: 200,
          body: active('life', {
            Timeout: 5, MemorySize: 256, Description: 'Changed-Description', Environment: { Variables: { ENV_A: 'a' } },
            LastUpdateStatus: 'InProgress', LastUpdateStatusReason: 'The function is being created.', LastUpdateStatusReasonCode: 'Creating',
          }),
        },
      },
      {
        request: call('GET', `${FUNCTIONS}/life/configuration`),
        expect: { status: 200, body: active('life', { Timeout: 5, MemorySize: 256, Description: 'Changed-Description', Environment: { Variables: { ENV_A: 'a' } } }) },
      },
      { request: call('DELETE', `${FUNCTIONS}/life`), expect: { status: 204, body: '' } },
      { request: call('GET', `${FUNCTIONS}/life`), expect: notFound(`Function not found: ${ARN}:life`) },
    ],
  },
  {
    name: 'qualifiers that do not exist or do not match',
    source: `${SNAPSHOT}#TestLambdaFunction::test_ops_with_arn_qualifier_mismatch, test_ops_on_nonexisting_version, test_delete_on_nonexisting_version`,
    steps: [
      { request: create('quals'), expect: { status: 201 } },
      {
        request: call('GET', `${FUNCTIONS}/${encodeURIComponent(`${ARN}:quals:1`)}?Qualifier=%24LATEST`),
        expect: invalid('The derived qualifier from the function name does not match the specified qualifier.'),
      },
      { request: call('DELETE', `${FUNCTIONS}/quals?Qualifier=%24LATEST`), expect: invalid('$LATEST version cannot be deleted without deleting the function.') },
      { request: call('GET', `${FUNCTIONS}/quals?Qualifier=1221`), expect: notFound(`Function not found: ${ARN}:quals:1221`) },
      {
        request: call('GET', `/2019-09-25/functions/quals/event-invoke-config?Qualifier=1221`),
        expect: notFound(`The function ${ARN}:quals:1221 doesn't have an EventInvokeConfig`),
      },
      // A version that does not exist is deleted without complaint; a function that does not
      // exist is named unqualified.
      { request: call('DELETE', `${FUNCTIONS}/quals?Qualifier=1221`), expect: { status: 204, body: '' } },
      { request: call('DELETE', `${FUNCTIONS}/gone?Qualifier=1`), expect: notFound(`Function not found: ${ARN}:gone`) },
      { request: call('GET', '/2021-10-31/functions/gone/url'), expect: notFound('The resource you requested does not exist.') },
    ],
  },
  {
    name: 'a full ARN of another region is not reachable',
    source: `${SNAPSHOT}#TestLambdaFunction::test_get_function_wrong_region`,
    steps: [
      { request: create('regional'), expect: { status: 201 } },
      ...['GET /2015-03-31/functions/{fn}', 'GET /2015-03-31/functions/{fn}/configuration', 'GET /2019-09-25/functions/{fn}/event-invoke-config', 'DELETE /2015-03-31/functions/{fn}', 'POST /2015-03-31/functions/{fn}/invocations'].map(
        (route): RecordedStep => {
          const [method, path] = route.split(' ');
          return {
            request: call(method, path.replace('{fn}', encodeURIComponent('arn:aws:lambda:eu-west-1:000000000000:function:regional')), method === 'POST' ? {} : undefined),
            expect: notFound("Functions from 'eu-west-1' are not reachable in this region ('us-east-1')"),
          };
        },
      ),
    ],
  },
  {
    name: 'code signing: a function without a configuration answers an empty body',
    source: `${SNAPSHOT}#TestCodeSigningConfig::test_code_signing_not_found_excs`,
    steps: [
      { request: create('unsigned'), expect: { status: 201 } },
      { request: call('GET', '/2020-06-30/functions/unsigned/code-signing-config'), expect: { status: 200, body: {} } },
      { request: call('GET', '/2020-06-30/functions/csc-test-doesnotexist/code-signing-config'), expect: notFound(`Function not found: ${ARN}:csc-test-doesnotexist`) },
    ],
  },
  {
    name: 'publish on create answers the unqualified ARN; an unchanged $LATEST publishes no new version',
    source: `${SNAPSHOT}#TestLambdaVersions::test_publish_version_on_create`,
    steps: [
      { request: create('pub', { Publish: true }), expect: { status: 201, body: pending('pub', { Version: '1' }) } },
      {
        request: call('GET', `${FUNCTIONS}/pub?Qualifier=%24LATEST`),
        expect: { status: 200, body: { Code: { Location: ANY, RepositoryType: 'S3' }, Configuration: active('pub', { FunctionArn: `${ARN}:pub:$LATEST` }) } },
      },
      {
        request: call('GET', `${FUNCTIONS}/pub/versions`),
        expect: { status: 200, body: { Versions: [listed('pub', { FunctionArn: `${ARN}:pub:$LATEST` }), listed('pub', { FunctionArn: `${ARN}:pub:1`, Version: '1' })] } },
      },
      { request: call('POST', `${FUNCTIONS}/pub/versions`, {}), expect: { status: 201, body: active('pub', { FunctionArn: `${ARN}:pub:1`, Version: '1' }) } },
    ],
  },
  {
    name: 'a configuration change makes the next PublishVersion a new version',
    source: `${SNAPSHOT}#TestLambdaVersions::test_version_lifecycle`,
    steps: [
      { request: create('vers', { Description: 'No version :(' }), expect: { status: 201 } },
      { request: call('PUT', `${FUNCTIONS}/vers/configuration`, { Description: 'First version :)' }), expect: { status: 200 } },
      {
        request: call('POST', `${FUNCTIONS}/vers/versions`, { Description: 'First version description :)' }),
        expect: { status: 201, body: active('vers', { FunctionArn: `${ARN}:vers:1`, Version: '1', Description: 'First version description :)' }) },
      },
      { request: call('PUT', `${FUNCTIONS}/vers/configuration`, { Description: 'Second version :))' }), expect: { status: 200 } },
      {
        request: call('POST', `${FUNCTIONS}/vers/versions`, {}),
        expect: { status: 201, body: active('vers', { FunctionArn: `${ARN}:vers:2`, Version: '2', Description: 'Second version :))' }) },
      },
      {
        request: call('POST', `${FUNCTIONS}/vers/versions`, {}),
        expect: { status: 201, body: active('vers', { FunctionArn: `${ARN}:vers:2`, Version: '2', Description: 'Second version :))' }) },
      },
      {
        request: call('POST', `${FUNCTIONS}/vers/versions`, { CodeSha256: 'somenonexistentsha256' }),
        expect: { status: 400, body: { Type: 'User', message: /^CodeSHA256 \(somenonexistentsha256\) is different from current CodeSHA256 in \$LATEST \(.+\)\. Please try again with the CodeSHA256 in \$LATEST\.$/ } },
      },
    ],
  },
  {
    name: 'aliases: GetFunction through an alias, routing configuration errors',
    source: `${SNAPSHOT}#TestLambdaAlias::test_alias_lifecycle, test_notfound_and_invalid_routingconfigs`,
    steps: [
      { request: create('al', { Publish: true }), expect: { status: 201 } },
      { request: call('PUT', `${FUNCTIONS}/al/configuration`, { Environment: { Variables: { testenv: 'prod' } } }), expect: { status: 200 } },
      { request: call('POST', `${FUNCTIONS}/al/versions`, {}), expect: { status: 201 } },
      {
        request: call('POST', `${FUNCTIONS}/al/aliases`, { Name: 'custom', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } } }),
        expect: { status: 201, body: { AliasArn: `${ARN}:al:custom`, Description: '', FunctionVersion: '1', Name: 'custom', RevisionId: UUID, RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } } } },
      },
      {
        request: call('GET', `${FUNCTIONS}/al?Qualifier=custom`),
        expect: { status: 200, body: { Code: { Location: ANY, RepositoryType: 'S3' }, Configuration: active('al', { FunctionArn: `${ARN}:al:custom`, Version: '1' }) } },
      },
      { request: call('GET', `${FUNCTIONS}/al?Qualifier=aliasdoesnotexist`), expect: notFound(`Function not found: ${ARN}:al:aliasdoesnotexist`) },
      {
        request: call('POST', `${FUNCTIONS}/al/aliases`, { Name: 'many', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.5, '3': 0.2 } } }),
        expect: invalid('Number of items in AdditionalVersionWeights cannot be greater than 1'),
      },
      {
        request: call('POST', `${FUNCTIONS}/al/aliases`, { Name: 'same', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '1': 0.5 } } }),
        expect: invalid('Invalid function version 1. Function version 1 is already included in routing configuration.'),
      },
      { request: call('POST', `${FUNCTIONS}/al/aliases`, { Name: 'missing', FunctionVersion: '10' }), expect: notFound(`Function not found: ${ARN}:al:10`) },
      {
        request: call('POST', `${FUNCTIONS}/al/aliases`, { Name: 'latest', FunctionVersion: '$LATEST', RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } } }),
        expect: { status: 400, body: { Type: ANY, message: '$LATEST is not supported for an alias pointing to more than 1 version' } },
      },
      {
        request: call('POST', `${FUNCTIONS}/al/aliases`, { Name: 'custom', FunctionVersion: '1' }),
        expect: { status: 409, body: { Type: 'User', message: `Alias already exists: ${ARN}:al:custom` } },
      },
      { request: call('GET', `${FUNCTIONS}/al/aliases/non-existent`), expect: notFound(`Cannot find alias arn: ${ARN}:al:non-existent`) },
    ],
  },
  {
    name: 'event invoke configuration: what Lambda refuses and how it names missing functions',
    source: `${SNAPSHOT}#TestLambdaEventInvokeConfig::test_lambda_eventinvokeconfig_exceptions`,
    steps: [
      { request: create('eic'), expect: { status: 201 } },
      { request: create('other'), expect: { status: 201 } },
      { request: call('PUT', '/2019-09-25/functions/doesnotexist/event-invoke-config', { MaximumRetryAttempts: 1 }), expect: notFound("The function doesn't exist.") },
      { request: call('PUT', '/2019-09-25/functions/eic/event-invoke-config', {}), expect: invalid('You must specify at least one of error handling or destination setting.') },
      {
        request: call('PUT', '/2019-09-25/functions/eic/event-invoke-config', { DestinationConfig: { OnSuccess: { Destination: `${ARN}:doesnotexist` } } }),
        expect: invalid(`The destination ARN ${ARN}:doesnotexist is invalid.`),
      },
      {
        request: call('PUT', '/2019-09-25/functions/eic/event-invoke-config', { DestinationConfig: { OnSuccess: { Destination: `${ARN}:eic` } } }),
        expect: invalid("You can't specify the function as a destination for itself."),
      },
      {
        request: call('PUT', '/2019-09-25/functions/eic/event-invoke-config', { DestinationConfig: { OnSuccess: { Destination: 'arn:aws:iam:us-east-1:000000000000:function:eic' } } }),
        expect: invalid('The provided destination config DestinationConfig(onSuccess=OnSuccess(destination=arn:aws:iam:us-east-1:000000000000:function:eic), onFailure=null) is invalid.'),
      },
      {
        request: call('PUT', '/2019-09-25/functions/eic/event-invoke-config', { DestinationConfig: { OnSuccess: { Destination: `${ARN}:other` } } }),
        expect: { status: 200, body: { DestinationConfig: { OnFailure: {}, OnSuccess: { Destination: `${ARN}:other` } }, FunctionArn: `${ARN}:eic:$LATEST`, LastModified: ANY } },
      },
      { request: call('PUT', '/2019-09-25/functions/eic/event-invoke-config?Qualifier=doesnotexist', { MaximumRetryAttempts: 1 }), expect: notFound("The function doesn't exist.") },
      { request: call('GET', '/2019-09-25/functions/doesnotexist/event-invoke-config/list'), expect: notFound("The function doesn't exist.") },
      { request: call('GET', '/2019-09-25/functions/doesnotexist/event-invoke-config'), expect: notFound(`The function ${ARN}:doesnotexist:$LATEST doesn't have an EventInvokeConfig`) },
      { request: call('DELETE', '/2019-09-25/functions/doesnotexist/event-invoke-config'), expect: notFound(`The function ${ARN}:doesnotexist:$LATEST doesn't have an EventInvokeConfig`) },
      { request: call('GET', '/2019-09-25/functions/eic/event-invoke-config?Qualifier=doesnotexist'), expect: notFound(`The function ${ARN}:eic:doesnotexist doesn't have an EventInvokeConfig`) },
      { request: call('POST', '/2019-09-25/functions/doesnotexist/event-invoke-config', { MaximumRetryAttempts: 1 }), expect: notFound("The function doesn't exist.") },
    ],
  },
  {
    name: 'reserved concurrency on a missing function or a qualified ARN',
    source: `${SNAPSHOT}#TestLambdaReservedConcurrency::test_function_concurrency_exceptions`,
    steps: [
      { request: create('conc', { Publish: true }), expect: { status: 201 } },
      { request: call('PUT', '/2017-10-31/functions/doesnotexist/concurrency', { ReservedConcurrentExecutions: 1 }), expect: notFound(`Function not found: ${ARN}:doesnotexist:$LATEST`) },
      {
        request: call('PUT', `/2017-10-31/functions/${encodeURIComponent(`${ARN}:conc:1`)}/concurrency`, { ReservedConcurrentExecutions: 1 }),
        expect: invalid('This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.'),
      },
      { request: call('PUT', '/2017-10-31/functions/conc/concurrency', { ReservedConcurrentExecutions: 0 }), expect: { status: 200, body: { ReservedConcurrentExecutions: 0 } } },
    ],
  },
  {
    name: 'permissions: statements, removal, and the policy once empty',
    source: `${SNAPSHOT}#TestLambdaPermissions::test_add_lambda_permission_aws, test_remove_multi_permissions`,
    steps: [
      { request: create('perm'), expect: { status: 201 } },
      {
        request: call('POST', `${FUNCTIONS}/perm/policy`, { StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::bucket' }),
        expect: { status: 201, body: { Statement: JSON.stringify({ Sid: 's3', Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: `${ARN}:perm`, Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::bucket' } } }) } },
      },
      {
        request: call('GET', `${FUNCTIONS}/perm/policy`),
        expect: {
          status: 200,
          body: {
            Policy: JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: [{ Sid: 's3', Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: `${ARN}:perm`, Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::bucket' } } }] }),
            RevisionId: UUID,
          },
        },
      },
      { request: call('DELETE', `${FUNCTIONS}/perm/policy/non-existent`), expect: notFound('Statement non-existent is not found in resource policy.') },
      { request: call('DELETE', `${FUNCTIONS}/perm/policy/s3`), expect: { status: 204 } },
      { request: call('GET', `${FUNCTIONS}/perm/policy`), expect: notFound('The resource you requested does not exist.') },
    ],
  },
  {
    name: 'function URL configuration lifecycle',
    source: `${SNAPSHOT}#TestLambdaUrl::test_url_config_lifecycle`,
    steps: [
      { request: create('urlfn'), expect: { status: 201 } },
      {
        request: call('POST', '/2021-10-31/functions/urlfn/url', { AuthType: 'NONE' }),
        expect: { status: 201, body: { AuthType: 'NONE', CreationTime: ANY, FunctionArn: `${ARN}:urlfn`, FunctionUrl: ANY } },
      },
      {
        request: call('POST', '/2021-10-31/functions/urlfn/url', { AuthType: 'NONE' }),
        expect: {
          status: 409,
          body: { Type: 'User', message: `Failed to create function url config for [functionArn = ${ARN}:urlfn]. Error message:  FunctionUrlConfig exists for this Lambda function` },
        },
      },
      {
        request: call('GET', '/2021-10-31/functions/urlfn/url'),
        expect: { status: 200, body: { AuthType: 'NONE', CreationTime: ANY, FunctionArn: `${ARN}:urlfn`, FunctionUrl: ANY, InvokeMode: 'BUFFERED', LastModifiedTime: ANY } },
      },
      {
        request: call('PUT', '/2021-10-31/functions/urlfn/url', { AuthType: 'AWS_IAM' }),
        expect: { status: 200, body: { AuthType: 'AWS_IAM', CreationTime: ANY, FunctionArn: `${ARN}:urlfn`, FunctionUrl: ANY, LastModifiedTime: ANY } },
      },
      { request: call('DELETE', '/2021-10-31/functions/urlfn/url'), expect: { status: 204 } },
      { request: call('GET', '/2021-10-31/functions/urlfn/url'), expect: notFound('The resource you requested does not exist.') },
    ],
  },
  {
    name: 'tags: 204 on tag and untag, untagging a missing key is fine',
    source: `${SNAPSHOT}#TestLambdaTag::test_tag_lifecycle, test_tag_nonexisting_resource`,
    steps: [
      { request: create('tagged'), expect: { status: 201 } },
      { request: call('POST', `/2017-03-31/tags/${encodeURIComponent(`${ARN}:tagged`)}`, { Tags: { A: 'tag-a', B: 'tag-b' } }), expect: { status: 204 } },
      { request: call('DELETE', `/2017-03-31/tags/${encodeURIComponent(`${ARN}:tagged`)}?tagKeys=A&tagKeys=Z`), expect: { status: 204 } },
      { request: call('GET', `/2017-03-31/tags/${encodeURIComponent(`${ARN}:tagged`)}`), expect: { status: 200, body: { Tags: { B: 'tag-b' } } } },
      { request: call('GET', `/2017-03-31/tags/${encodeURIComponent(`${ARN}:nothere`)}`), expect: notFound(`Function not found: ${ARN}:nothere`) },
    ],
  },
]);
