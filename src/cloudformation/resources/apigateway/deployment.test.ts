import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deployment } from './deployment.ts';
import { method } from './method.ts';
import { restApi } from './rest-api.ts';
import { stage } from './stage.ts';
import { methodSettingPrefix } from './stage-settings.ts';
import { contextFactory, Deployed } from './testing.ts';

async function setup() {
  const env = contextFactory();
  const api = await Deployed.create(restApi, env, 'Api', { Name: 'd' });
  await Deployed.create(method, env, 'Root', { RestApiId: api.ref, ResourceId: api.attr('RootResourceId'), HttpMethod: 'GET', Integration: { Type: 'MOCK' } });
  const getStage = (stageName: string) => env.gateway.getStage({ restApiId: api.ref, stageName }, env.request);
  return { env, api, getStage };
}

test('methodSettingPrefix: CloudFormation resource paths to UpdateStage patch prefixes', () => {
  assert.equal(methodSettingPrefix('/*', '*'), '/*/*');
  assert.equal(methodSettingPrefix('/~1pets~1{id}', 'GET'), '/~1pets~1{id}/GET');
  assert.equal(methodSettingPrefix('/pets/{id}', 'GET'), '/~1pets~1{id}/GET');
  assert.equal(methodSettingPrefix('/', 'GET'), '/~1/GET');
});

test('Deployment: StageName and StageDescription create and configure the stage; delete removes both', async () => {
  const { env, api, getStage } = await setup();
  const d = await Deployed.create(deployment, env, 'Deploy', {
    RestApiId: api.ref,
    Description: 'first',
    StageName: 'prod',
    StageDescription: {
      Description: 'production',
      Variables: { color: 'blue' },
      TracingEnabled: 'true',
      LoggingLevel: 'INFO',
      MetricsEnabled: 'true',
      ThrottlingRateLimit: '50',
      MethodSettings: [{ ResourcePath: '/~1', HttpMethod: 'GET', CachingEnabled: true, CacheTtlInSeconds: '60' }],
      AccessLogSetting: { DestinationArn: 'arn:aws:logs:us-east-1:000000000000:log-group:access', Format: '$context.requestId' },
      Tags: [{ Key: 'env', Value: 'prod' }],
    },
  });
  assert.equal(d.attr('DeploymentId'), d.ref);
  assert.equal((await env.gateway.getDeployment({ restApiId: api.ref, deploymentId: d.ref }, env.request)).description, 'first');
  const s = await getStage('prod');
  assert.equal(s.deploymentId, d.ref);
  assert.equal(s.description, 'production');
  assert.deepEqual(s.variables, { color: 'blue' });
  assert.equal(s.tracingEnabled, true);
  assert.deepEqual(s.accessLogSettings, { destinationArn: 'arn:aws:logs:us-east-1:000000000000:log-group:access', format: '$context.requestId' });
  assert.deepEqual(s.tags, { env: 'prod' });
  assert.equal(s.methodSettings?.['*/*']?.loggingLevel, 'INFO');
  assert.equal(s.methodSettings?.['*/*']?.metricsEnabled, true);
  assert.equal(s.methodSettings?.['*/*']?.throttlingRateLimit, 50);
  assert.equal(s.methodSettings?.['~1/GET']?.cachingEnabled, true);
  assert.equal(s.methodSettings?.['~1/GET']?.cacheTtlInSeconds, 60);

  await d.delete();
  await assert.rejects(Promise.resolve().then(() => getStage('prod')), { code: 'NotFoundException' });
  await assert.rejects(Promise.resolve().then(() => env.gateway.getDeployment({ restApiId: api.ref, deploymentId: d.ref }, env.request)), { code: 'NotFoundException' });
});

