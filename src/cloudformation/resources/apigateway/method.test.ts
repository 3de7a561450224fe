import { test } from 'node:test';
import assert from 'node:assert/strict';
import { method } from './method.ts';
import { resource } from './resource.ts';
import { restApi } from './rest-api.ts';
import { contextFactory, Deployed } from './testing.ts';

async function setup() {
  const env = contextFactory();
  const api = await Deployed.create(restApi, env, 'Api', { Name: 'm' });
  const pets = await Deployed.create(resource, env, 'Pets', { RestApiId: api.ref, ParentId: api.attr('RootResourceId'), PathPart: 'pets' });
  const key = { restApiId: api.ref, resourceId: pets.ref, httpMethod: 'GET' };
  const get = () => env.gateway.getMethod(key, env.request);
  return { env, api, pets, key, get };
}

const MOCK = {
  Type: 'MOCK',
  RequestTemplates: { 'application/json': '{"statusCode": 200}' },
  IntegrationResponses: [{ StatusCode: '200', ResponseTemplates: { 'application/json': '{"ok":true}' }, ResponseParameters: { 'method.response.header.X-A': "'a'" } }],
};

test('Resource: created under its parent, Ref and ResourceId are its id; every property replaces it', async () => {
  const { env, api, pets } = await setup();
  const got = await env.gateway.getResource({ restApiId: api.ref, resourceId: pets.ref }, env.request);
  assert.deepEqual(got, { id: pets.ref, parentId: api.attr('RootResourceId'), path: '/pets', pathPart: 'pets' });
  assert.equal(pets.attr('ResourceId'), pets.ref);
  assert.deepEqual(resource.replaceOn, ['ParentId', 'PathPart', 'RestApiId']);
  assert.equal(resource.update, undefined);
  await pets.delete();
  await assert.rejects(Promise.resolve().then(() => env.gateway.getResource({ restApiId: api.ref, resourceId: pets.ref }, env.request)), { code: 'NotFoundException' });
});

test('Method: method, integration, method responses and integration responses, with coerced values', async () => {
  const { env, api, pets, get } = await setup();
  const m = await Deployed.create(method, env, 'Get', {
    RestApiId: api.ref,
    ResourceId: pets.ref,
    HttpMethod: 'get',
    AuthorizationType: 'NONE',
    ApiKeyRequired: 'true',
    OperationName: 'listPets',
    RequestParameters: { 'method.request.querystring.q': 'false' },
    MethodResponses: [{ StatusCode: 200, ResponseParameters: { 'method.response.header.X-A': 'true' } }],
    Integration: { ...MOCK, TimeoutInMillis: '1000' },
  });
  assert.match(m.ref, /^teststack-Get-/);
  assert.deepEqual(await get(), {
    httpMethod: 'GET',
    authorizationType: 'NONE',
    apiKeyRequired: true,
    operationName: 'listPets',
    requestParameters: { 'method.request.querystring.q': false },
    methodResponses: { '200': { statusCode: '200', responseParameters: { 'method.response.header.X-A': true } } },
    methodIntegration: {
      type: 'MOCK',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
      passthroughBehavior: 'WHEN_NO_MATCH',
      timeoutInMillis: 1000,
      cacheNamespace: pets.ref,
      cacheKeyParameters: [],
      integrationResponses: {
        '200': { statusCode: '200', responseTemplates: { 'application/json': '{"ok":true}' }, responseParameters: { 'method.response.header.X-A': "'a'" } },
      },
    },
  });
});

test('Method: a failing integration response removes the method again', async () => {
  const { env, api, pets, get } = await setup();
  // The method response names a model the API does not have.
  await assert.rejects(
    Deployed.create(method, env, 'Get', { RestApiId: api.ref, ResourceId: pets.ref, HttpMethod: 'GET', Integration: MOCK, MethodResponses: [{ StatusCode: '200', ResponseModels: { 'application/json': 'Nope' } }] }),
    { message: 'Invalid model identifier specified: Nope' },
  );
  await assert.rejects(Promise.resolve().then(get), { code: 'NotFoundException' });
  await assert.rejects(Deployed.create(method, env, 'Get', { RestApiId: api.ref, ResourceId: pets.ref, HttpMethod: 'GET', Integration: { Uri: 'x' } }), {
    message: 'Properties validation failed for resource Get with message: #/Integration: required key [Type] not found',
  });
});

test('Method: updates patch the method and its responses, and put a changed integration anew', async () => {
  const { env, api, pets, get } = await setup();
  const base = { RestApiId: api.ref, ResourceId: pets.ref, HttpMethod: 'GET' };
  const m = await Deployed.create(method, env, 'Get', {
    ...base,
    ApiKeyRequired: true,
    RequestParameters: { 'method.request.header.A': true },
    MethodResponses: [{ StatusCode: '200' }, { StatusCode: '404' }],
    Integration: { ...MOCK, IntegrationResponses: [...MOCK.IntegrationResponses, { StatusCode: '404', SelectionPattern: '404' }] },
  });
  await m.update({
    ...base,
    OperationName: 'op',
    RequestParameters: { 'method.request.header.B': false },
    MethodResponses: [{ StatusCode: '200', ResponseModels: { 'application/json': 'Empty' } }, { StatusCode: '500' }],
    Integration: { ...MOCK, IntegrationResponses: [{ StatusCode: '500', SelectionPattern: 'boom' }] },
  });
  let got = await get();
  assert.equal(got.apiKeyRequired, false);
  assert.equal(got.operationName, 'op');
  assert.deepEqual(got.requestParameters, { 'method.request.header.B': false });
  assert.deepEqual(got.methodResponses, { '200': { statusCode: '200', responseModels: { 'application/json': 'Empty' } }, '500': { statusCode: '500' } });
  assert.deepEqual(got.methodIntegration?.integrationResponses, { '500': { statusCode: '500', selectionPattern: 'boom' } });

  await m.update({ ...base, Integration: { Type: 'HTTP_PROXY', IntegrationHttpMethod: 'GET', Uri: 'http://example.com/{x}' } });
  got = await get();
  assert.equal(got.methodResponses, undefined);
  assert.equal(got.methodIntegration?.type, 'HTTP_PROXY');
  assert.equal(got.methodIntegration?.uri, 'http://example.com/{x}');
  assert.equal(got.methodIntegration?.integrationResponses, undefined);

  await m.update(base);
  assert.equal((await get()).methodIntegration, undefined);
  await m.delete();
  await assert.rejects(Promise.resolve().then(get), { code: 'NotFoundException' });
});
