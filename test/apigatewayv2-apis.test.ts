// End-to-end: API Gateway v2 APIs through the real SDK (create, quick create, list with
// pagination, partial update, CORS, delete, errors, account/region isolation).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  DeleteApiCommand,
  DeleteCorsConfigurationCommand,
  GetApiCommand,
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
  UpdateApiCommand,
} from '@aws-sdk/client-apigatewayv2';
import { clientConfig, fakeAuth } from './helpers.ts';
import { rejectsWithStatus, useApiGatewayV2 } from './apigateway-setup.ts';

const gw = useApiGatewayV2();

const rejects = rejectsWithStatus;

test('CreateApi (HTTP) answers the defaults and GetApi reads it back', async () => {
  const created = await gw.client.send(new CreateApiCommand({ Name: 'users', ProtocolType: 'HTTP', Description: 'd', Tags: { team: 'a' } }));
  assert.match(created.ApiId!, /^[a-z0-9]{10}$/);
  assert.equal(created.ApiEndpoint, `${gw.app.url}/execute-api/${created.ApiId}`);
  assert.equal(created.RouteSelectionExpression, '$request.method $request.path');
  assert.equal(created.ApiKeySelectionExpression, '$request.header.x-api-key');
  assert.equal(created.DisableExecuteApiEndpoint, false);
  assert.deepEqual(created.Tags, { team: 'a' });
  assert.ok(created.CreatedDate instanceof Date);
  const got = await gw.client.send(new GetApiCommand({ ApiId: created.ApiId }));
  assert.equal(got.Name, 'users');
  assert.equal(got.Description, 'd');
  assert.equal(got.CreatedDate!.getTime(), created.CreatedDate!.getTime());
});

