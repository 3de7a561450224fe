// API Gateway v1 deployments and stages end to end: frozen snapshots, stage creation
// through CreateDeployment, stage patch operations (variables, method settings, canary).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteDeploymentCommand,
  DeleteStageCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetStageCommand,
  GetStagesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateDeploymentCommand,
  UpdateStageCommand,
  type PatchOperation,
} from '@aws-sdk/client-api-gateway';
import { rejectsWithMessage, useApiGatewayV1 } from './apigateway-setup.ts';

const gw = useApiGatewayV1();

const rejects = rejectsWithMessage;

/** A REST API with GET / on a MOCK integration. */
async function deployableApi() {
  const api = await gw.client.send(new CreateRestApiCommand({ name: 'd' }));
  const base = { restApiId: api.id!, resourceId: api.rootResourceId!, httpMethod: 'GET' };
  await gw.client.send(new PutMethodCommand({ ...base, authorizationType: 'NONE' }));
  await gw.client.send(new PutIntegrationCommand({ ...base, type: 'MOCK' }));
  return api.id!;
}

test('CreateDeployment refuses an API without methods or with a method lacking an integration', async () => {
  const api = await gw.client.send(new CreateRestApiCommand({ name: 'empty' }));
  await rejects(gw.client.send(new CreateDeploymentCommand({ restApiId: api.id })), 'BadRequestException', "The REST API doesn't contain any methods");
  await gw.client.send(new PutMethodCommand({ restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
  await rejects(gw.client.send(new CreateDeploymentCommand({ restApiId: api.id })), 'BadRequestException', 'No integration defined for method');
  await rejects(gw.client.send(new CreateDeploymentCommand({ restApiId: 'nope000000' })), 'NotFoundException', 'Invalid API identifier specified 000000000000:nope000000');
});

test('deployments: create with and without a stage, get with apisummary, update, delete rules', async () => {
  const restApiId = await deployableApi();
  const d1 = await gw.client.send(new CreateDeploymentCommand({ restApiId, description: 'first' }));
  assert.match(d1.id!, /^[a-z0-9]{6}$/);
  assert.equal(d1.description, 'first');
  assert.deepEqual((await gw.client.send(new GetStagesCommand({ restApiId }))).item, []);

  const d2 = await gw.client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod', stageDescription: 'p', variables: { a: '1' } }));
  const prod = await gw.client.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
  assert.equal(prod.deploymentId, d2.id);
  assert.equal(prod.description, 'p');
  assert.deepEqual(prod.variables, { a: '1' });
  assert.deepEqual(prod.methodSettings, {});
  assert.equal(prod.cacheClusterStatus, 'NOT_AVAILABLE');

  // A second deployment to the same stage moves it.
  const d3 = await gw.client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
  assert.equal((await gw.client.send(new GetStageCommand({ restApiId, stageName: 'prod' }))).deploymentId, d3.id);

  const summary = await gw.client.send(new GetDeploymentCommand({ restApiId, deploymentId: d1.id, embed: ['apisummary'] }));
  assert.deepEqual(summary.apiSummary, { '/': { GET: { authorizationType: 'NONE', apiKeyRequired: false } } });
  const list = await gw.client.send(new GetDeploymentsCommand({ restApiId }));
  assert.deepEqual(list.items!.map((d) => d.id), [d1.id, d2.id, d3.id]);

  const updated = await gw.client.send(new UpdateDeploymentCommand({ restApiId, deploymentId: d1.id, patchOperations: [{ op: 'replace', path: '/description', value: 'renamed' }] }));
  assert.equal(updated.description, 'renamed');

  await rejects(gw.client.send(new DeleteDeploymentCommand({ restApiId, deploymentId: d3.id })), 'BadRequestException', 'Active stages pointing to this deployment must be moved or deleted');
  await gw.client.send(new DeleteDeploymentCommand({ restApiId, deploymentId: d1.id }));
  await rejects(gw.client.send(new GetDeploymentCommand({ restApiId, deploymentId: d1.id })), 'NotFoundException', 'Invalid Deployment identifier specified');
});

test('CreateStage, conflicts, GetStages filter, DeleteStage', async () => {
  const restApiId = await deployableApi();
  const d = await gw.client.send(new CreateDeploymentCommand({ restApiId }));
  const stage = await gw.client.send(new CreateStageCommand({ restApiId, stageName: 'dev', deploymentId: d.id, variables: { v: 'x' }, tags: { t: '1' } }));
  assert.equal(stage.stageName, 'dev');
  assert.equal(stage.deploymentId, d.id);
  assert.equal(stage.tracingEnabled, false);
  assert.equal(stage.cacheClusterEnabled, false);
  assert.deepEqual(stage.tags, { t: '1' });
  assert.ok(stage.createdDate instanceof Date);
  await rejects(gw.client.send(new CreateStageCommand({ restApiId, stageName: 'dev', deploymentId: d.id })), 'ConflictException', 'Stage already exists');
  await rejects(gw.client.send(new CreateStageCommand({ restApiId, stageName: 'x', deploymentId: 'nope00' })), 'NotFoundException', 'Invalid Deployment identifier specified');
  await rejects(gw.client.send(new CreateStageCommand({ restApiId, stageName: 'bad-name', deploymentId: d.id })), 'BadRequestException', 'Stage name only allows a-zA-Z0-9_');
  const other = await gw.client.send(new CreateDeploymentCommand({ restApiId, stageName: 'qa' }));
  const filtered = await gw.client.send(new GetStagesCommand({ restApiId, deploymentId: other.id }));
  assert.deepEqual(filtered.item!.map((s) => s.stageName), ['qa']);
  await gw.client.send(new DeleteStageCommand({ restApiId, stageName: 'dev' }));
  await rejects(gw.client.send(new GetStageCommand({ restApiId, stageName: 'dev' })), 'NotFoundException', 'Invalid stage identifier specified');
});

test('UpdateStage: variables, method settings, access logs, canary and its promotion', async () => {
  const restApiId = await deployableApi();
  const d1 = await gw.client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod', variables: { keep: 'k', drop: 'd' } }));
  const update = (patchOperations: PatchOperation[]) => gw.client.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations }));

  let stage = await update([
    { op: 'replace', path: '/variables/lambdaAlias', value: 'live' },
    { op: 'remove', path: '/variables/drop' },
    { op: 'replace', path: '/description', value: 'production' },
    { op: 'replace', path: '/tracingEnabled', value: 'true' },
    { op: 'replace', path: '/*/*/throttling/rateLimit', value: '100' },
    { op: 'replace', path: '/*/*/throttling/burstLimit', value: '50' },
    { op: 'replace', path: '/~1pets/GET/logging/loglevel', value: 'INFO' },
    { op: 'replace', path: '/~1pets/GET/metrics/enabled', value: 'true' },
    { op: 'replace', path: '/accessLogSettings/destinationArn', value: 'arn:aws:logs:us-east-1:000000000000:log-group:g' },
    { op: 'replace', path: '/accessLogSettings/format', value: '$context.requestId' },
  ]);
  assert.deepEqual(stage.variables, { keep: 'k', lambdaAlias: 'live' });
  assert.equal(stage.description, 'production');
  assert.equal(stage.tracingEnabled, true);
  assert.equal(stage.methodSettings!['*/*'].throttlingRateLimit, 100);
  assert.equal(stage.methodSettings!['*/*'].throttlingBurstLimit, 50);
  // No log level until one is set (test_apigateway_common.snapshot.json#TestStages::test_create_update_stages).
  assert.equal(stage.methodSettings!['*/*'].loggingLevel, undefined);
  assert.equal(stage.methodSettings!['~1pets/GET'].loggingLevel, 'INFO');
  assert.equal(stage.methodSettings!['~1pets/GET'].metricsEnabled, true);
  // A method's first override starts from the stage-wide */* settings.
  assert.equal(stage.methodSettings!['~1pets/GET'].throttlingRateLimit, 100);
  assert.deepEqual(stage.accessLogSettings, { destinationArn: 'arn:aws:logs:us-east-1:000000000000:log-group:g', format: '$context.requestId' });

  stage = await update([{ op: 'remove', path: '/~1pets/GET' }, { op: 'remove', path: '/accessLogSettings' }]);
  assert.deepEqual(Object.keys(stage.methodSettings!), ['*/*']);
  assert.equal(stage.accessLogSettings, undefined);

  // A canary deployment: the stage keeps d1, the canary points at d2.
  const d2 = await gw.client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod', canarySettings: { percentTraffic: 10, stageVariableOverrides: { lambdaAlias: 'next' } } }));
  stage = await gw.client.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
  assert.equal(stage.deploymentId, d1.id);
  assert.deepEqual(stage.canarySettings, { deploymentId: d2.id, percentTraffic: 10, stageVariableOverrides: { lambdaAlias: 'next' }, useStageCache: false });
  await rejects(gw.client.send(new DeleteDeploymentCommand({ restApiId, deploymentId: d2.id })), 'BadRequestException', 'Active stages pointing to this deployment must be moved or deleted');
  stage = await update([{ op: 'replace', path: '/canarySettings/percentTraffic', value: '25.5' }]);
  assert.equal(stage.canarySettings!.percentTraffic, 25.5);

  // Promotion as the AWS docs describe it: copy the canary's deployment and overrides.
  stage = await update([
    { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
    { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
    { op: 'remove', path: '/canarySettings' },
  ]);
  assert.equal(stage.deploymentId, d2.id);
  assert.deepEqual(stage.variables, { keep: 'k', lambdaAlias: 'next' });
  assert.equal(stage.canarySettings, undefined);
});

const STAGE_PATCH_ERRORS: Array<[string, PatchOperation, string, string | RegExp]> = [
  ['unknown path', { op: 'replace', path: '/foo', value: 'x' }, 'BadRequestException', /^Invalid method setting path: \/foo\. Must be one of: \[\/deploymentId, /],
  ['unknown method setting', { op: 'replace', path: '/*/*/logging/colour', value: 'x' }, 'BadRequestException', /^Invalid method setting path: \/\*\/\*\/logging\/colour/],
  ['bad log level', { op: 'replace', path: '/*/*/logging/loglevel', value: 'LOUD' }, 'BadRequestException', /Must be one of: \[OFF, ERROR, INFO\]/],
  ['non-numeric rate limit', { op: 'replace', path: '/*/*/throttling/rateLimit', value: 'fast' }, 'BadRequestException', /number/],
  ['unknown deployment', { op: 'replace', path: '/deploymentId', value: 'nope00' }, 'NotFoundException', 'Invalid Deployment identifier specified'],
  ['removing an absent method setting', { op: 'remove', path: '/~1none/GET' }, 'BadRequestException', /no method setting for this method/],
  // UpdateStage's wording for an add on a replace-only path, as recorded for /canarySettings/deploymentId
  // (test_apigateway_canary.snapshot.json#TestStageCrudCanary::test_update_stage_canary_deployment_validation).
  ['add on a replace-only path', { op: 'add', path: '/deploymentId', value: 'x' }, 'BadRequestException', 'Invalid add operation with path: /deploymentId'],
  ['canary traffic out of range', { op: 'replace', path: '/canarySettings/percentTraffic', value: '150' }, 'BadRequestException', /between 0\.0 and 100\.0/],
];

test('UpdateStage rejects invalid patch operations and leaves the stage unchanged', async () => {
  const restApiId = await deployableApi();
  await gw.client.send(new CreateDeploymentCommand({ restApiId, stageName: 's' }));
  const before = await gw.client.send(new GetStageCommand({ restApiId, stageName: 's' }));
  for (const [, op, name, message] of STAGE_PATCH_ERRORS) {
    await rejects(gw.client.send(new UpdateStageCommand({ restApiId, stageName: 's', patchOperations: [op] })), name, message);
  }
  const afterAll = await gw.client.send(new GetStageCommand({ restApiId, stageName: 's' }));
  assert.deepEqual({ ...afterAll, $metadata: undefined }, { ...before, $metadata: undefined });
});
