// A SAM template deployed through the stack engine with the real resource types: the
// transform runs inside prepareTemplate, and the implicit HTTP and REST APIs answer on their
// endpoints with the functions' inline code. (The function names its Role: SAM's generated
// AWS::IAM::Role needs an IAM resource type in the engine.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Localgate } from '../../src/app.ts';
import { StackEngine } from '../../src/cloudformation/engine.ts';
import { prepareTemplate, SERVERLESS } from '../../src/cloudformation/prepare.ts';
import { resourceType } from '../../src/cloudformation/registry.ts';
import { newStack } from '../../src/cloudformation/stack.ts';
import { serverlessTransform } from '../../src/cloudformation/transforms/sam/index.ts';
import { resourceContext } from '../cfn-context.ts';
import { startTestServer } from '../helpers.ts';

const HANDLER = `exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ path: event.rawPath ?? event.path, kind: event.version ?? 'rest' }) });`;

const template = {
  Transform: SERVERLESS,
  Resources: {
    Hello: {
      Type: 'AWS::Serverless::Function',
      Properties: {
        InlineCode: HANDLER,
        Handler: 'index.handler',
        Runtime: 'nodejs20.x',
        Role: 'arn:aws:iam::000000000000:role/sam-app',
        Events: {
          Http: { Type: 'HttpApi', Properties: { Path: '/hello/{name}', Method: 'GET' } },
          Rest: { Type: 'Api', Properties: { Path: '/hello', Method: 'get' } },
        },
      },
    },
  },
  Outputs: {
    HttpApiId: { Value: { Ref: 'ServerlessHttpApi' } },
    RestApiId: { Value: { Ref: 'ServerlessRestApi' } },
  },
};

const AUTHORIZER = `exports.handler = async (event) => ({
  principalId: 'user',
  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: event.authorizationToken === 'allow' ? 'Allow' : 'Deny', Resource: event.methodArn }] },
});`;

const securedTemplate = {
  Transform: SERVERLESS,
  Resources: {
    Api: {
      Type: 'AWS::Serverless::Api',
      Properties: {
        StageName: 'v1',
        Auth: {
          DefaultAuthorizer: 'Token',
          ApiKeyRequired: true,
          UsagePlan: { CreateUsagePlan: 'PER_API' },
          Authorizers: { Token: { FunctionArn: { 'Fn::GetAtt': ['Authorizer', 'Arn'] } } },
        },
      },
    },
    Authorizer: { Type: 'AWS::Serverless::Function', Properties: { InlineCode: AUTHORIZER, Handler: 'index.handler', Runtime: 'nodejs20.x', Role: 'arn:aws:iam::000000000000:role/sam-app' } },
    Hello: {
      Type: 'AWS::Serverless::Function',
      Properties: {
        InlineCode: HANDLER, Handler: 'index.handler', Runtime: 'nodejs20.x', Role: 'arn:aws:iam::000000000000:role/sam-app',
        Events: { Get: { Type: 'Api', Properties: { RestApiId: { Ref: 'Api' }, Path: '/hello', Method: 'get' } } },
      },
    },
  },
  Outputs: { ApiId: { Value: { Ref: 'Api' } }, KeyId: { Value: { Ref: 'ApiApiKey' } } },
};

describe('a SAM template through the CloudFormation engine', () => {
  let app: Localgate;
  let engine: StackEngine;
  before(async () => {
    app = await startTestServer();
    engine = new StackEngine({ types: resourceType, services: app.providers, exports: () => ({ get: () => undefined, importers: () => [], publish() {}, withdraw() {} }) });
  });
  after(() => app.close());

  const deploy = async (name: string, body: unknown) => {
    const stack = newStack(`arn:aws:cloudformation:us-east-1:000000000000:stack/${name}/1`, name);
    const prepared = await prepareTemplate({
      body: JSON.stringify(body),
      parameters: [],
      pseudo: { AccountId: '000000000000', Region: 'us-east-1', StackName: name, StackId: stack.stackId, Partition: 'aws', URLSuffix: 'amazonaws.com', NotificationARNs: [] },
      transforms: { [SERVERLESS]: serverlessTransform },
    });
    await engine.create(stack, prepared, resourceContext(app, 'x').request, { disableRollback: false, deleteOnFailure: false, skipUnsupported: false });
    assert.equal(stack.status, 'CREATE_COMPLETE', stack.events.map((e) => `${e.LogicalResourceId} ${e.ResourceStatus} ${e.ResourceStatusReason ?? ''}`).join('\n'));
    return { stack, outputs: Object.fromEntries(stack.outputs.map((o) => [o.OutputKey, o.OutputValue])) };
  };

  it('deploys an Api with a Lambda TOKEN authorizer, a required API key and its usage plan', async () => {
    const { stack, outputs } = await deploy('sam-secured', securedTemplate);
    const request = resourceContext(app, 'x').request;
    const key = await app.providers.apigateway.getApiKey!({ apiKey: outputs.KeyId, includeValue: true }, request);
    const url = `${app.url}/execute-api/${outputs.ApiId}/v1/hello`;
    assert.equal((await fetch(url, { headers: { authorization: 'allow' } })).status, 403, 'no API key');
    assert.equal((await fetch(url, { headers: { authorization: 'deny', 'x-api-key': key.value! } })).status, 403, 'denied by the authorizer');
    const ok = await fetch(url, { headers: { authorization: 'allow', 'x-api-key': key.value! } });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { path: '/hello', kind: 'rest' });
    await engine.delete(stack, request);
    assert.equal(stack.status, 'DELETE_COMPLETE');
  });

  it('deploys the implicit HTTP and REST APIs, which answer with the function, and deletes them', async () => {
    const stack = newStack('arn:aws:cloudformation:us-east-1:000000000000:stack/sam-app/1', 'sam-app');
    const prepared = await prepareTemplate({
      body: JSON.stringify(template),
      parameters: [],
      pseudo: { AccountId: '000000000000', Region: 'us-east-1', StackName: 'sam-app', StackId: stack.stackId, Partition: 'aws', URLSuffix: 'amazonaws.com', NotificationARNs: [] },
      transforms: { [SERVERLESS]: serverlessTransform },
    });
    const request = resourceContext(app, 'x').request;
    await engine.create(stack, prepared, request, { disableRollback: false, deleteOnFailure: false, skipUnsupported: false });
    assert.equal(stack.status, "CREATE_COMPLETE", stack.events.map((e) => `${e.LogicalResourceId} ${e.ResourceStatus} ${e.ResourceStatusReason ?? ""}`).join("\n"));
    const outputs = Object.fromEntries(stack.outputs.map((o) => [o.OutputKey, o.OutputValue]));

    const http = await fetch(`${app.url}/execute-api/${outputs.HttpApiId}/hello/sam`);
    assert.equal(http.status, 200);
    assert.deepEqual(await http.json(), { path: '/hello/sam', kind: '2.0' });
    const prod = await fetch(`${app.url}/execute-api/${outputs.RestApiId}/Prod/hello`);
    assert.equal(prod.status, 200);
    assert.deepEqual(await prod.json(), { path: '/hello', kind: 'rest' });
    // SAM's extra "Stage" stage, from the deployment's StageName.
    assert.equal((await fetch(`${app.url}/execute-api/${outputs.RestApiId}/Stage/hello`)).status, 200);

    await engine.delete(stack, request);
    assert.equal(stack.status, 'DELETE_COMPLETE');
    assert.equal((await fetch(`${app.url}/execute-api/${outputs.HttpApiId}/hello/sam`)).status, 404);
  });
});
