// End-to-end: API Gateway v2 stages and deployments through the real SDK, and the
// snapshots deployments freeze for the data plane.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteAccessLogSettingsCommand,
  DeleteDeploymentCommand,
  DeleteRouteSettingsCommand,
  DeleteStageCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetStageCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { rejectsWithStatus, useApiGatewayV2 } from './apigateway-setup.ts';

const gw = useApiGatewayV2();

const rejects = rejectsWithStatus;

const httpApi = async () => (await gw.client.send(new CreateApiCommand({ Name: 'h', ProtocolType: 'HTTP' }))).ApiId!;

test('stages: create with defaults, partial update, settings removal, delete', async () => {
  const ApiId = await httpApi();
  await gw.client.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /a' }));
  const stage = await gw.client.send(
    new CreateStageCommand({
      ApiId,
      StageName: 'prod',
      StageVariables: { env: 'prod' },
      RouteSettings: { 'GET /a': { ThrottlingBurstLimit: 5 } },
      AccessLogSettings: { DestinationArn: 'arn:aws:logs:us-east-1:000000000000:log-group:g', Format: '$context.requestId' },
    }),
  );
  assert.equal(stage.StageName, 'prod');
  assert.deepEqual(stage.DefaultRouteSettings, { DetailedMetricsEnabled: false });
  assert.deepEqual(stage.StageVariables, { env: 'prod' });
  assert.deepEqual(stage.RouteSettings, { 'GET /a': { ThrottlingBurstLimit: 5 } });
  assert.equal(stage.DeploymentId, undefined);
  await rejects(gw.client.send(new CreateStageCommand({ ApiId, StageName: 'prod' })), 'ConflictException', 409);
  await rejects(gw.client.send(new CreateStageCommand({ ApiId, StageName: 'bad name' })), 'BadRequestException', 400);
  await rejects(gw.client.send(new CreateStageCommand({ ApiId, StageName: 's2', RouteSettings: { 'GET /zzz': {} } })), 'NotFoundException', 404);

  const updated = await gw.client.send(new UpdateStageCommand({ ApiId, StageName: 'prod', Description: 'live', DefaultRouteSettings: { ThrottlingRateLimit: 10 } }));
  assert.equal(updated.Description, 'live');
  assert.deepEqual(updated.StageVariables, { env: 'prod' });
  assert.deepEqual(updated.DefaultRouteSettings, { DetailedMetricsEnabled: false, ThrottlingRateLimit: 10 });
  assert.equal(updated.AccessLogSettings!.Format, '$context.requestId');

  await gw.client.send(new DeleteRouteSettingsCommand({ ApiId, StageName: 'prod', RouteKey: 'GET /a' }));
  await gw.client.send(new DeleteAccessLogSettingsCommand({ ApiId, StageName: 'prod' }));
  const got = await gw.client.send(new GetStageCommand({ ApiId, StageName: 'prod' }));
  assert.deepEqual(got.RouteSettings, {});
  assert.equal(got.AccessLogSettings, undefined);
  await rejects(gw.client.send(new DeleteRouteSettingsCommand({ ApiId, StageName: 'prod', RouteKey: 'GET /a' })), 'NotFoundException', 404);

  await gw.client.send(new DeleteStageCommand({ ApiId, StageName: 'prod' }));
  await rejects(gw.client.send(new GetStageCommand({ ApiId, StageName: 'prod' })), 'NotFoundException', 404);
});

test('manual deployments point a stage at a frozen snapshot', async () => {
  const ApiId = await httpApi();
  await rejects(gw.client.send(new CreateDeploymentCommand({ ApiId })), 'BadRequestException', 400);
  await gw.client.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /one' }));
  await gw.client.send(new CreateStageCommand({ ApiId, StageName: 'dev' }));
  const deployment = await gw.client.send(new CreateDeploymentCommand({ ApiId, StageName: 'dev', Description: 'first' }));
  assert.match(deployment.DeploymentId!, /^[a-z0-9]{6}$/);
  assert.equal(deployment.AutoDeployed, false);
  assert.equal(deployment.DeploymentStatus, 'DEPLOYED');
  assert.equal(deployment.Description, 'first');
  assert.equal((await gw.client.send(new GetStageCommand({ ApiId, StageName: 'dev' }))).DeploymentId, deployment.DeploymentId);

  await gw.client.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /two' }));
  const got = await gw.client.send(new GetDeploymentCommand({ ApiId, DeploymentId: deployment.DeploymentId }));
  assert.equal(got.Description, 'first');
  await rejects(gw.client.send(new DeleteDeploymentCommand({ ApiId, DeploymentId: deployment.DeploymentId })), 'ConflictException', 409);
  await rejects(gw.client.send(new CreateDeploymentCommand({ ApiId, StageName: 'missing' })), 'NotFoundException', 404);
});

test('an AutoDeploy stage is redeployed on every change; naming it in CreateDeployment is refused', async () => {
  const ApiId = await httpApi();
  const stage = await gw.client.send(new CreateStageCommand({ ApiId, StageName: '$default', AutoDeploy: true }));
  assert.equal(stage.AutoDeploy, true);
  const first = stage.DeploymentId!;
  assert.match(first, /^[a-z0-9]{6}$/);
  await gw.client.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /new' }));
  const after = await gw.client.send(new GetStageCommand({ ApiId, StageName: '$default' }));
  assert.notEqual(after.DeploymentId, first);
  const latest = await gw.client.send(new GetDeploymentCommand({ ApiId, DeploymentId: after.DeploymentId }));
  assert.equal(latest.AutoDeployed, true);
  const { Items } = await gw.client.send(new GetDeploymentsCommand({ ApiId }));
  assert.equal(Items!.length, 2);
  await rejects(gw.client.send(new CreateDeploymentCommand({ ApiId, StageName: '$default' })), 'BadRequestException', 400);
  await rejects(gw.client.send(new UpdateStageCommand({ ApiId, StageName: '$default', DeploymentId: first })), 'BadRequestException', 400);

  const ws = (await gw.client.send(new CreateApiCommand({ Name: 'w', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }))).ApiId!;
  await rejects(gw.client.send(new CreateStageCommand({ ApiId: ws, StageName: '$default' })), 'BadRequestException', 400);
});
