import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RequestContext } from '../../protocol/engine.ts';
import { effectiveGatewayResponse } from './gateway-responses.ts';
import { createApiGatewayProvider } from './provider.ts';
import { ApiGatewayV1Store } from './store.ts';

const ctx = { account: '123456789012', region: 'eu-central-1', requestId: 'r', baseUrl: 'http://localhost' } as RequestContext;

test('a deployment freezes a deep copy the data plane finds by REST API id alone', () => {
  const store = new ApiGatewayV1Store();
  const p = createApiGatewayProvider(store) as Record<string, (input: object, ctx: RequestContext) => any>;
  const api = p.createRestApi({ name: 'snap', binaryMediaTypes: ['image/png'] }, ctx);
  const base = { restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET' };
  p.putMethod({ ...base, authorizationType: 'NONE' }, ctx);
  p.putIntegration({ ...base, type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode":200}' } }, ctx);
  p.putGatewayResponse({ restApiId: api.id, responseType: 'DEFAULT_4XX', responseTemplates: { 'application/json': '{"oops":true}' } }, ctx);
  const deployment = p.createDeployment({ restApiId: api.id, stageName: 'prod' }, ctx);

  // Edit the draft after deploying.
  p.updateIntegration({ ...base, patchOperations: [{ op: 'replace', path: '/requestTemplates/application~1json', value: 'changed' }] }, ctx);
  p.updateRestApi({ restApiId: api.id, patchOperations: [{ op: 'add', path: '/binaryMediaTypes/image~1gif' }] }, ctx);
  p.createResource({ restApiId: api.id, parentId: api.rootResourceId, pathPart: 'later' }, ctx);

  const found = store.findRestApi(api.id)!;
  assert.equal(found.account, '123456789012');
  assert.equal(found.region, 'eu-central-1');
  const stage = found.record.stages.get('prod')!;
  const snapshot = found.record.deployments.get(stage.deploymentId)!.snapshot;
  assert.equal(stage.deploymentId, deployment.id);
  assert.deepEqual(snapshot.api.binaryMediaTypes, ['image/png']);
  assert.deepEqual(snapshot.resources.map((r) => r.path), ['/']);
  assert.equal(snapshot.resources[0].resourceMethods.GET.methodIntegration!.requestTemplates!['application/json'], '{"statusCode":200}');
  assert.deepEqual(Object.keys(snapshot.models), ['Empty', 'Error']);
  // Unknown ids are simply not found.
  assert.equal(store.findRestApi('nope000000'), undefined);

  // The DEFAULT_4XX customisation applies to 4xx types, keeping their own status.
  const missing = effectiveGatewayResponse(snapshot.gatewayResponses, 'MISSING_AUTHENTICATION_TOKEN');
  assert.deepEqual([missing.statusCode, missing.responseTemplates], ['403', { 'application/json': '{"oops":true}' }]);
  const integrationFailure = effectiveGatewayResponse(snapshot.gatewayResponses, 'INTEGRATION_FAILURE');
  assert.deepEqual([integrationFailure.statusCode, integrationFailure.defaultResponse], ['504', true]);
});
