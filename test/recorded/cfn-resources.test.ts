// CloudFormation's Lambda resources as recorded on AWS: stacks deployed through localgate's
// CloudFormation API, their physical ids and the resources read back through the Lambda API,
// compared with LocalStack's aws-validated recordings (test_lambda.snapshot.json under
// tests/aws/services/cloudformation/resources/). LocalStack's account 111111111111 is our
// 000000000000. The templates are our own, with the properties the recorded stacks set.
// API Gateway resources: cfn-resources-apigateway.test.ts.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GetAliasCommand, GetFunctionEventInvokeConfigCommand, GetFunctionUrlConfigCommand, GetPolicyCommand, LambdaClient, ListVersionsByFunctionCommand } from '@aws-sdk/client-lambda';
import { clientConfig } from '../helpers.ts';
import { ACCOUNT, cfnServer, fn } from './cfn-steps.ts';

const LAMBDA_SNAPSHOT = 'localstack/localstack tests/aws/services/cloudformation/resources/test_lambda.snapshot.json';
const FUNCTION_ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function`;
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:topic`;

const server = cfnServer();
const { deploy, update } = server;
let lambda: LambdaClient | undefined;
after(() => lambda?.destroy());

describe('recorded on AWS: Lambda resources', () => {
  it(`answers as recorded (${LAMBDA_SNAPSHOT}#test_lambda_version, test_lambda_alias, test_cfn_function_url, test_event_invoke_config, TestCfnLambdaIntegrations::test_cfn_lambda_permissions)`, async () => {
    const { physical } = await deploy('lambda-resources', {
      Resources: {
        Fn: fn,
        Version: { Type: 'AWS::Lambda::Version', Properties: { FunctionName: { Ref: 'Fn' }, Description: 'test description' } },
        FunctionAlias: { Type: 'AWS::Lambda::Alias', Properties: { FunctionName: { Ref: 'Fn' }, FunctionVersion: { 'Fn::GetAtt': ['Version', 'Version'] }, Name: 'live' } },
        Url: { Type: 'AWS::Lambda::Url', Properties: { TargetFunctionArn: { 'Fn::GetAtt': ['Fn', 'Arn'] }, AuthType: 'NONE' } },
        InvokeConfig: { Type: 'AWS::Lambda::EventInvokeConfig', Properties: { FunctionName: { Ref: 'Fn' }, Qualifier: '$LATEST', MaximumEventAgeInSeconds: 300, MaximumRetryAttempts: 1 } },
        Permission: { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: { 'Fn::GetAtt': ['Fn', 'Arn'] }, Principal: 'sns.amazonaws.com', SourceArn: TOPIC } },
      },
    });
    const name = physical.Fn;
    lambda = new LambdaClient(clientConfig(server.app));
    // stack_resources / stack_resource_descriptions: a function by name, a version and an
    // alias by ARN, a URL by its function's ARN, a permission by its statement id.
    assert.match(name, /^lambda-resources-Fn-[A-Z0-9]{12}$/);
    assert.equal(physical.Version, `${FUNCTION_ARN}:${name}:1`);
    assert.equal(physical.FunctionAlias, `${FUNCTION_ARN}:${name}:live`);
    assert.equal(physical.Url, `${FUNCTION_ARN}:${name}`);

    // test_lambda_version, versions_by_fn: $LATEST and the version with its description.
    const versions = (await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: name }))).Versions!;
    assert.deepEqual(versions.map((v) => [v.Version, v.FunctionArn, v.Description]), [
      ['$LATEST', `${FUNCTION_ARN}:${name}:$LATEST`, ''],
      ['1', `${FUNCTION_ARN}:${name}:1`, 'test description'],
    ]);

    // test_lambda_alias, Alias: an empty description.
    const alias = await lambda.send(new GetAliasCommand({ FunctionName: name, Name: 'live' }));
    assert.deepEqual([alias.AliasArn, alias.Description, alias.FunctionVersion, alias.Name], [`${FUNCTION_ARN}:${name}:live`, '', '1', 'live']);

    // test_cfn_function_url, url_config (and the 2024 recording in
    // tests/aws/services/lambda_/resource_providers/test_lambda.snapshot.json): AuthType NONE,
    // no Cors, InvokeMode BUFFERED.
    const url = await lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: name }));
    assert.deepEqual([url.AuthType, url.FunctionArn, url.Cors, url.InvokeMode], ['NONE', `${FUNCTION_ARN}:${name}`, undefined, 'BUFFERED']);

    // test_event_invoke_config, event_invoke_config: both destinations empty.
    const config = await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: name, Qualifier: '$LATEST' }));
    assert.deepEqual([config.DestinationConfig, config.MaximumEventAgeInSeconds, config.MaximumRetryAttempts], [{ OnFailure: {}, OnSuccess: {} }, 300, 1]);

    // test_cfn_lambda_permissions, get_policy_result: the statement id is the physical id.
    const policy = JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: name }))).Policy!);
    assert.deepEqual(policy, {
      Version: '2012-10-17',
      Id: 'default',
      Statement: [
        {
          Sid: physical.Permission,
          Effect: 'Allow',
          Principal: { Service: 'sns.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          Resource: `${FUNCTION_ARN}:${name}`,
          Condition: { ArnLike: { 'AWS:SourceArn': TOPIC } },
        },
      ],
    });
  });

  // An update of the URL's Cors replaces it whole; AuthType stays.
  it('answers as recorded (localstack/localstack tests/aws/services/lambda_/resource_providers/test_aws_lambda_url.snapshot.json#test_update_lambda_url_modify_properties)', async () => {
    const template = (cors: unknown) => ({
      Resources: { Fn: fn, Url: { Type: 'AWS::Lambda::Url', Properties: { TargetFunctionArn: { 'Fn::GetAtt': ['Fn', 'Arn'] }, AuthType: 'NONE', Cors: cors } } },
    });
    const { physical } = await deploy('url-update', template({ AllowMethods: ['GET'], AllowOrigins: ['https://example.com'] }));
    lambda ??= new LambdaClient(clientConfig(server.app));
    const read = () => lambda!.send(new GetFunctionUrlConfigCommand({ FunctionName: physical.Fn }));
    const initial = await read();
    assert.deepEqual([initial.AuthType, initial.Cors], ['NONE', { AllowMethods: ['GET'], AllowOrigins: ['https://example.com'] }]);
    await update('url-update', template({ AllowHeaders: ['content-type'], AllowMethods: ['GET', 'POST'], AllowOrigins: ['*'] }));
    const updated = await read();
    assert.deepEqual([updated.AuthType, updated.Cors], ['NONE', { AllowHeaders: ['content-type'], AllowMethods: ['GET', 'POST'], AllowOrigins: ['*'] }]);
  });
});
