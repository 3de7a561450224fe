// API Gateway v1 per-API configuration end to end: authorizers, models, request
// validators and gateway responses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAuthorizerCommand,
  CreateModelCommand,
  CreateRequestValidatorCommand,
  CreateRestApiCommand,
  DeleteAuthorizerCommand,
  DeleteGatewayResponseCommand,
  DeleteModelCommand,
  DeleteRequestValidatorCommand,
  GetAuthorizerCommand,
  GetAuthorizersCommand,
  GetGatewayResponseCommand,
  GetGatewayResponsesCommand,
  GetModelCommand,
  GetRequestValidatorCommand,
  GetRequestValidatorsCommand,
  PutGatewayResponseCommand,
  PutMethodCommand,
  UpdateAuthorizerCommand,
  UpdateGatewayResponseCommand,
  UpdateModelCommand,
  UpdateRequestValidatorCommand,
} from '@aws-sdk/client-api-gateway';
import { rejectsWithMessage, useApiGatewayV1 } from './apigateway-setup.ts';

const gw = useApiGatewayV1();

const rejects = rejectsWithMessage;

const newApi = () => gw.client.send(new CreateRestApiCommand({ name: 'cfg' }));
const LAMBDA_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations';

test('authorizers: create, get, list, update, delete, in-use refusal', async () => {
  const api = await newApi();
  const restApiId = api.id!;
  const auth = await gw.client.send(new CreateAuthorizerCommand({ restApiId, name: 'tok', type: 'TOKEN', authorizerUri: LAMBDA_URI, identitySource: 'method.request.header.Authorization' }));
  assert.match(auth.id!, /^[a-z0-9]{6}$/);
  // AWS leaves the TTL out when none was given, and reports authType "custom" (docs' create-authorizer example).
  assert.equal(auth.authorizerResultTtlInSeconds, undefined);
  assert.equal(auth.authType, 'custom');
  assert.equal(auth.identitySource, 'method.request.header.Authorization');
  const cognito = await gw.client.send(new CreateAuthorizerCommand({ restApiId, name: 'c', type: 'COGNITO_USER_POOLS', providerARNs: ['arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_x'], identitySource: 'method.request.header.Authorization' }));
  assert.equal(cognito.type, 'COGNITO_USER_POOLS');
  await rejects(gw.client.send(new CreateAuthorizerCommand({ restApiId, name: 'x', type: 'COGNITO_USER_POOLS' })), 'BadRequestException', /ProviderARNs/);
  await rejects(gw.client.send(new CreateAuthorizerCommand({ restApiId, name: 'x', type: 'REQUEST' })), 'BadRequestException', /Authorizer URI/);

  const list = await gw.client.send(new GetAuthorizersCommand({ restApiId }));
  assert.deepEqual(list.items!.map((a) => a.name), ['tok', 'c']);
  const updated = await gw.client.send(new UpdateAuthorizerCommand({ restApiId, authorizerId: auth.id, patchOperations: [{ op: 'replace', path: '/authorizerResultTtlInSeconds', value: '0' }, { op: 'replace', path: '/name', value: 'renamed' }] }));
  assert.equal(updated.authorizerResultTtlInSeconds, 0);
  assert.equal((await gw.client.send(new GetAuthorizerCommand({ restApiId, authorizerId: auth.id }))).name, 'renamed');

  // A method using the authorizer keeps it alive; the type must match.
  await rejects(gw.client.send(new PutMethodCommand({ restApiId, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'COGNITO_USER_POOLS', authorizerId: auth.id })), 'BadRequestException', /does not match/);
  await gw.client.send(new PutMethodCommand({ restApiId, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'CUSTOM', authorizerId: auth.id }));
  await rejects(gw.client.send(new DeleteAuthorizerCommand({ restApiId, authorizerId: auth.id })), 'ConflictException', "Cannot delete authorizer 'renamed', is referenced in method: 'GET:/'");
  await gw.client.send(new DeleteAuthorizerCommand({ restApiId, authorizerId: cognito.id }));
  await rejects(gw.client.send(new GetAuthorizerCommand({ restApiId, authorizerId: cognito.id })), 'NotFoundException', 'Invalid Authorizer identifier specified');
});

test('models: JSON schema, duplicates, patch, delete', async () => {
  const { id: restApiId } = await newApi();
  const schema = JSON.stringify({ type: 'object', required: ['name'], properties: { name: { type: 'string' } } });
  const model = await gw.client.send(new CreateModelCommand({ restApiId, name: 'Pet', contentType: 'application/json', schema, description: 'a pet' }));
  assert.match(model.id!, /^[a-z0-9]{6}$/);
  assert.equal(model.schema, schema);
  await rejects(gw.client.send(new CreateModelCommand({ restApiId, name: 'Pet', contentType: 'application/json', schema })), 'ConflictException', 'Model name already exists for this REST API');
  await rejects(gw.client.send(new CreateModelCommand({ restApiId, name: 'Bad', contentType: 'application/json', schema: '{nope' })), 'BadRequestException', 'Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]');
  await rejects(gw.client.send(new CreateModelCommand({ restApiId, name: 'bad-name', contentType: 'application/json' })), 'BadRequestException', 'Model name must be alphanumeric');
  const updated = await gw.client.send(new UpdateModelCommand({ restApiId, modelName: 'Pet', patchOperations: [{ op: 'replace', path: '/schema', value: '{"type":"string"}' }, { op: 'replace', path: '/description', value: 'new' }] }));
  assert.equal(updated.schema, '{"type":"string"}');
  assert.equal(updated.description, 'new');
  await rejects(gw.client.send(new UpdateModelCommand({ restApiId, modelName: 'Pet', patchOperations: [{ op: 'replace', path: '/name', value: 'x' }] })), 'BadRequestException', /^Invalid patch path {2}'\/name'/);
  await gw.client.send(new DeleteModelCommand({ restApiId, modelName: 'Pet' }));
  await rejects(gw.client.send(new GetModelCommand({ restApiId, modelName: 'Pet' })), 'NotFoundException', 'Invalid model name specified: Pet');
});

