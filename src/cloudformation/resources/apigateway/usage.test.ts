// ApiKey, UsagePlan, UsagePlanKey and Account.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { account } from './account.ts';
import { apiKey } from './api-key.ts';
import { deployment } from './deployment.ts';
import { method } from './method.ts';
import { restApi } from './rest-api.ts';
import { contextFactory, Deployed } from './testing.ts';
import { usagePlan, usagePlanKey } from './usage-plan.ts';

/** An API with a GET / method deployed to stages "a" and "b". */
async function setup() {
  const env = contextFactory();
  const api = await Deployed.create(restApi, env, 'Api', { Name: 'keys' });
  await Deployed.create(method, env, 'Root', { RestApiId: api.ref, ResourceId: api.attr('RootResourceId'), HttpMethod: 'GET', Integration: { Type: 'MOCK' } });
  await Deployed.create(deployment, env, 'DeployA', { RestApiId: api.ref, StageName: 'a' });
  await Deployed.create(deployment, env, 'DeployB', { RestApiId: api.ref, StageName: 'b' });
  return { env, restApiId: api.ref };
}

test('ApiKey: named after the stack when not named; stage keys and tags; updates patch it', async () => {
  const { env, restApiId } = await setup();
  const key = await Deployed.create(apiKey, env, 'Key', { Enabled: 'true', StageKeys: [{ RestApiId: restApiId, StageName: 'a' }], Tags: [{ Key: 'k', Value: 'v' }] });
  assert.equal(key.attr('APIKeyId'), key.ref);
  const get = () => env.gateway.getApiKey({ apiKey: key.ref, includeValue: true }, env.request);
  let got = await get();
  assert.match(got.name!, /^teststack-Key-TEST\d+$/);
  assert.equal(got.enabled, true);
  assert.equal(got.value!.length, 40);
  assert.deepEqual(got.stageKeys, [`${restApiId}/a`]);
  assert.equal(got.tags?.k, 'v');
  assert.equal(got.tags?.['aws:cloudformation:stack-name'], 'teststack');

  await key.update({ Description: 'd', StageKeys: [{ RestApiId: restApiId, StageName: 'b' }] });
  got = await get();
  assert.equal(got.enabled, false);
  assert.equal(got.description, 'd');
  assert.deepEqual(got.stageKeys, [`${restApiId}/b`]);
  assert.equal(got.tags?.k, undefined);
  assert.equal(key.replacedBy({ Value: 'x'.repeat(20), Description: 'd', StageKeys: [{ RestApiId: restApiId, StageName: 'b' }] }), true);

  const given = await Deployed.create(apiKey, env, 'Given', { Name: 'mine', Value: 'abcdefghijklmnopqrstuvwxyz' });
  assert.equal((await env.gateway.getApiKey({ apiKey: given.ref, includeValue: true }, env.request)).value, 'abcdefghijklmnopqrstuvwxyz');
  await key.delete();
  await assert.rejects(Promise.resolve().then(get), { code: 'NotFoundException' });
});

test('UsagePlan: stages, throttle and quota (coerced); updates patch them; delete detaches the stages first', async () => {
  const { env, restApiId } = await setup();
  const plan = await Deployed.create(usagePlan, env, 'Plan', {
    UsagePlanName: 'gold',
    ApiStages: [{ ApiId: restApiId, Stage: 'a', Throttle: { '/GET': { RateLimit: '5', BurstLimit: '2' } } }],
    Throttle: { RateLimit: '10', BurstLimit: '20' },
    Quota: { Limit: '5000', Period: 'MONTH' },
    Tags: [{ Key: 'test', Value: 'value1' }],
  });
  assert.equal(plan.attr('Id'), plan.ref);
  const get = () => env.gateway.getUsagePlan({ usagePlanId: plan.ref }, env.request);
  let got = await get();
  assert.equal(got.name, 'gold');
  assert.deepEqual(got.apiStages, [{ apiId: restApiId, stage: 'a', throttle: { '/GET': { rateLimit: 5, burstLimit: 2 } } }]);
  assert.deepEqual(got.throttle, { rateLimit: 10, burstLimit: 20 });
  assert.deepEqual(got.quota, { offset: 0, limit: 5000, period: 'MONTH' });
  assert.equal(got.tags?.test, 'value1');

  await plan.update({
    UsagePlanName: 'gold',
    ApiStages: [{ ApiId: restApiId, Stage: 'b' }],
    Throttle: { RateLimit: 11 },
    Quota: { Limit: 7000, Period: 'MONTH' },
    Tags: [{ Key: 'test', Value: 'value-updated' }],
  });
  got = await get();
  assert.deepEqual(got.apiStages, [{ apiId: restApiId, stage: 'b' }]);
  assert.deepEqual(got.throttle, { rateLimit: 11 });
  assert.equal(got.quota?.limit, 7000);
  assert.equal(got.tags?.test, 'value-updated');

  const key = await Deployed.create(apiKey, env, 'Key', {});
  const link = await Deployed.create(usagePlanKey, env, 'Link', { KeyId: key.ref, KeyType: 'API_KEY', UsagePlanId: plan.ref });
  assert.equal(link.ref, key.ref);
  assert.deepEqual((await env.gateway.getUsagePlanKeys({ usagePlanId: plan.ref }, env.request)).items!.map((k) => k.id), [key.ref]);
  assert.deepEqual(usagePlanKey.replaceOn, ['KeyId', 'UsagePlanId', 'KeyType']);
  await link.delete();
  assert.deepEqual((await env.gateway.getUsagePlanKeys({ usagePlanId: plan.ref }, env.request)).items, []);

  await plan.delete();
  await assert.rejects(Promise.resolve().then(get), { code: 'NotFoundException' });
});

test('Account: sets the CloudWatch role; delete leaves it', async () => {
  const env = contextFactory();
  const role = 'arn:aws:iam::000000000000:role/apigw-logs';
  const a = await Deployed.create(account, env, 'Account', { CloudWatchRoleArn: role });
  assert.equal(a.attr('Id'), a.ref);
  assert.equal((await env.gateway.getAccount({}, env.request)).cloudwatchRoleArn, role);
  await a.update({ CloudWatchRoleArn: `${role}2` });
  assert.equal((await env.gateway.getAccount({}, env.request)).cloudwatchRoleArn, `${role}2`);
  await a.delete();
  assert.equal((await env.gateway.getAccount({}, env.request)).cloudwatchRoleArn, `${role}2`);
  await assert.rejects(Deployed.create(account, env, 'Bad', { CloudWatchRoleArn: 'nope' }), { message: 'The role ARN is not well formed' });
});
