// CloudFormation's AWS::ApiGateway::* resource types end to end: a REST API built by the
// types over a running localgate's provider (MOCK and Lambda proxy methods, a deployment
// with its stage, a separate Stage), called on its invoke URL, updated the way CDK updates
// (a new Deployment takes the stage over), and deleted.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Localgate } from '../src/app.ts';
import type { ResourceServices } from '../src/cloudformation/resource.ts';
import { resourceType } from '../src/cloudformation/registry.ts';
import { contextFactory, Deployed, type Contexts } from '../src/cloudformation/resources/apigateway/testing.ts';
import { startTestServer } from './helpers.ts';
import { createFunction, ECHO, fnArn } from './http-api-setup.ts';

let app: Localgate;
let env: Contexts;

const type = (name: string) => resourceType(`AWS::ApiGateway::${name}`)!;
const deploy = (kind: string, logicalId: string, props: Record<string, unknown>) => Deployed.create(type(kind), env, logicalId, props);

before(async () => {
  app = await startTestServer();
  env = contextFactory({ apigateway: app.providers.apigateway as ResourceServices['apigateway'] }, app.url);
  await createFunction(app, 'echo', ECHO);
});

after(() => app.close());

const mockMethod = (restApiId: string, resourceId: string, body: string) => ({
  RestApiId: restApiId,
  ResourceId: resourceId,
  HttpMethod: 'GET',
  AuthorizationType: 'NONE',
  MethodResponses: [{ StatusCode: '200', ResponseParameters: { 'method.response.header.X-Source': true } }],
  Integration: {
    Type: 'MOCK',
    RequestTemplates: { 'application/json': '{"statusCode": 200}' },
    IntegrationResponses: [{ StatusCode: '200', ResponseTemplates: { 'application/json': body }, ResponseParameters: { 'method.response.header.X-Source': "'mock'" } }],
  },
});

test('a REST API from resource types answers on its invoke URL, follows updates and is gone after delete', async () => {
  const api = await deploy('RestApi', 'Api', { Name: 'cfn-pets' });
  const restApiId = api.ref;
  const rootId = String(api.attr('RootResourceId'));
  const pets = await deploy('Resource', 'Pets', { RestApiId: restApiId, ParentId: rootId, PathPart: 'pets' });
  const echo = await deploy('Resource', 'Echo', { RestApiId: restApiId, ParentId: rootId, PathPart: 'echo' });
  const echoId = await deploy('Resource', 'EchoId', { RestApiId: restApiId, ParentId: echo.ref, PathPart: '{id}' });
  const list = await deploy('Method', 'ListPets', mockMethod(restApiId, pets.ref, '{"pets": ["rex"]}'));
  const proxy = await deploy('Method', 'EchoAny', {
    RestApiId: restApiId,
    ResourceId: echoId.ref,
    HttpMethod: 'ANY',
    AuthorizationType: 'NONE',
    Integration: {
      Type: 'AWS_PROXY',
      IntegrationHttpMethod: 'POST',
      Uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${fnArn('echo')}/invocations`,
    },
  });
  const first = await deploy('Deployment', 'DeploymentV1', { RestApiId: restApiId, StageName: 'prod', StageDescription: { Variables: { tier: 'gold' } } });

  const invoke = (stage: string, path: string, init?: RequestInit) => fetch(`${app.url}/restapis/${restApiId}/${stage}/_user_request_${path}`, init);
  let res = await invoke('prod', '/pets');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('x-source'), 'mock');
  assert.deepEqual(await res.json(), { pets: ['rex'] });

  res = await invoke('prod', '/echo/42?q=1', { method: 'POST', body: 'hello' });
  assert.equal(res.status, 200);
  const event = await res.json();
  assert.equal(event.resource, '/echo/{id}');
  assert.equal(event.path, '/echo/42');
  assert.equal(event.httpMethod, 'POST');
  assert.deepEqual(event.pathParameters, { id: '42' });
  assert.deepEqual(event.queryStringParameters, { q: '1' });
  assert.deepEqual(event.stageVariables, { tier: 'gold' });
  assert.equal(event.body, 'hello');
  assert.equal(event.requestContext.stage, 'prod');
  assert.equal(event.requestContext.apiId, restApiId);

  // An update as CDK makes it: the method changes, a new Deployment (new logical id) takes
  // the stage over, then the old deployment is deleted.
  await list.update(mockMethod(restApiId, pets.ref, '{"pets": ["rex", "fido"]}'));
  assert.deepEqual(await (await invoke('prod', '/pets')).json(), { pets: ['rex'] }, 'the stage serves what was deployed');
  const second = await deploy('Deployment', 'DeploymentV2', { RestApiId: restApiId, StageName: 'prod', StageDescription: { Variables: { tier: 'gold' } } });
  await first.delete();
  assert.deepEqual(await (await invoke('prod', '/pets')).json(), { pets: ['rex', 'fido'] });

  // A separate Stage on the same deployment.
  const live = await deploy('Stage', 'Live', { RestApiId: restApiId, StageName: 'live', DeploymentId: second.ref, Variables: { tier: 'silver' } });
  res = await invoke('live', '/echo/7');
  assert.deepEqual((await res.json()).stageVariables, { tier: 'silver' });

  // Delete in reverse dependency order, as the engine does.
  for (const r of [live, second, proxy, list, echoId, echo, pets, api]) await r.delete();
  assert.equal((await invoke('prod', '/pets')).status, 404);
  const gateway = app.providers.apigateway as { getRestApis(input: object, ctx: object): { items?: unknown[] } };
  assert.deepEqual(gateway.getRestApis({}, env.request).items, []);
});

test('a REST API imported from an OpenAPI Body answers on its invoke URL', async () => {
  const api = await deploy('RestApi', 'Imported', {
    Body: {
      openapi: '3.0.1',
      info: { title: 'imported', version: '1' },
      paths: {
        '/hello': {
          get: {
            responses: { '200': { description: 'ok' } },
            'x-amazon-apigateway-integration': {
              type: 'MOCK',
              requestTemplates: { 'application/json': '{"statusCode": 200}' },
              responses: { default: { statusCode: '200', responseTemplates: { 'application/json': '{"hello": "world"}' } } },
            },
          },
        },
      },
    },
  });
  await deploy('Deployment', 'ImportedDeployment', { RestApiId: api.ref, StageName: 'v1' });
  const res = await fetch(`${app.url}/restapis/${api.ref}/v1/_user_request_/hello`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { hello: 'world' });
});
