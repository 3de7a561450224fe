// Lambda control plane as recorded on AWS, second pass (LocalStack's
// test_lambda_api.snapshot.json from the tag tests onwards; tests marked aws-validated).
// Functions are created with a small zip sent base64 in the JSON body, as the SDKs send
// ZipFile. LocalStack's account 111111111111 is our 000000000000; `<region>` is us-east-1.
import { recordedCases, ANY, type RecordedStep } from './harness.ts';
import { ROLE } from '../fixtures/lambda/zips.ts';
import { ARN, FUNCTIONS, SNAPSHOT, ZIP, call, create } from './lambda-steps.ts';

const LAYER = 'arn:aws:lambda:us-east-1:000000000000:layer';
const LAYERS = '/2018-10-31/layers';

const tags = (arn: string) => `/2017-03-31/tags/${encodeURIComponent(arn)}`;
const publishLayer = (name: string, extra: Record<string, unknown> = {}) => call('POST', `${LAYERS}/${name}/versions`, { Content: { ZipFile: ZIP }, ...extra });

const notFound = (message: string) => ({ status: 404, body: { Type: 'User', Message: message } });
const invalid = (message: string) => ({ status: 400, body: { Type: 'User', message } });
const validation = (message: string) => ({ status: 400, body: { message: `1 validation error detected: ${message}` } });
const conflict = (message: string) => ({ status: 409, body: { Type: 'User', message } });