test('Deployment: a replacement takes the stage over; deleting the old one leaves the stage', async () => {
  const { env, api, getStage } = await setup();
  const first = await Deployed.create(deployment, env, 'DeployA', { RestApiId: api.ref, StageName: 'dev' });
  const second = await Deployed.create(deployment, env, 'DeployB', { RestApiId: api.ref, StageName: 'dev' });
  assert.equal((await getStage('dev')).deploymentId, second.ref);
  await first.delete();
  assert.equal((await getStage('dev')).deploymentId, second.ref);
});

test('Deployment: updates patch the description, the stage description, and move to a new StageName', async () => {
  const { env, api, getStage } = await setup();
  const d = await Deployed.create(deployment, env, 'Deploy', { RestApiId: api.ref, StageName: 'a', StageDescription: { Variables: { x: '1' }, MetricsEnabled: true } });
  await d.update({ RestApiId: api.ref, Description: 'now', StageName: 'a', StageDescription: { Variables: { y: '2' } } });
  assert.equal((await env.gateway.getDeployment({ restApiId: api.ref, deploymentId: d.ref }, env.request)).description, 'now');
  const a = await getStage('a');
  assert.deepEqual(a.variables, { y: '2' });
  assert.equal(a.methodSettings?.['*/*'], undefined);
  await d.update({ RestApiId: api.ref, StageName: 'b' });
  assert.equal((await getStage('b')).deploymentId, d.ref);
  await assert.rejects(Promise.resolve().then(() => getStage('a')), { code: 'NotFoundException' });
});

test('Deployment: an API without methods cannot be deployed; the error propagates', async () => {
  const env = contextFactory();
  const api = await Deployed.create(restApi, env, 'Api', { Name: 'empty' });
  await assert.rejects(Deployed.create(deployment, env, 'Deploy', { RestApiId: api.ref, StageName: 'x' }), { message: "The REST API doesn't contain any methods" });
});

test('Stage: created on a deployment with settings and tags; updates patch it; Ref is the name', async () => {
  const { env, api, getStage } = await setup();
  const d = await Deployed.create(deployment, env, 'Deploy', { RestApiId: api.ref });
  const d2 = await Deployed.create(deployment, env, 'Deploy2', { RestApiId: api.ref });
  const s = await Deployed.create(stage, env, 'Stage', {
    RestApiId: api.ref,
    StageName: 'live',
    DeploymentId: d.ref,
    Description: 'v1',
    Variables: { a: '1' },
    CacheClusterEnabled: 'false',
    MethodSettings: [{ ResourcePath: '/*', HttpMethod: '*', LoggingLevel: 'ERROR', DataTraceEnabled: 'true' }],
    Tags: [{ Key: 't', Value: '1' }],
  });
  assert.equal(s.ref, 'live');
  let got = await getStage('live');
  assert.equal(got.deploymentId, d.ref);
  assert.equal(got.description, 'v1');
  assert.deepEqual(got.variables, { a: '1' });
  assert.equal(got.methodSettings?.['*/*']?.loggingLevel, 'ERROR');
  assert.equal(got.methodSettings?.['*/*']?.dataTraceEnabled, true);
  assert.equal(got.tags?.t, '1');
  assert.equal(got.tags?.['aws:cloudformation:logical-id'], 'Stage');

  await s.update({ RestApiId: api.ref, StageName: 'live', DeploymentId: d2.ref, TracingEnabled: true, Variables: { b: '2' } });
  got = await getStage('live');
  assert.equal(got.deploymentId, d2.ref);
  assert.equal(got.description, undefined);
  assert.equal(got.tracingEnabled, true);
  assert.deepEqual(got.variables, { b: '2' });
  assert.deepEqual(got.methodSettings, {});
  assert.equal(got.tags?.t, undefined);
  assert.equal(s.replacedBy({ RestApiId: api.ref, StageName: 'other', DeploymentId: d2.ref }), true);

  await assert.rejects(Deployed.create(stage, env, 'Dup', { RestApiId: api.ref, StageName: 'live', DeploymentId: d.ref }), { message: 'Stage already exists' });
  await s.delete();
  await assert.rejects(Promise.resolve().then(() => getStage('live')), { code: 'NotFoundException' });
});
