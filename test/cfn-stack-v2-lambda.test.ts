// A whole template through the stack engine with the real resource types over a running
// localgate: Lambda functions from inline code, a custom resource answering through
// cfn-response, an HTTP API with a Lambda integration answering on its endpoint output; a
// custom resource answering FAILED rolls everything back.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Localgate } from '../src/app.ts';
import { StackEngine } from '../src/cloudformation/engine.ts';
import { prepareTemplate } from '../src/cloudformation/prepare.ts';
import { resourceType } from '../src/cloudformation/registry.ts';
import { newStack, type StackRecord } from '../src/cloudformation/stack.ts';
import { resourceContext } from './cfn-context.ts';
import { ROLE } from './fixtures/lambda/zips.ts';
import { startTestServer } from './helpers.ts';

const HELLO = `exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ hello: event.rawPath }) });`;
const SEED = `const response = require('cfn-response');
exports.handler = (event, context) => {
  const props = event.ResourceProperties;
  if (event.RequestType !== 'Delete' && props.Fail === 'yes') return response.send(event, context, response.FAILED, {});
  response.send(event, context, response.SUCCESS, { Greeting: 'hello ' + props.Name }, 'seed-' + props.Name);
};`;

const template = (fail: boolean) => ({
  Resources: {
    HelloFn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Timeout: '10', Code: { ZipFile: HELLO } } },
    SeedFn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: SEED } } },
    Seed: { Type: 'Custom::Seed', Properties: { ServiceToken: { 'Fn::GetAtt': ['SeedFn', 'Arn'] }, Name: 'world', Fail: fail ? 'yes' : 'no' } },
    Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: { 'Fn::Sub': '${AWS::StackName}-api' }, ProtocolType: 'HTTP' } },
    Integration: {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': ['HelloFn', 'Arn'] }, PayloadFormatVersion: '2.0' },
    },
    Route: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: { ApiId: { Ref: 'Api' }, RouteKey: 'GET /hello', Target: { 'Fn::Join': ['/', ['integrations', { Ref: 'Integration' }]] } },
    },
    Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: '$default', AutoDeploy: true } },
    Permission: {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        FunctionName: { Ref: 'HelloFn' },
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: { 'Fn::Sub': 'arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/*' },
      },
    },
    CDKMetadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v2:deflate64:abc' } },
  },
  Outputs: {
    Endpoint: { Value: { 'Fn::GetAtt': ['Api', 'ApiEndpoint'] } },
    Greeting: { Value: { 'Fn::GetAtt': ['Seed', 'Greeting'] } },
    SeedId: { Value: { Ref: 'Seed' } },
  },
});

describe('a stack of Lambda, custom resource and HTTP API resources', () => {
  let app: Localgate;
  let engine: StackEngine;
  before(async () => {
    app = await startTestServer();
    engine = new StackEngine({ types: resourceType, services: app.providers, exports: () => ({ get: () => undefined, importers: () => [], publish() {}, withdraw() {} }) });
  });
  after(() => app.close());

  const request = () => resourceContext(app, 'x').request;
  const deploy = async (name: string, body: unknown) => {
    const stack = newStack(`arn:aws:cloudformation:us-east-1:000000000000:stack/${name}/1`, name);
    const prepared = await prepareTemplate({
      body: JSON.stringify(body),
      parameters: [],
      pseudo: { AccountId: '000000000000', Region: 'us-east-1', StackName: name, StackId: stack.stackId, Partition: 'aws', URLSuffix: 'amazonaws.com', NotificationARNs: [] },
    });
    await engine.create(stack, prepared, request(), { disableRollback: false, deleteOnFailure: false, skipUnsupported: false });
    return stack;
  };
  const functionNames = async () => ((await app.providers.lambda.listFunctions!({}, request())).Functions ?? []).map((f) => f.FunctionName);
  const reasons = (stack: StackRecord, id: string) => stack.events.filter((e) => e.LogicalResourceId === id).map((e) => `${e.ResourceStatus}${e.ResourceStatusReason ? `: ${e.ResourceStatusReason}` : ''}`).reverse();

  it('creates the stack, answers on the API endpoint, outputs custom resource data, and deletes everything', async () => {
    const stack = await deploy('good', template(false));
    assert.equal(stack.status, 'CREATE_COMPLETE', JSON.stringify(stack.events.map((e) => e.ResourceStatusReason).filter(Boolean)));
    const outputs = Object.fromEntries(stack.outputs.map((o) => [o.OutputKey, o.OutputValue]));
    const apiId = stack.resources.get('Api')!.physicalId!;
    assert.deepEqual(outputs, { Endpoint: `${app.url}/execute-api/${apiId}`, Greeting: 'hello world', SeedId: 'seed-world' });
    const res = await fetch(`${outputs.Endpoint}/hello`);
    assert.deepEqual(await res.json(), { hello: '/hello' });
    assert.match(stack.resources.get('HelloFn')!.physicalId!, /^good-HelloFn-[A-Z0-9]{12}$/);

    await engine.delete(stack, request());
    assert.equal(stack.status, 'DELETE_COMPLETE');
    assert.deepEqual(reasons(stack, 'Seed').slice(-2), ['DELETE_IN_PROGRESS', 'DELETE_COMPLETE']);
    assert.deepEqual((await functionNames()).filter((n) => n?.startsWith('good-')), []);
    assert.equal((await fetch(`${outputs.Endpoint}/hello`)).status, 404);
  });

  it('a custom resource answering FAILED fails the stack with CloudFormation\'s reason and rolls back', async () => {
    const stack = await deploy('bad', template(true));
    assert.equal(stack.status, 'ROLLBACK_COMPLETE');
    const failed = reasons(stack, 'Seed').find((r) => r.startsWith('CREATE_FAILED'))!;
    assert.match(failed, /^CREATE_FAILED: Received response status \[FAILED\] from custom resource\. Message returned: See the details in CloudWatch Log Stream: \S+ \(RequestId: [0-9a-f-]{36}\)$/);
    assert.deepEqual((await functionNames()).filter((n) => n?.startsWith('bad-')), []);
    const apis = (await app.providers.apigatewayv2.getApis!({}, request())).Items ?? [];
    assert.deepEqual(apis.filter((a) => a.Name === 'bad-api'), []);
  });
});