/** Fifty tags, Lambda's limit: `0_key: 0_value` ... */
const fiftyTags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`${i}_key`, `${i}_value`]));
/** A python3.12 function's configuration once Active, with the given SnapStart setting. */
const snapStartConfig = (name: string, ApplyOn: string, OptimizationStatus: string, extra: Record<string, unknown> = {}) => ({
  Architectures: ['x86_64'], CodeSha256: ANY, CodeSize: ANY, Description: '', EphemeralStorage: { Size: 512 }, FunctionArn: `${ARN}:${name}`,
  FunctionName: name, Handler: 'index.handler', LastModified: ANY, LastUpdateStatus: 'Successful', LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${name}` },
  MemorySize: 128, PackageType: 'Zip', RevisionId: ANY, Role: ROLE, Runtime: 'python3.12', RuntimeVersionConfig: ANY, SnapStart: { ApplyOn, OptimizationStatus },
  State: 'Active', Timeout: 3, TracingConfig: { Mode: 'PassThrough' }, Version: '$LATEST', ...extra,
});
const S3_PERMISSION = { StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::bucket' };
const STALE = 'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id';
const URL_QUALIFIER = "Member must satisfy regular expression pattern: ((?!^\\d+$)^[0-9a-zA-Z-_]+$)";

recordedCases('Lambda control plane (second pass)', [
  {
    name: 'tags: qualified ARNs, an empty map, the limit of 50',
    source: `${SNAPSHOT}#TestLambdaTags::test_tag_exceptions, test_tag_versions, test_tag_limits, test_tag_lifecycle`,
    steps: [
      { request: create('tagged', { Publish: true, Tags: { key_a: 'value_a' } }), expect: { status: 201 } },
      { request: call('GET', tags(`${ARN}:tagged`)), expect: { status: 200, body: { Tags: { key_a: 'value_a' } } } },
      ...[`${ARN}:tagged:1`, `${ARN}:tagged:$LATEST`, `${ARN}:tagged:doesnotexist`].map(
        (arn): RecordedStep => ({
          request: call('POST', tags(arn), { Tags: { a: 'b' } }),
          expect: invalid('Tags on function aliases and versions are not supported. Please specify a function ARN.'),
        }),
      ),
      { request: call('POST', tags(`${ARN}:doesnotexist`), { Tags: { a: 'b' } }), expect: notFound(`Function not found: ${ARN}:doesnotexist`) },
      { request: call('POST', tags(`${ARN}:tagged`), { Tags: {} }), expect: invalid('An error occurred and the request cannot be processed.') },
      { request: call('DELETE', tags(`${ARN}:tagged`)), expect: validation("Value null at 'tagKeys' failed to satisfy constraint: Member must not be null") },
      { request: call('POST', tags(`${ARN}:tagged`), { Tags: { ...fiftyTags, extra: 'x' } }), expect: invalid('Number of tags exceeds resource tag limit.') },
      { request: call('DELETE', tags(`${ARN}:tagged`) + '?tagKeys=key_a'), expect: { status: 204 } },
      { request: call('POST', tags(`${ARN}:tagged`), { Tags: fiftyTags }), expect: { status: 204 } },
      { request: call('GET', tags(`${ARN}:tagged`)), expect: { status: 200, body: { Tags: fiftyTags } } },
      { request: call('POST', tags(`${ARN}:tagged`), { Tags: { additional: 'x' } }), expect: invalid('Number of tags exceeds resource tag limit.') },
      // Overwriting a tag that is there is not a new tag.
      { request: call('POST', tags(`${ARN}:tagged`), { Tags: { '0_key': 'x' } }), expect: { status: 204 } },
    ],
  },
  {
    name: 'function URL configuration: missing functions, aliases and qualifiers Lambda refuses',
    source: `${SNAPSHOT}#TestLambdaUrl::test_url_config_exceptions, test_url_config_list_paging`,
    steps: [
      { request: create('urlfn', { Publish: true }), expect: { status: 201 } },
      { request: call('POST', `${FUNCTIONS}/urlfn/aliases`, { Name: 'urlalias', FunctionVersion: '1' }), expect: { status: 201 } },
      { request: call('GET', '/2021-10-31/functions/urlfn/urls'), expect: { status: 200, body: { FunctionUrlConfigs: [] } } },
      { request: call('GET', '/2021-10-31/functions/doesnotexist/urls'), expect: notFound('Function does not exist') },
      ...['POST', 'PUT'].flatMap((method): RecordedStep[] => [
        { request: call(method, '/2021-10-31/functions/doesnotexist/url', { AuthType: 'NONE' }), expect: notFound('Function does not exist') },
        { request: call(method, `/2021-10-31/functions/${encodeURIComponent(`${ARN}:doesnotexist`)}/url`, { AuthType: 'NONE' }), expect: notFound('Function does not exist') },
        { request: call(method, '/2021-10-31/functions/urlfn/url?Qualifier=aliasdoesnotexist', { AuthType: 'NONE' }), expect: notFound('Function does not exist') },
      ]),
      ...['GET', 'DELETE'].flatMap((method): RecordedStep[] => [
        { request: call(method, '/2021-10-31/functions/doesnotexist/url'), expect: notFound('The resource you requested does not exist.') },
        { request: call(method, '/2021-10-31/functions/urlfn/url?Qualifier=aliasdoesnotexist'), expect: notFound('The resource you requested does not exist.') },
        { request: call(method, '/2021-10-31/functions/urlfn/url'), expect: notFound('The resource you requested does not exist.') },
      ]),
      ...['POST', 'PUT', 'GET', 'DELETE'].flatMap((method): RecordedStep[] => {
        const body = method === 'POST' || method === 'PUT' ? { AuthType: 'NONE' } : undefined;
        return [
          // A version or $LATEST, given as Qualifier or inside the name, fails the model's pattern.
          { request: call(method, '/2021-10-31/functions/doesnotexist%3A1/url', body), expect: validation(`Value '1' at 'qualifier' failed to satisfy constraint: ${URL_QUALIFIER}`) },
          { request: call(method, '/2021-10-31/functions/urlfn/url?Qualifier=2', body), expect: validation(`Value '2' at 'qualifier' failed to satisfy constraint: ${URL_QUALIFIER}`) },
          { request: call(method, '/2021-10-31/functions/urlfn/url?Qualifier=%24LATEST', body), expect: validation(`Value '$LATEST' at 'qualifier' failed to satisfy constraint: ${URL_QUALIFIER}`) },
        ];
      }),
      {
        request: call('POST', '/2021-10-31/functions/urlfn%3Aurlalias/url?Qualifier=other', { AuthType: 'NONE' }),
        expect: invalid('The derived qualifier from the function name does not match the specified qualifier.'),
      },
      {
        request: call('POST', '/2021-10-31/functions/urlfn/url?Qualifier=urlalias', { AuthType: 'NONE' }),
        expect: { status: 201, body: { AuthType: 'NONE', CreationTime: ANY, FunctionArn: `${ARN}:urlfn:urlalias`, FunctionUrl: ANY } },
      },
    ],
  },
  {
    name: 'permissions: how missing functions, aliases, versions and duplicate statements are worded',
    source: `${SNAPSHOT}#TestLambdaPermissions::test_permission_exceptions`,
    steps: [
      { request: create('perm', { Publish: true }), expect: { status: 201 } },
      {
        request: call('POST', `${FUNCTIONS}/perm/policy`, { StatementId: 'example.com', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com' }),
        expect: validation("Value 'example.com' at 'statementId' failed to satisfy constraint: Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)"),
      },
      {
        request: call('POST', `${FUNCTIONS}/perm/policy?Qualifier=%24LATEST`, { StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com' }),
        expect: invalid('We currently do not support adding policies for $LATEST.'),
      },
      { request: call('GET', `${FUNCTIONS}/doesnotexist/policy`), expect: notFound(`Function not found: ${ARN}:doesnotexist`) },
      { request: call('GET', `${FUNCTIONS}/perm/policy?Qualifier=42`), expect: notFound('The resource you requested does not exist.') },
      {
        request: call('POST', `${FUNCTIONS}/doesnotexist/policy`, { StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com' }),
        expect: notFound(`Function not found: ${ARN}:doesnotexist`),
      },
      { request: call('DELETE', `${FUNCTIONS}/perm/policy/s3`), expect: notFound('No policy is associated with the given resource.') },
      {
        request: call('POST', `${FUNCTIONS}/perm/policy?Qualifier=alias-doesnotexist`, { StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com' }),
        expect: notFound(`Cannot find alias arn: ${ARN}:perm:alias-doesnotexist`),
      },
      {
        request: call('POST', `${FUNCTIONS}/perm/policy?Qualifier=42`, { StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com' }),
        expect: notFound(`Function not found: ${ARN}:perm:42`),
      },
      {
        request: call('POST', `${FUNCTIONS}/perm/policy?Qualifier=valid-with-%24-but-doesnotexist`, { StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com' }),
        expect: notFound(`Function not found: ${ARN}:perm:valid-with-$-but-doesnotexist`),
      },
      { request: call('POST', `${FUNCTIONS}/perm/policy`, { StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com' }), expect: { status: 201 } },
      {
        request: call('POST', `${FUNCTIONS}/perm/policy`, { StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com' }),
        expect: conflict('The statement id (s3) provided already exists. Please provide a new statement id, or remove the existing statement.'),
      },
      { request: call('DELETE', `${FUNCTIONS}/doesnotexist/policy/s3`), expect: notFound(`No policy found for: ${ARN}:doesnotexist`) },
      { request: call('DELETE', `${FUNCTIONS}/perm/policy/s3?Qualifier=alias-doesnotexist`), expect: notFound(`Cannot find alias arn: ${ARN}:perm:alias-doesnotexist`) },
    ],
  },
  {
    name: "permissions share their function's RevisionId, which every policy change and PublishVersion renew",
    source: `${SNAPSHOT}#TestLambdaPermissions::test_lambda_permission_revisions, test_lambda_permission_fn_versioning, test_add_lambda_permission_fields`,
    steps: [
      { request: create('rev'), expect: { status: 201 } },
      { request: call('GET', `${FUNCTIONS}/rev`), expect: { status: 200 }, save: { created: 'Configuration.RevisionId' } },
      { request: call('POST', `${FUNCTIONS}/rev/policy`, { ...S3_PERMISSION, RevisionId: 'wrong' }), expect: { status: 412, body: { Type: 'User', message: STALE } } },
      { request: call('POST', `${FUNCTIONS}/rev/policy`, { ...S3_PERMISSION, RevisionId: '${created}' }), expect: { status: 201 } },
      // The statement renewed the function's revision: the one read before is stale.
      { request: call('POST', `${FUNCTIONS}/rev/policy`, { ...S3_PERMISSION, StatementId: 's3_2', RevisionId: '${created}' }), expect: { status: 412, body: { Type: 'User', message: STALE } } },
      { request: call('GET', `${FUNCTIONS}/rev/policy`), expect: { status: 200 }, save: { policy: 'RevisionId' } },
      { request: call('POST', `${FUNCTIONS}/rev/policy`, { ...S3_PERMISSION, StatementId: 's3_2', RevisionId: '${policy}' }), expect: { status: 201 } },
      { request: call('GET', `${FUNCTIONS}/rev/policy`), expect: { status: 200 }, save: { policy2: 'RevisionId' } },
      { request: call('POST', `${FUNCTIONS}/rev/versions`, { RevisionId: '${policy2}' }), expect: { status: 201, body: ANY } },
      { request: call('GET', `${FUNCTIONS}/rev/policy?Qualifier=1`), expect: notFound('The resource you requested does not exist.') },
      { request: call('DELETE', `${FUNCTIONS}/rev/policy/s3?RevisionId=\${policy2}`), expect: { status: 412, body: { Type: 'User', message: STALE } } },
      {
        request: call('POST', `${FUNCTIONS}/rev/policy?Qualifier=1`, S3_PERMISSION),
        expect: {
          status: 201,
          body: { Statement: JSON.stringify({ Sid: 's3', Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: `${ARN}:rev:1`, Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::bucket' } } }) },
        },
      },
      // A policy change is no change of $LATEST for PublishVersion.
      { request: call('POST', `${FUNCTIONS}/rev/policy`, { ...S3_PERMISSION, StatementId: 's3_3' }), expect: { status: 201 } },
      { request: call('POST', `${FUNCTIONS}/rev/versions`, {}), expect: { status: 201, body: ANY }, save: { version: 'Version' } },
      { request: call('GET', `${FUNCTIONS}/rev?Qualifier=\${version}`), expect: { status: 200 } },
      { request: call('GET', `${FUNCTIONS}/rev?Qualifier=2`), expect: notFound(`Function not found: ${ARN}:rev:2`) },
      {
        request: call('POST', `${FUNCTIONS}/rev/policy`, {
          StatementId: 'urlPermission', Action: 'lambda:InvokeFunctionUrl', Principal: '*', SourceArn: 'arn:aws:s3:::bucket', SourceAccount: '000000000000',
          PrincipalOrgID: 'o-1234567890', FunctionUrlAuthType: 'NONE',
        }),
        expect: {
          status: 201,
          body: {
            Statement: JSON.stringify({
              Sid: 'urlPermission', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Resource: `${ARN}:rev`,
              Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE', 'aws:PrincipalOrgID': 'o-1234567890', 'AWS:SourceAccount': '000000000000' }, ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::bucket' } },
            }),
          },
        },
      },
      {
        request: call('POST', `${FUNCTIONS}/rev/policy`, { StatementId: 'alexaSkill', Action: 'lambda:InvokeFunction', Principal: '*', EventSourceToken: 'amzn1.ask.skill.xxxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx' }),
        expect: {
          status: 201,
          body: {
            Statement: JSON.stringify({
              Sid: 'alexaSkill', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: `${ARN}:rev`,
              Condition: { StringEquals: { 'lambda:EventSourceToken': 'amzn1.ask.skill.xxxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx' } },
            }),
          },
        },
      },
    ],
  },
  {
    name: 'CreateFunction names: ARNs, partial ARNs, names too long, other regions and accounts; alias names',
    source: `${SNAPSHOT}#TestLambdaFunction::test_function_arns, TestLambdaAlias::test_alias_naming`,
    steps: [
      { request: create(`${ARN}:byarn`), expect: { status: 201, body: ANY } },
      { request: create('000000000000:function:bypartial', { Publish: true }), expect: { status: 201, body: ANY } },
      { request: call('GET', `${FUNCTIONS}/bypartial/configuration`), expect: { status: 200, body: ANY } },
      {
        request: create('invalid:function:name'),
        expect: validation(
          "Value 'invalid:function:name' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?",
        ),
      },
      {
        request: create('a'.repeat(65)),
        expect: invalid(`1 validation error detected: Value '${'a'.repeat(65)}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`),
      },
      { request: create(`${ARN}:${'a'.repeat(100)}`), expect: validation(`Value '${ARN}:${'a'.repeat(100)}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 140`) },
      {
        request: create('arn:aws:lambda:ap-southeast-1:000000000000:function:elsewhere'),
        expect: notFound("Functions from 'ap-southeast-1' are not reachable in this region ('us-east-1')"),
      },
      { request: create('arn:aws:lambda:us-east-1:111111111111:function:theirs'), expect: { status: 403, body: { Message: null }, headers: { 'x-amzn-errortype': 'AccessDeniedException' } } },
      {
        request: call('POST', `${FUNCTIONS}/bypartial/aliases`, { Name: '2024-01-02', FunctionVersion: '1', Description: 'custom-alias' }),
        expect: { status: 201, body: { AliasArn: `${ARN}:bypartial:2024-01-02`, Description: 'custom-alias', FunctionVersion: '1', Name: '2024-01-02', RevisionId: ANY } },
      },
      {
        request: call('POST', `${FUNCTIONS}/bypartial/aliases`, { Name: '2024', FunctionVersion: '1' }),
        expect: validation("Value '2024' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)"),
      },
    ],
  },
  {
    name: 'an unknown or upper-case runtime is InvalidParameterValueException, on create and on update',
    source: `${SNAPSHOT}#TestLambdaFunction::test_create_lambda_exceptions, test_update_lambda_exceptions`,
    steps: [
      { request: create('rt'), expect: { status: 201 } },
      ...['non-existent-runtime', 'PYTHON3.9'].flatMap((runtime): RecordedStep[] => {
        const refused = { status: 400, body: { Type: 'User', message: new RegExp(`^Value ${runtime.replace('.', '\\.')} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: \\[.*nodejs20\\.x.*\\] or be a valid ARN$`) } };
        return [
          { request: create('other', { Runtime: runtime }), expect: refused },
          { request: call('PUT', `${FUNCTIONS}/rt/configuration`, { Runtime: runtime }), expect: refused },
        ];
      }),
      {
        request: create('other', { Role: 'r1' }),
        expect: validation("Value 'r1' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+"),
      },
      {
        request: create('other', { Architectures: ['x86_64', 'arm64'] }),
        expect: validation("Value '[x86_64, arm64]' at 'architectures' failed to satisfy constraint: Member must have length less than or equal to 1"),
      },
      {
        request: create('other', { Architectures: ['X86_64'] }),
        expect: validation("Value '[X86_64]' at 'architectures' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]"),
      },
      { request: create('other', { Code: { ZipFile: Buffer.from('not a zip').toString('base64') } }), expect: invalid('Could not unzip uploaded file. Please check your file, then try to upload again.') },
      { request: call('GET', `${FUNCTIONS}/?FunctionVersion=invalid`), expect: validation("Value 'invalid' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]") },
    ],
  },
  {
    name: 'SnapStart: refused for runtimes without it; published versions are optimized',
    source: `${SNAPSHOT}#TestLambdaSnapStart::test_snapstart_exceptions, test_snapstart_lifecycle, test_snapstart_update_function_configuration`,
    steps: [
      { request: create('snap', { SnapStart: { ApplyOn: 'PublishedVersions' } }), expect: invalid('nodejs20.x is not supported for SnapStart enabled functions.') },
      {
        request: create('snap', { SnapStart: { ApplyOn: 'invalidOption' } }),
        expect: validation("Value 'invalidOption' at 'snapStart.applyOn' failed to satisfy constraint: Member must satisfy enum value set: [PublishedVersions, None]"),
      },
      { request: create('snappy', { Runtime: 'python3.12' }), expect: { status: 201 } },
      {
        request: call('PUT', `${FUNCTIONS}/snappy/configuration`, { SnapStart: { ApplyOn: 'PublishedVersions' } }),
        expect: {
          status: 200,
          body: snapStartConfig('snappy', 'PublishedVersions', 'Off', {
            LastUpdateStatus: 'InProgress', LastUpdateStatusReason: 'The function is being created.', LastUpdateStatusReasonCode: 'Creating',
          }),
        },
      },
      { request: call('GET', `${FUNCTIONS}/snappy`), expect: { status: 200, body: { Code: ANY, Configuration: snapStartConfig('snappy', 'PublishedVersions', 'Off') } } },
      {
        request: call('POST', `${FUNCTIONS}/snappy/versions`, { Description: 'version1' }),
        expect: {
          status: 201,
          body: snapStartConfig('snappy', 'PublishedVersions', 'On', { FunctionArn: `${ARN}:snappy:1`, Version: '1', Description: 'version1' }),
        },
      },
      { request: call('PUT', `${FUNCTIONS}/snappy/configuration`, { Runtime: 'python3.9' }), expect: invalid('python3.9 is not supported for SnapStart enabled functions.') },
    ],
  },
  {
    name: 'UpdateFunctionCode with an image URI on a .zip function',
    source: `${SNAPSHOT}#TestLambdaImages::test_lambda_zip_file_to_image`,
    steps: [
      { request: create('zipped'), expect: { status: 201 } },
      {
        request: call('PUT', `${FUNCTIONS}/zipped/code`, { ImageUri: '000000000000.dkr.ecr.us-east-1.amazonaws.com/repo:latest' }),
        expect: invalid("Please don't provide ImageUri when updating a function with packageType Zip."),
      },
    ],
  },
  {
    name: 'layers: versions below 1, missing layers, empty compatibility lists',
    source: `${SNAPSHOT}#TestLambdaLayer::test_layer_exceptions, test_layer_s3_content, test_layer_function_exceptions`,
    steps: [
      {
        request: publishLayer('lay', { CompatibleRuntimes: [], CompatibleArchitectures: [] }),
        expect: {
          status: 201,
          body: {
            CompatibleArchitectures: [], CompatibleRuntimes: [], Content: { CodeSha256: ANY, CodeSize: ANY, Location: ANY }, CreatedDate: ANY, Description: '',
            LayerArn: `${LAYER}:lay`, LayerVersionArn: `${LAYER}:lay:1`, Version: 1,
          },
        },
      },
      {
        request: publishLayer('lay'),
        expect: { status: 201, body: { Content: { CodeSha256: ANY, CodeSize: ANY, Location: ANY }, CreatedDate: ANY, Description: '', LayerArn: `${LAYER}:lay`, LayerVersionArn: `${LAYER}:lay:2`, Version: 2 } },
      },
      { request: call('GET', `${LAYERS}/nolayer/versions`), expect: { status: 200, body: { LayerVersions: [] } } },
      { request: call('GET', `${LAYERS}/nolayer/versions/1`), expect: notFound('The resource you requested does not exist.') },
      { request: call('GET', `${LAYERS}/lay/versions/-1`), expect: invalid('Layer Version Cannot be less than 1') },
      { request: call('GET', `${LAYERS}/lay/versions/0`), expect: invalid('Layer Version Cannot be less than 1') },
      { request: call('GET', `${LAYERS}/lay/versions/3`), expect: notFound('The resource you requested does not exist.') },
      { request: call('GET', `${LAYERS}?find=LayerVersion&Arn=${encodeURIComponent(`${LAYER}:lay:9`)}`), expect: notFound('The resource you requested does not exist.') },
      { request: call('DELETE', `${LAYERS}/nolayer/versions/1`), expect: { status: 204 } },
      { request: call('DELETE', `${LAYERS}/lay/versions/9`), expect: { status: 204 } },
      { request: call('DELETE', `${LAYERS}/lay/versions/0`), expect: invalid('Layer Version Cannot be less than 1') },
      {
        request: call('GET', `${LAYERS}?CompatibleArchitecture=archdoesnotexist`),
        expect: validation("Value 'archdoesnotexist' at 'compatibleArchitecture' failed to satisfy constraint: Member must satisfy enum value set: [x86_64, arm64]"),
      },
    ],
  },
  {
    name: "a function's layers: two versions of one layer, missing versions, another region",
    source: `${SNAPSHOT}#TestLambdaLayer::test_layer_function_exceptions`,
    steps: [
      { request: publishLayer('fnlay', { CompatibleArchitectures: ['x86_64'], CompatibleRuntimes: [] }), expect: { status: 201 } },
      { request: publishLayer('fnlay', { CompatibleArchitectures: ['x86_64'], CompatibleRuntimes: [] }), expect: { status: 201 } },
      { request: publishLayer('fnlay', { CompatibleArchitectures: ['x86_64'], CompatibleRuntimes: [] }), expect: { status: 201 } },
      { request: create('layered'), expect: { status: 201 } },
      ...[
        [`${LAYER}:fnlay:1`, `${LAYER}:fnlay:2`],
        [`${LAYER}:fnlay:1`, `${LAYER}:fnlay:2`, `${LAYER}:fnlay:3`],
      ].map(
        (layers): RecordedStep => ({
          request: call('PUT', `${FUNCTIONS}/layered/configuration`, { Layers: layers }),
          expect: invalid(`Two different versions of the same layer are not allowed to be referenced in the same function. ${LAYER}:fnlay:1 and ${LAYER}:fnlay:2 are versions of the same layer.`),
        }),
      ),
      {
        request: call('PUT', `${FUNCTIONS}/layered/configuration`, { Layers: [`${LAYER}:fnlay:1`, `${LAYER}:fnlay:1`] }),
        expect: invalid(`Two different versions of the same layer are not allowed to be referenced in the same function. ${LAYER}:fnlay:1 and ${LAYER}:fnlay:1 are versions of the same layer.`),
      },
      { request: call('PUT', `${FUNCTIONS}/layered/configuration`, { Layers: [`${LAYER}:doesnotexist:1`] }), expect: invalid(`Layer version ${LAYER}:doesnotexist:1 does not exist.`) },
      { request: call('PUT', `${FUNCTIONS}/layered/configuration`, { Layers: [`${LAYER}:fnlay:9`] }), expect: invalid(`Layer version ${LAYER}:fnlay:9 does not exist.`) },
      {
        request: create('elsewhere', { Layers: ['arn:aws:lambda:eu-west-1:000000000000:layer:fnlay:1'] }),
        expect: invalid('Layers are not in the same region as the function. Layers are expected to be in region us-east-1.'),
      },
    ],
  },
  {
    name: 'layer version policies: missing layers and versions are named by ARN',
    source: `${SNAPSHOT}#TestLambdaLayer::test_layer_policy_exceptions, test_layer_policy_lifecycle`,
    steps: [
      { request: publishLayer('pol', { CompatibleArchitectures: ['x86_64'], CompatibleRuntimes: ['nodejs20.x'] }), expect: { status: 201 } },
      { request: call('GET', `${LAYERS}/pol/versions/1/policy`), expect: notFound('No policy is associated with the given resource.') },
      {
        request: call('POST', `${LAYERS}/pol/versions/1/policy`, { StatementId: 's1', Action: 'lambda:GetLayerVersion', Principal: '*' }),
        expect: { status: 201, body: { RevisionId: ANY, Statement: JSON.stringify({ Sid: 's1', Effect: 'Allow', Principal: '*', Action: 'lambda:GetLayerVersion', Resource: `${LAYER}:pol:1` }) } },
      },
      {
        request: call('POST', `${LAYERS}/pol/versions/1/policy`, { StatementId: 's2', Action: '*', Principal: '*' }),
        expect: validation("Value '*' at 'action' failed to satisfy constraint: Member must satisfy regular expression pattern: lambda:GetLayerVersion"),
      },
      {
        request: call('POST', `${LAYERS}/pol/versions/1/policy`, { StatementId: 's1', Action: 'lambda:GetLayerVersion', Principal: '*' }),
        expect: conflict('The statement id (s1) provided already exists. Please provide a new statement id, or remove the existing statement.'),
      },
      {
        request: call('POST', `${LAYERS}/pol/versions/1/policy?RevisionId=wrong`, { StatementId: 's2', Action: 'lambda:GetLayerVersion', Principal: '*' }),
        expect: {
          status: 412,
          body: { Type: 'User', message: 'The Revision Id provided does not match the latest Revision Id. Call the GetLayerPolicy API to retrieve the latest Revision Id' },
        },
      },
      ...(
        [
          ['pol-doesnotexist', 1],
          ['pol', 2],
        ] as const
      ).flatMap(([name, version]): RecordedStep[] => {
        const missing = notFound(`Layer version ${LAYER}:${name}:${version} does not exist.`);
        return [
          { request: call('POST', `${LAYERS}/${name}/versions/${version}/policy`, { StatementId: 's3', Action: 'lambda:GetLayerVersion', Principal: '*' }), expect: missing },
          { request: call('GET', `${LAYERS}/${name}/versions/${version}/policy`), expect: missing },
          { request: call('DELETE', `${LAYERS}/${name}/versions/${version}/policy/s1`), expect: missing },
        ];
      }),
      { request: call('DELETE', `${LAYERS}/pol/versions/1/policy/doesnotexist`), expect: notFound('Statement doesnotexist is not found in resource policy.') },
    ],
  },
]);
