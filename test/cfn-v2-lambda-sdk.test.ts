// A YAML template with Lambda, custom resource and HTTP API resources deployed through the
// CloudFormation API with @aws-sdk/client-cloudformation (CreateStack, waiters,
// DescribeStacks outputs, DeleteStack), then called on the data plane.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
} from '@aws-sdk/client-cloudformation';
import type { Localgate } from '../src/app.ts';
import { clientConfig, startTestServer } from './helpers.ts';

const TEMPLATE = `
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Greeting:
    Type: String
    Default: hello
Resources:
  HelloFn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Role: arn:aws:iam::000000000000:role/lambda-role
      Timeout: "10"
      Environment:
        Variables:
          GREETING: !Ref Greeting
      Code:
        ZipFile: |
          exports.handler = async (event) => ({ statusCode: 200, body: process.env.GREETING + ' from ' + event.rawPath });
  SeedFn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Role: arn:aws:iam::000000000000:role/lambda-role
      Code:
        ZipFile: |
          const response = require('cfn-response');
          exports.handler = (event, context) => {
            response.send(event, context, response.SUCCESS, { Doubled: String(Number(event.ResourceProperties.Count) * 2) }, 'seed-' + event.LogicalResourceId);
          };
  Seed:
    Type: Custom::Seed
    Properties:
      ServiceToken: !GetAtt SeedFn.Arn
      Count: 21
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: !Sub '\${AWS::StackName}-api'
      ProtocolType: HTTP
      Target: !GetAtt HelloFn.Arn
  Permission:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref HelloFn
      Action: lambda:InvokeFunction
      Principal: apigateway.amazonaws.com
      SourceArn: !Sub 'arn:aws:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${Api}/*'
Outputs:
  Endpoint:
    Value: !GetAtt Api.ApiEndpoint
  Doubled:
    Value: !GetAtt Seed.Doubled
  SeedId:
    Value: !Ref Seed
`;

describe('CloudFormation API with Lambda, custom resource and HTTP API resources', () => {
  let app: Localgate;
  let client: CloudFormationClient;
  before(async () => {
    app = await startTestServer();
    client = new CloudFormationClient(clientConfig(app));
  });
  after(async () => {
    client.destroy();
    await app.close();
  });

  it('creates the stack, its API answers, the custom resource fills outputs; delete removes it all', async () => {
    await client.send(new CreateStackCommand({ StackName: 'sdk-stack', TemplateBody: TEMPLATE, Parameters: [{ ParameterKey: 'Greeting', ParameterValue: 'hi' }] }));
    const waited = await waitUntilStackCreateComplete({ client, maxWaitTime: 120, minDelay: 1, maxDelay: 1 }, { StackName: 'sdk-stack' });
    assert.equal(waited.state, 'SUCCESS');
    const [stack] = (await client.send(new DescribeStacksCommand({ StackName: 'sdk-stack' }))).Stacks!;
    const outputs = Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
    assert.equal(outputs.Doubled, '42');
    assert.equal(outputs.SeedId, 'seed-Seed');
    const res = await fetch(`${outputs.Endpoint}/anywhere`);
    assert.equal(await res.text(), 'hi from /anywhere');

    await client.send(new DeleteStackCommand({ StackName: 'sdk-stack' }));
    await waitUntilStackDeleteComplete({ client, maxWaitTime: 120, minDelay: 1, maxDelay: 1 }, { StackName: 'sdk-stack' });
    assert.equal((await fetch(`${outputs.Endpoint}/anywhere`)).status, 404);
    const functions = (await app.providers.lambda.listFunctions!({}, { caller: { account: '000000000000', region: 'us-east-1', signed: false }, account: '000000000000', region: 'us-east-1', requestId: 'r', baseUrl: app.url })).Functions ?? [];
    assert.deepEqual(functions.map((f) => f.FunctionName).filter((n) => n?.startsWith('sdk-stack-')), []);
  });
});