test('CreateApi (WEBSOCKET) needs a route selection expression and answers a ws endpoint', async () => {
  await rejects(gw.client.send(new CreateApiCommand({ Name: 'ws', ProtocolType: 'WEBSOCKET' })), 'BadRequestException', 400);
  const ws = await gw.client.send(new CreateApiCommand({ Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }));
  assert.equal(ws.ApiEndpoint, `${gw.app.url.replace('http://', 'ws://')}/execute-api/${ws.ApiId}`);
  assert.equal(ws.RouteSelectionExpression, '$request.body.action');
  await rejects(
    gw.client.send(new CreateApiCommand({ Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.a', CorsConfiguration: { AllowOrigins: ['*'] } })),
    'BadRequestException',
    400,
  );
});

test('quick create makes a managed integration, route and auto-deployed $default stage', async () => {
  const fn = 'arn:aws:lambda:us-east-1:000000000000:function:hello';
  const api = await gw.client.send(new CreateApiCommand({ Name: 'quick', ProtocolType: 'HTTP', Target: fn, RouteKey: 'GET /hi' }));
  const { Items: integrations } = await gw.client.send(new GetIntegrationsCommand({ ApiId: api.ApiId }));
  assert.equal(integrations!.length, 1);
  assert.equal(integrations![0].IntegrationType, 'AWS_PROXY');
  assert.equal(integrations![0].IntegrationUri, fn);
  assert.equal(integrations![0].PayloadFormatVersion, '2.0');
  assert.equal(integrations![0].ApiGatewayManaged, true);
  const { Items: routes } = await gw.client.send(new GetRoutesCommand({ ApiId: api.ApiId }));
  assert.deepEqual(
    routes!.map((r) => [r.RouteKey, r.Target]),
    [['GET /hi', `integrations/${integrations![0].IntegrationId}`]],
  );
  const { Items: stages } = await gw.client.send(new GetStagesCommand({ ApiId: api.ApiId }));
  assert.equal(stages!.length, 1);
  assert.equal(stages![0].StageName, '$default');
  assert.equal(stages![0].AutoDeploy, true);
  assert.match(stages![0].DeploymentId!, /^[a-z0-9]{6}$/);

  const http = await gw.client.send(new CreateApiCommand({ Name: 'proxy', ProtocolType: 'HTTP', Target: 'https://example.com' }));
  const { Items: proxied } = await gw.client.send(new GetIntegrationsCommand({ ApiId: http.ApiId }));
  assert.equal(proxied![0].IntegrationType, 'HTTP_PROXY');
  assert.equal(proxied![0].IntegrationMethod, 'ANY');
  const { Items: defaultRoute } = await gw.client.send(new GetRoutesCommand({ ApiId: http.ApiId }));
  assert.equal(defaultRoute![0].RouteKey, '$default');

  await rejects(gw.client.send(new CreateApiCommand({ Name: 'bad', ProtocolType: 'HTTP', Target: 'not-a-target' })), 'BadRequestException', 400);
  await rejects(gw.client.send(new CreateApiCommand({ Name: 'bad', ProtocolType: 'HTTP', RouteKey: 'GET /x' })), 'BadRequestException', 400);
});

test('UpdateApi changes only the members sent; DeleteCorsConfiguration removes CORS', async () => {
  const api = await gw.client.send(
    new CreateApiCommand({ Name: 'orig', ProtocolType: 'HTTP', Description: 'keep', CorsConfiguration: { AllowOrigins: ['https://a.example'], MaxAge: 60 } }),
  );
  const updated = await gw.client.send(new UpdateApiCommand({ ApiId: api.ApiId, Name: 'renamed', DisableExecuteApiEndpoint: true }));
  assert.equal(updated.Name, 'renamed');
  assert.equal(updated.Description, 'keep');
  assert.equal(updated.DisableExecuteApiEndpoint, true);
  assert.deepEqual(updated.CorsConfiguration, { AllowOrigins: ['https://a.example'], MaxAge: 60 });
  await gw.client.send(new DeleteCorsConfigurationCommand({ ApiId: api.ApiId }));
  const got = await gw.client.send(new GetApiCommand({ ApiId: api.ApiId }));
  assert.equal(got.CorsConfiguration, undefined);
  assert.equal(got.Name, 'renamed');
});

test("CORS: credentials with a '*' origin are refused on create and update", async () => {
  const cors = { AllowOrigins: ['*'], AllowCredentials: true };
  await assert.rejects(gw.client.send(new CreateApiCommand({ Name: 'c', ProtocolType: 'HTTP', CorsConfiguration: cors })), (err: any) => {
    assert.equal(err.name, 'BadRequestException');
    assert.equal(err.message, "allow-credentials is not supported if 'allow-origin' is *");
    return true;
  });
  const api = await gw.client.send(new CreateApiCommand({ Name: 'c', ProtocolType: 'HTTP', CorsConfiguration: { AllowOrigins: ['*'] } }));
  await rejects(gw.client.send(new UpdateApiCommand({ ApiId: api.ApiId, CorsConfiguration: cors })), 'BadRequestException', 400);
  assert.deepEqual((await gw.client.send(new GetApiCommand({ ApiId: api.ApiId }))).CorsConfiguration, { AllowOrigins: ['*'] });
});

test('DeleteApi removes the API; unknown ids answer NotFoundException with the account', async () => {
  const api = await gw.client.send(new CreateApiCommand({ Name: 'gone', ProtocolType: 'HTTP' }));
  await gw.client.send(new DeleteApiCommand({ ApiId: api.ApiId }));
  await rejects(gw.client.send(new GetApiCommand({ ApiId: api.ApiId })), 'NotFoundException', 404, `Invalid API identifier specified 000000000000:${api.ApiId}`);
  await rejects(gw.client.send(new DeleteApiCommand({ ApiId: api.ApiId })), 'NotFoundException', 404);
});

test('GetApis pages with MaxResults and an opaque NextToken', async () => {
  const scoped = new ApiGatewayV2Client(clientConfig(gw.app, { region: 'eu-west-3' }));
  const made = [];
  for (let i = 0; i < 5; i++) made.push((await scoped.send(new CreateApiCommand({ Name: `p${i}`, ProtocolType: 'HTTP' }))).ApiId);
  const seen: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await scoped.send(new GetApisCommand({ MaxResults: '2', NextToken: token }));
    assert.ok(page.Items!.length <= 2);
    seen.push(...page.Items!.map((a) => a.ApiId!));
    token = page.NextToken;
    pages++;
  } while (token);
  assert.equal(pages, 3);
  assert.deepEqual(seen, made);
  await rejects(scoped.send(new GetApisCommand({ NextToken: 'garbage' })), 'BadRequestException', 400);
});

test('accounts and regions see separate APIs', async () => {
  const a = new ApiGatewayV2Client(clientConfig(gw.app, { accessKeyId: '111111111111', region: 'us-west-2' }));
  const b = new ApiGatewayV2Client(clientConfig(gw.app, { accessKeyId: '222222222222', region: 'us-west-2' }));
  const c = new ApiGatewayV2Client(clientConfig(gw.app, { accessKeyId: '111111111111', region: 'ap-south-1' }));
  const mine = await a.send(new CreateApiCommand({ Name: 'mine', ProtocolType: 'HTTP' }));
  assert.deepEqual((await a.send(new GetApisCommand({}))).Items!.map((x) => x.ApiId), [mine.ApiId]);
  assert.deepEqual((await b.send(new GetApisCommand({}))).Items, []);
  assert.deepEqual((await c.send(new GetApisCommand({}))).Items, []);
  await rejects(b.send(new GetApiCommand({ ApiId: mine.ApiId })), 'NotFoundException', 404, `Invalid API identifier specified 222222222222:${mine.ApiId}`);
});

test("the seed's curl example: PascalCase body in, ApiId out", async () => {
  const res = await fetch(`${gw.app.url}/v2/apis`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: fakeAuth('execute-api') },
    body: JSON.stringify({ Name: 'users-api', ProtocolType: 'HTTP', Description: 'User management API' }),
  });
  assert.equal(res.status, 201);
  const body = await res.json();
  assert.match(body.ApiId, /^[a-z0-9]{10}$/);
  assert.equal(body.Name, 'users-api');
});
