// TestInvokeMethod on the undeployed configuration, GetUsage/UpdateUsage from the data
// plane's quota counts, and canary routing at 100% and 0%.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  GetResourcesCommand,
  GetUsageCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  TestInvokeMethodCommand,
  UpdateStageCommand,
  UpdateUsageCommand,
} from '@aws-sdk/client-api-gateway';
import { clientConfig, startTestServer } from './helpers.ts';
import type { Localgate } from '../src/app.ts';

let app: Localgate;
let gw: APIGatewayClient;
let restApiId: string;
let itemId: string;

async function mockMethod(resourceId: string, template: string, apiKeyRequired = false) {
  await gw.send(new PutMethodCommand({ restApiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired }));
  await gw.send(new PutIntegrationCommand({ restApiId, resourceId, httpMethod: 'GET', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }));
  await gw.send(new PutMethodResponseCommand({ restApiId, resourceId, httpMethod: 'GET', statusCode: '200' }));
  await gw.send(new PutIntegrationResponseCommand({ restApiId, resourceId, httpMethod: 'GET', statusCode: '200', responseTemplates: { 'application/json': template } }));
}

before(async () => {
  app = await startTestServer();
  gw = new APIGatewayClient(clientConfig(app));
  restApiId = (await gw.send(new CreateRestApiCommand({ name: 'test-invoke' }))).id!;
  const rootId = (await gw.send(new GetResourcesCommand({ restApiId }))).items![0].id!;
  itemId = (await gw.send(new CreateResourceCommand({ restApiId, parentId: rootId, pathPart: '{id}' }))).id!;
  await mockMethod(itemId, '{"id":"$input.params(\'id\')","q":"$input.params(\'q\')","v":"$stageVariables.color","stage":"$context.stage"}', true);
});

after(async () => {
  gw.destroy();
  await app.close();
});

test('TestInvokeMethod runs the undeployed method with path, query and stage variables, and logs it', async () => {
  const out = await gw.send(new TestInvokeMethodCommand({ restApiId, resourceId: itemId, httpMethod: 'GET', pathWithQueryString: '/42?q=x', stageVariables: { color: 'blue' } }));
  assert.equal(out.status, 200);
  assert.equal(out.body, '{"id":"42","q":"x","v":"blue","stage":"test-invoke-stage"}');
  assert.deepEqual(out.headers, { 'Content-Type': 'application/json' });
  assert.deepEqual(out.multiValueHeaders, { 'Content-Type': ['application/json'] });
  assert.match(out.log!, /^Execution log for request [0-9a-f-]{36}\n/);
  assert.match(out.log!, /: Method request path: \{id=42\}\n/);
  assert.match(out.log!, /: Method request query string: \{q=x\}\n/);
  assert.match(out.log!, /: Method completed with status: 200\n$/);
  assert.equal(typeof out.latency, 'number');
});

test('TestInvokeMethod of an unknown method is NotFoundException', async () => {
  await assert.rejects(gw.send(new TestInvokeMethodCommand({ restApiId, resourceId: itemId, httpMethod: 'POST' })), { name: 'NotFoundException', message: 'Invalid Method identifier specified' });
});

test('GetUsage reports quota use per key and day; UpdateUsage sets what remains', async () => {
  await gw.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
  const key = await gw.send(new CreateApiKeyCommand({ name: 'k', enabled: true }));
  const plan = await gw.send(new CreateUsagePlanCommand({ name: 'p', apiStages: [{ apiId: restApiId, stage: 'prod' }], quota: { limit: 10, period: 'DAY' } }));
  await gw.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id!, keyId: key.id!, keyType: 'API_KEY' }));
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`${app.url}/restapis/${restApiId}/prod/_user_request_/7`, { headers: { 'x-api-key': key.value! } });
    assert.equal(res.status, 200);
    await res.text();
  }
  const today = new Date().toISOString().slice(0, 10);
  const usage = await gw.send(new GetUsageCommand({ usagePlanId: plan.id!, startDate: today, endDate: today }));
  assert.equal(usage.usagePlanId, plan.id);
  assert.deepEqual(usage.items, { [key.id!]: [[3, 7]] });
  const updated = await gw.send(new UpdateUsageCommand({ usagePlanId: plan.id!, keyId: key.id!, patchOperations: [{ op: 'replace', path: '/remaining', value: '1' }] }));
  assert.deepEqual(updated.items, { [key.id!]: [[3, 1]] });
  const ok = await fetch(`${app.url}/restapis/${restApiId}/prod/_user_request_/7`, { headers: { 'x-api-key': key.value! } });
  assert.equal(ok.status, 200);
  const over = await fetch(`${app.url}/restapis/${restApiId}/prod/_user_request_/7`, { headers: { 'x-api-key': key.value! } });
  assert.equal(over.status, 429);
  assert.deepEqual(await over.json(), { message: 'Limit Exceeded' });
});

test('a canary at 100% serves its deployment with its variable overrides; at 0% the stage deployment', async () => {
  const rootId = (await gw.send(new GetResourcesCommand({ restApiId }))).items!.find((r) => r.path === '/')!.id!;
  const open = (await gw.send(new CreateResourceCommand({ restApiId, parentId: rootId, pathPart: 'open' }))).id!;
  await mockMethod(open, '{"color":"$stageVariables.color","stage":"$context.stage"}');
  await gw.send(new CreateDeploymentCommand({ restApiId, stageName: 'canary', variables: { color: 'red' } }));
  await gw.send(new PutIntegrationResponseCommand({ restApiId, resourceId: open, httpMethod: 'GET', statusCode: '200', responseTemplates: { 'application/json': '{"canary":"$stageVariables.color"}' } }));
  const canary = await gw.send(new CreateDeploymentCommand({ restApiId, stageName: 'canary', canarySettings: { percentTraffic: 100, stageVariableOverrides: { color: 'green' } } }));
  assert.ok(canary.id);
  const get = async () => (await fetch(`${app.url}/restapis/${restApiId}/canary/_user_request_/open`)).text();
  assert.equal(await get(), '{"canary":"green"}');
  await gw.send(new UpdateStageCommand({ restApiId, stageName: 'canary', patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '0' }] }));
  assert.equal(await get(), '{"color":"red","stage":"canary"}');
});
