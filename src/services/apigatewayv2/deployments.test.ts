// Deployment snapshots: deep, immutable copies of the API that only a new deployment
// (manual or automatic) replaces.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RequestContext } from '../../protocol/engine.ts';
import { createApiGatewayV2Provider } from './provider.ts';
import { ApiGatewayV2Store } from './store.ts';

const ctx = { account: '000000000000', region: 'us-east-1', requestId: 'r', baseUrl: 'http://localhost:1', caller: { account: '000000000000', region: 'us-east-1', signed: false } } as RequestContext;

function setup() {
  const store = new ApiGatewayV2Store();
  const v2 = createApiGatewayV2Provider(store);
  const { ApiId } = v2.createApi({ Name: 'a', ProtocolType: 'HTTP' }, ctx);
  const snapshotOf = (stageName: string) => {
    const record = store.findApi(ApiId!)!.record;
    return record.deployments.get(record.stages.get(stageName)!.DeploymentId!)!.snapshot;
  };
  return { v2, ApiId: ApiId!, snapshotOf };
}

test('a manual deployment does not see later changes; an AutoDeploy stage follows them', () => {
  const { v2, ApiId, snapshotOf } = setup();
  const integration = v2.createIntegration({ ApiId, IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://a.example', IntegrationMethod: 'ANY' }, ctx);
  v2.createRoute({ ApiId, RouteKey: 'GET /one', Target: `integrations/${integration.IntegrationId}` }, ctx);
  v2.createStage({ ApiId, StageName: 'manual' }, ctx);
  v2.createStage({ ApiId, StageName: 'auto', AutoDeploy: true }, ctx);
  v2.createDeployment({ ApiId, StageName: 'manual' }, ctx);

  v2.createRoute({ ApiId, RouteKey: 'GET /two' }, ctx);
  v2.updateIntegration({ ApiId, IntegrationId: integration.IntegrationId!, IntegrationUri: 'https://b.example' }, ctx);

  const manual = snapshotOf('manual');
  assert.deepEqual(manual.routes.map((r) => r.RouteKey), ['GET /one']);
  assert.equal(manual.integrations.get(integration.IntegrationId!)!.IntegrationUri, 'https://a.example');
  const auto = snapshotOf('auto');
  assert.deepEqual(auto.routes.map((r) => r.RouteKey), ['GET /one', 'GET /two']);
  assert.equal(auto.integrations.get(integration.IntegrationId!)!.IntegrationUri, 'https://b.example');
});

test('snapshots are deep copies: mutating the draft in place never reaches them', () => {
  const { v2, ApiId, snapshotOf } = setup();
  const route = v2.createRoute({ ApiId, RouteKey: 'GET /p', RequestParameters: { a: { Required: true } } }, ctx);
  v2.createStage({ ApiId, StageName: 's' }, ctx);
  v2.createDeployment({ ApiId, StageName: 's' }, ctx);
  v2.deleteRouteRequestParameter({ ApiId, RouteId: route.RouteId!, RequestParameterKey: 'a' }, ctx);
  assert.deepEqual(snapshotOf('s').routes[0].RequestParameters, { a: { Required: true } });
});
