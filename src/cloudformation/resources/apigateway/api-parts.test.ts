// Authorizer, RequestValidator, Model and GatewayResponse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorizer } from './authorizer.ts';
import { gatewayResponse } from './gateway-response.ts';
import { model } from './model.ts';
import { requestValidator } from './request-validator.ts';
import { restApi } from './rest-api.ts';
import { contextFactory, Deployed } from './testing.ts';

const AUTH_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations';

async function setup() {
  const env = contextFactory();
  const api = await Deployed.create(restApi, env, 'Api', { Name: 'parts' });
  return { env, api, restApiId: api.ref };
}

test('Authorizer: created with a coerced TTL; updates patch it; Ref and AuthorizerId are its id', async () => {
  const { env, restApiId } = await setup();
  const a = await Deployed.create(authorizer, env, 'Auth', {
    RestApiId: restApiId,
    Name: 'tok',
    Type: 'TOKEN',
    AuthorizerUri: AUTH_URI,
    IdentitySource: 'method.request.header.Authorization',
    AuthorizerResultTtlInSeconds: '60',
  });
  assert.equal(a.attr('AuthorizerId'), a.ref);
  const get = () => env.gateway.getAuthorizer({ restApiId, authorizerId: a.ref }, env.request);
  assert.deepEqual(await get(), { id: a.ref, name: 'tok', type: 'TOKEN', authType: 'custom', authorizerUri: AUTH_URI, identitySource: 'method.request.header.Authorization', authorizerResultTtlInSeconds: 60 });
  await a.update({ RestApiId: restApiId, Name: 'req', Type: 'REQUEST', AuthorizerUri: AUTH_URI, IdentitySource: 'method.request.header.X-Token' });
  assert.deepEqual(await get(), { id: a.ref, name: 'req', type: 'REQUEST', authType: 'custom', authorizerUri: AUTH_URI, identitySource: 'method.request.header.X-Token', authorizerResultTtlInSeconds: 300 });
  await assert.rejects(Deployed.create(authorizer, env, 'Bad', { RestApiId: restApiId, Name: 'x', Type: 'NOPE' }), {
    message: "1 validation error detected: Value 'NOPE' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [TOKEN, REQUEST, COGNITO_USER_POOLS]",
  });
  await a.delete();
  assert.deepEqual((await env.gateway.getAuthorizers({ restApiId }, env.request)).items, []);
});

test('RequestValidator: created, flags patched, Name replaces it', async () => {
  const { env, restApiId } = await setup();
  const v = await Deployed.create(requestValidator, env, 'Validator', { RestApiId: restApiId, Name: 'body', ValidateRequestBody: 'true' });
  assert.equal(v.attr('RequestValidatorId'), v.ref);
  const get = () => env.gateway.getRequestValidator({ restApiId, requestValidatorId: v.ref }, env.request);
  assert.deepEqual(await get(), { id: v.ref, name: 'body', validateRequestBody: true, validateRequestParameters: false });
  await v.update({ RestApiId: restApiId, Name: 'body', ValidateRequestParameters: true });
  assert.deepEqual(await get(), { id: v.ref, name: 'body', validateRequestBody: false, validateRequestParameters: true });
  assert.equal(v.replacedBy({ RestApiId: restApiId, Name: 'other' }), true);
  await v.delete();
  await assert.rejects(Promise.resolve().then(get), { code: 'NotFoundException' });
});

test('Model: a Schema object is stored as JSON text; Ref is the name, generated (alphanumeric) when not given', async () => {
  const { env, restApiId } = await setup();
  const schema = { type: 'object', properties: { name: { type: 'string' } } };
  const m = await Deployed.create(model, env, 'PetModel', { RestApiId: restApiId, Name: 'Pet', ContentType: 'application/json', Schema: schema });
  assert.equal(m.ref, 'Pet');
  const get = () => env.gateway.getModel({ restApiId, modelName: 'Pet' }, env.request);
  assert.equal((await get()).schema, JSON.stringify(schema));
  await m.update({ RestApiId: restApiId, Name: 'Pet', ContentType: 'application/json', Schema: { type: 'array' }, Description: 'pets' });
  assert.equal((await get()).schema, '{"type":"array"}');
  assert.equal((await get()).description, 'pets');
  const unnamed = await Deployed.create(model, env, 'Other', { RestApiId: restApiId, Schema: '{"type":"object"}' });
  assert.match(unnamed.ref, /^teststackOtherTEST\d+$/);
  assert.equal((await env.gateway.getModel({ restApiId, modelName: unnamed.ref }, env.request)).contentType, 'application/json');
  await m.delete();
  await assert.rejects(Promise.resolve().then(get), { code: 'NotFoundException' });
});

test('GatewayResponse: customises a response type; updates patch it; delete restores the default', async () => {
  const { env, restApiId } = await setup();
  const g = await Deployed.create(gatewayResponse, env, 'Missing', {
    RestApiId: restApiId,
    ResponseType: 'RESOURCE_NOT_FOUND',
    StatusCode: '418',
    ResponseParameters: { 'gatewayresponse.header.X-Why': "'teapot'" },
    ResponseTemplates: { 'application/json': '{"m":"no"}' },
  });
  assert.equal(g.attr('Id'), g.ref);
  const get = () => env.gateway.getGatewayResponse({ restApiId, responseType: 'RESOURCE_NOT_FOUND' }, env.request);
  assert.deepEqual(await get(), {
    responseType: 'RESOURCE_NOT_FOUND',
    statusCode: '418',
    responseParameters: { 'gatewayresponse.header.X-Why': "'teapot'" },
    responseTemplates: { 'application/json': '{"m":"no"}' },
    defaultResponse: false,
  });
  await g.update({ RestApiId: restApiId, ResponseType: 'RESOURCE_NOT_FOUND', StatusCode: '404', ResponseTemplates: { 'application/json': '{"m":"gone"}' } });
  const updated = await get();
  assert.equal(updated.statusCode, '404');
  assert.deepEqual(updated.responseParameters, {});
  assert.deepEqual(updated.responseTemplates, { 'application/json': '{"m":"gone"}' });
  await g.delete();
  assert.equal((await get()).defaultResponse, true);
  await assert.rejects(Deployed.create(gatewayResponse, env, 'Bad', { RestApiId: restApiId, ResponseType: 'NOT_A_TYPE' }), /Member must satisfy enum value set/);
});
