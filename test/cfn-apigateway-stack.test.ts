// A CloudFormation template of AWS::ApiGateway::* resources run by the stack engine over a
// running localgate's providers: created in dependency order with Ref/GetAtt between the
// types, called on its invoke URL, updated (a new deployment and a new route), deleted; and
// a failing template that rolls back to nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Localgate } from '../src/app.ts';
import { StackEngine } from '../src/cloudformation/engine.ts';
import type { ExportBook } from '../src/cloudformation/operation.ts';
import { prepareTemplate } from '../src/cloudformation/prepare.ts';
import { resourceType } from '../src/cloudformation/registry.ts';
import type { ResourceServices } from '../src/cloudformation/resource.ts';
import { newStack, type StackRecord } from '../src/cloudformation/stack.ts';
import type { RequestContext } from '../src/protocol/engine.ts';
import { startTestServer } from './helpers.ts';
import { ACCOUNT, createFunction, ECHO } from './http-api-setup.ts';

let app: Localgate;
let engine: StackEngine;
let request: RequestContext;
const gateway = () => app.providers.apigateway as Record<string, (input: object, ctx: RequestContext) => any>;

const noExports: ExportBook = { get: () => undefined, importers: () => [], publish: () => {}, withdraw: () => {} };

before(async () => {
  app = await startTestServer();
  await createFunction(app, 'echo', ECHO);
  const services = { apigateway: app.providers.apigateway, apigatewayv2: app.providers.apigatewayv2, lambda: app.providers.lambda } as ResourceServices;
  engine = new StackEngine({ types: resourceType, services, exports: () => noExports });
  request = { account: ACCOUNT, region: 'us-east-1', requestId: 'test', baseUrl: app.url, caller: { account: ACCOUNT, region: 'us-east-1', signed: false } };
});

after(() => app.close());

function stackNamed(name: string): StackRecord {
  return newStack(`arn:aws:cloudformation:us-east-1:${ACCOUNT}:stack/${name}/6f1c2d10-0000-4000-8000-000000000001`, name);
}

const prepare = (stack: StackRecord, body: string) =>
  prepareTemplate({
    body,
    pseudo: { AccountId: ACCOUNT, Region: 'us-east-1', StackName: stack.stackName, StackId: stack.stackId, Partition: 'aws', URLSuffix: 'amazonaws.com', NotificationARNs: [] },
  });

const ECHO_URI = '!Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:echo/invocations';

const template = (deployment: string, extraRoute: boolean) => `
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: !Sub "\${AWS::StackName}-api"
  Items:
    Type: AWS::ApiGateway::Resource
    Properties: { RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: items }
  ItemsGet:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Items
      HttpMethod: GET
      AuthorizationType: NONE
      ApiKeyRequired: "true"
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: ${ECHO_URI}
${
  extraRoute
    ? `  Health:
    Type: AWS::ApiGateway::Resource
    Properties: { RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: health }
  HealthGet:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Health
      HttpMethod: GET
      AuthorizationType: NONE
      MethodResponses: [{ StatusCode: 200 }]
      Integration:
        Type: MOCK
        RequestTemplates: { application/json: '{"statusCode": 200}' }
        IntegrationResponses: [{ StatusCode: 200, ResponseTemplates: { application/json: '{"healthy": true}' } }]
`
    : ''
}  ${deployment}:
    Type: AWS::ApiGateway::Deployment
    DependsOn: [ItemsGet${extraRoute ? ', HealthGet' : ''}]
    Properties: { RestApiId: !Ref Api }
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties: { RestApiId: !Ref Api, DeploymentId: !Ref ${deployment}, StageName: v1, Variables: { mode: test } }
  Key:
    Type: AWS::ApiGateway::ApiKey
    Properties: { Enabled: true, Value: abcdefghijklmnopqrstuvwxyz0123 }
  Plan:
    Type: AWS::ApiGateway::UsagePlan
    Properties:
      ApiStages: [{ ApiId: !Ref Api, Stage: !Ref Stage }]
  PlanKey:
    Type: AWS::ApiGateway::UsagePlanKey
    Properties: { KeyId: !Ref Key, KeyType: API_KEY, UsagePlanId: !Ref Plan }
Outputs:
  ApiId: { Value: !Ref Api }
  RootId: { Value: !GetAtt Api.RootResourceId }
  StageName: { Value: !Ref Stage }
`;

test('a template of API Gateway resources deploys, serves, updates and deletes through the stack engine', async () => {
  const stack = stackNamed('shop');
  await engine.create(stack, await prepare(stack, template('Deployment', false)), request, { disableRollback: false, deleteOnFailure: false, skipUnsupported: false });
  assert.equal(stack.status, 'CREATE_COMPLETE', stack.reason);
  const out = Object.fromEntries(stack.outputs.map((o) => [o.OutputKey, o.OutputValue]));
  const api = gateway().getRestApi({ restApiId: out.ApiId }, request);
  assert.equal(api.name, 'shop-api');
  assert.equal(out.RootId, api.rootResourceId);
  assert.equal(out.StageName, 'v1');

  const invoke = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}/restapis/${out.ApiId}/v1/_user_request_${path}`, { headers });
  assert.equal((await invoke('/items')).status, 403, 'the API key is required');
  let res = await invoke('/items?n=1', { 'x-api-key': 'abcdefghijklmnopqrstuvwxyz0123' });
  assert.equal(res.status, 200);
  const event = await res.json();
  assert.equal(event.resource, '/items');
  assert.deepEqual(event.stageVariables, { mode: 'test' });
  assert.equal(event.requestContext.identity.apiKey, 'abcdefghijklmnopqrstuvwxyz0123');

  // A route is added and a new Deployment (new logical id) replaces the old one.
  await engine.update(stack, await prepare(stack, template('Deployment2', true)), request, { disableRollback: false, skipUnsupported: false });
  assert.equal(stack.status, 'UPDATE_COMPLETE', stack.reason);
  res = await invoke('/health');
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { healthy: true });
  assert.equal(gateway().getDeployments({ restApiId: out.ApiId }, request).items.length, 1, 'the old deployment is gone');

  await engine.delete(stack, request);
  assert.equal(stack.status, 'DELETE_COMPLETE', stack.reason);
  assert.deepEqual(gateway().getRestApis({}, request).items, []);
  assert.deepEqual(gateway().getApiKeys({}, request).items, []);
  assert.deepEqual(gateway().getUsagePlans({}, request).items, []);
});

test('a template whose method is invalid rolls back and leaves no API behind', async () => {
  const stack = stackNamed('broken');
  const body = template('Deployment', false).replace('Type: AWS_PROXY', 'Type: CARRIER_PIGEON');
  await engine.create(stack, await prepare(stack, body), request, { disableRollback: false, deleteOnFailure: false, skipUnsupported: false });
  assert.equal(stack.status, 'ROLLBACK_COMPLETE');
  const failed = stack.events.find((e) => e.LogicalResourceId === 'ItemsGet' && e.ResourceStatus === 'CREATE_FAILED');
  assert.equal(
    failed?.ResourceStatusReason,
    "1 validation error detected: Value 'CARRIER_PIGEON' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [HTTP, AWS, MOCK, HTTP_PROXY, AWS_PROXY] (Service: BadRequestException)",
  );
  assert.deepEqual(gateway().getRestApis({}, request).items, []);
});