test('request validators', async () => {
  const api = await newApi();
  const restApiId = api.id!;
  const v = await gw.client.send(new CreateRequestValidatorCommand({ restApiId, name: 'body', validateRequestBody: true }));
  assert.match(v.id!, /^[a-z0-9]{6}$/);
  assert.equal(v.validateRequestBody, true);
  assert.equal(v.validateRequestParameters, false);
  const u = await gw.client.send(new UpdateRequestValidatorCommand({ restApiId, requestValidatorId: v.id, patchOperations: [{ op: 'replace', path: '/validateRequestParameters', value: 'true' }] }));
  assert.equal(u.validateRequestParameters, true);
  assert.equal((await gw.client.send(new GetRequestValidatorsCommand({ restApiId }))).items!.length, 1);
  await gw.client.send(new PutMethodCommand({ restApiId, resourceId: api.rootResourceId, httpMethod: 'POST', authorizationType: 'NONE', requestValidatorId: v.id }));
  // A method naming an unknown validator or authorizer is a bad request (test_apigateway_api.snapshot.json#test_put_method_validation).
  await rejects(gw.client.send(new PutMethodCommand({ restApiId, resourceId: api.rootResourceId, httpMethod: 'PUT', authorizationType: 'NONE', requestValidatorId: 'nope00' })), 'BadRequestException', 'Invalid Request Validator identifier specified');
  await rejects(gw.client.send(new DeleteRequestValidatorCommand({ restApiId, requestValidatorId: v.id })), 'ConflictException', /is referenced in method: 'POST:\/'/);
  const lone = await gw.client.send(new CreateRequestValidatorCommand({ restApiId, name: 'lone' }));
  await gw.client.send(new DeleteRequestValidatorCommand({ restApiId, requestValidatorId: lone.id }));
  await rejects(gw.client.send(new GetRequestValidatorCommand({ restApiId, requestValidatorId: lone.id })), 'NotFoundException', 'Invalid Request Validator identifier specified');
});

test('gateway responses: all defaults listed, customise, patch, reset', async () => {
  const { id: restApiId } = await newApi();
  const all = await gw.client.send(new GetGatewayResponsesCommand({ restApiId, limit: 500 }));
  assert.equal(all.items!.length, 21);
  assert.ok(all.items!.every((r) => r.defaultResponse === true));
  const missing = all.items!.find((r) => r.responseType === 'MISSING_AUTHENTICATION_TOKEN')!;
  assert.deepEqual(missing.responseTemplates, { 'application/json': '{"message":$context.error.messageString}' });
  assert.equal(missing.statusCode, '403');
  assert.equal(all.items!.find((r) => r.responseType === 'DEFAULT_4XX')!.statusCode, undefined);
  // AWS documents that limit and position do not apply to this collection.
  const unpaged = await gw.client.send(new GetGatewayResponsesCommand({ restApiId, limit: 20 }));
  assert.equal(unpaged.items!.length, 21);
  assert.equal(unpaged.position, undefined);

  const put = await gw.client.send(new PutGatewayResponseCommand({ restApiId, responseType: 'UNAUTHORIZED', statusCode: '401', responseParameters: { 'gatewayresponse.header.WWW-Authenticate': "'Bearer'" }, responseTemplates: { 'application/json': '{"error":"no"}' } }));
  assert.equal(put.defaultResponse, false);
  const patched = await gw.client.send(new UpdateGatewayResponseCommand({ restApiId, responseType: 'UNAUTHORIZED', patchOperations: [{ op: 'replace', path: '/statusCode', value: '403' }, { op: 'add', path: '/responseTemplates/text~1plain', value: 'no' }] }));
  assert.equal(patched.statusCode, '403');
  assert.deepEqual(patched.responseTemplates, { 'application/json': '{"error":"no"}', 'text/plain': 'no' });
  await rejects(gw.client.send(new PutGatewayResponseCommand({ restApiId, responseType: 'THROTTLED', statusCode: '99' })), 'ValidationException', /at 'putGatewayResponseInput.statusCode' failed to satisfy constraint/);
  await gw.client.send(new DeleteGatewayResponseCommand({ restApiId, responseType: 'UNAUTHORIZED' }));
  const reset = await gw.client.send(new GetGatewayResponseCommand({ restApiId, responseType: 'UNAUTHORIZED' }));
  assert.equal(reset.defaultResponse, true);
  assert.equal(reset.statusCode, '401');
});
