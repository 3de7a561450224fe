// HTTP API HTTP_PROXY integrations end to end, plus what the gateway decides by itself:
// parameter mapping, CORS, throttling, AWS_IAM, deployment state, body limits.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiGatewayV2Client, CreateDeploymentCommand, CreateRouteCommand, CreateStageCommand, GetIntegrationsCommand, UpdateApiCommand, UpdateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { clientConfig, startTestServer } from './helpers.ts';
import { createHttpApi, rawRequest } from './http-api-setup.ts';
import type { Localgate } from '../src/app.ts';

let app: Localgate;
let upstream: Server;
let upstreamUrl: string;
let v2: ApiGatewayV2Client;

before(async () => {
  app = await startTestServer();
  v2 = new ApiGatewayV2Client(clientConfig(app));
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(req.url?.includes('status=201') ? 201 : 200, { 'content-type': 'application/json', 'x-upstream': 'yes', 'access-control-allow-origin': 'https://upstream.example' });
      res.end(body);
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
after(async () => {
  v2.destroy();
  await app.close();
  upstream.close();
});

const proxy = (uri: string, extra: Record<string, unknown> = {}) => ({ IntegrationType: 'HTTP_PROXY' as const, IntegrationMethod: 'ANY', IntegrationUri: uri, PayloadFormatVersion: '1.0', ...extra });

test('HTTP_PROXY forwards method, substituted path, query, headers and body, and streams the answer back', async () => {
  const apiId = await createHttpApi(app, [
    { routeKey: 'ANY /items/{id}/{proxy+}', integration: proxy(`${upstreamUrl}/\${stageVariables.base}/{id}/{proxy}`) },
    { routeKey: 'GET /fixed', integration: proxy(`${upstreamUrl}/always`, { IntegrationMethod: 'POST' }) },
  ], { stageVariables: { base: 'v9' } });
  const res = await rawRequest(`${app.url}/execute-api/${apiId}/items/42/a/b?status=201&q=x%20y`, {
    method: 'PUT',
    headers: { 'content-type': 'text/plain', 'x-client': 'c', connection: 'keep-alive' },
    body: 'payload',
  });
  assert.equal(res.status, 201);
  assert.equal(res.headers['x-upstream'], 'yes');
  assert.ok(res.headers['apigw-requestid']);
  const seen = JSON.parse(res.body);
  assert.equal(seen.method, 'PUT');
  assert.equal(seen.url, '/v9/42/a/b?status=201&q=x%20y');
  assert.equal(seen.body, 'payload');
  assert.equal(seen.headers['x-client'], 'c');
  assert.equal(seen.headers.host, new URL(upstreamUrl).host);
  assert.match(seen.headers.forwarded, /^for=127\.0\.0\.1;host=localhost:\d+;proto=http$/);
  const fixed = JSON.parse((await rawRequest(`${app.url}/execute-api/${apiId}/fixed`)).body);
  assert.equal(fixed.method, 'POST');
  assert.equal(fixed.url, '/always');
});

test('an unreachable upstream is a 500', async () => {
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  const apiId = await createHttpApi(app, [{ routeKey: 'GET /x', integration: proxy(`http://127.0.0.1:${port}/`) }]);
  const res = await rawRequest(`${app.url}/execute-api/${apiId}/x`);
  assert.equal(res.status, 500);
  assert.equal(res.body, '{"message":"Internal Server Error"}');
});

test('request and response parameter mapping', async () => {
  const apiId = await createHttpApi(app, [
    {
      routeKey: 'GET /map/{id}',
      integration: proxy(`${upstreamUrl}/ignored`, {
        RequestParameters: {
          'overwrite:path': '/mapped/$request.path.id',
          'append:querystring.extra': '${request.header.x-in}',
          'remove:querystring.drop': "''",
          'overwrite:header.x-context': '$context.routeKey',
          'remove:header.x-secret': "''",
        },
        ResponseParameters: { '200': { 'overwrite:statuscode': '202', 'append:header.x-copied': '$response.header.x-upstream', 'remove:header.x-upstream': "''" } },
      }),
    },
  ]);
  const res = await rawRequest(`${app.url}/execute-api/${apiId}/map/7?drop=1&keep=2`, { headers: { 'x-in': 'hi', 'x-secret': 's' } });
  assert.equal(res.status, 202);
  assert.equal(res.headers['x-copied'], 'yes');
  assert.equal(res.headers['x-upstream'], undefined);
  const seen = JSON.parse(res.body);
  assert.equal(seen.url, '/mapped/7?keep=2&extra=hi');
  assert.equal(seen.headers['x-context'], 'GET /map/{id}');
  assert.equal(seen.headers['x-secret'], undefined);
});

test('CORS: preflight answered by the gateway, headers on responses, integration CORS headers replaced', async () => {
  const apiId = await createHttpApi(app, [{ routeKey: 'GET /c', integration: proxy(`${upstreamUrl}/c`) }], {
    api: { CorsConfiguration: { AllowOrigins: ['https://app.example'], AllowMethods: ['GET', 'PUT'], AllowHeaders: ['authorization', 'x-a'], ExposeHeaders: ['x-upstream'], MaxAge: 600, AllowCredentials: true } },
  });
  const pre = await rawRequest(`${app.url}/execute-api/${apiId}/anything`, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'PUT' } });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers['access-control-allow-origin'], 'https://app.example');
  assert.equal(pre.headers['access-control-allow-methods'], 'GET,PUT');
  assert.equal(pre.headers['access-control-allow-headers'], 'authorization,x-a');
  assert.equal(pre.headers['access-control-allow-credentials'], 'true');
  assert.equal(pre.headers['access-control-max-age'], '600');
  const other = await rawRequest(`${app.url}/execute-api/${apiId}/c`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
  assert.equal(other.status, 204);
  assert.equal(other.headers['access-control-allow-origin'], undefined);
  const res = await rawRequest(`${app.url}/execute-api/${apiId}/c`, { headers: { origin: 'https://app.example' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers['access-control-allow-origin'], 'https://app.example');
  assert.equal(res.headers['access-control-allow-credentials'], 'true');
  assert.equal(res.headers['access-control-expose-headers'], 'x-upstream');
  const noOrigin = await rawRequest(`${app.url}/execute-api/${apiId}/c`);
  assert.equal(noOrigin.headers['access-control-allow-origin'], undefined);
});

test('throttling by stage defaults and route settings answers 429', async () => {
  const apiId = await createHttpApi(app, [
    { routeKey: 'GET /t', integration: proxy(`${upstreamUrl}/t`) },
    { routeKey: 'GET /free', integration: proxy(`${upstreamUrl}/free`) },
  ], { stage: 'prod' });
  await v2.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', DefaultRouteSettings: { ThrottlingBurstLimit: 1000, ThrottlingRateLimit: 1000 }, RouteSettings: { 'GET /t': { ThrottlingBurstLimit: 2, ThrottlingRateLimit: 0.001 } } }));
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await rawRequest(`${app.url}/execute-api/${apiId}/prod/t`)).status);
  assert.deepEqual(statuses, [200, 200, 429, 429]);
  const refused = await rawRequest(`${app.url}/execute-api/${apiId}/prod/t`);
  assert.equal(refused.body, '{"message":"Too Many Requests"}');
  assert.equal((await rawRequest(`${app.url}/execute-api/${apiId}/prod/free`)).status, 200);
});

test('AWS_IAM routes refuse unsigned requests with 403', async () => {
  const apiId = await createHttpApi(app, [{ routeKey: 'GET /iam', integration: proxy(`${upstreamUrl}/iam`), route: { AuthorizationType: 'AWS_IAM' } }]);
  const unsigned = await rawRequest(`${app.url}/execute-api/${apiId}/iam`);
  assert.equal(unsigned.status, 403);
  assert.equal(unsigned.body, '{"message":"Forbidden"}');
  const signed = await rawRequest(`${app.url}/execute-api/${apiId}/iam`, {
    headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260421/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=abc' },
  });
  assert.equal(signed.status, 200);
});

test('only deployed configuration is served; DisableExecuteApiEndpoint is honoured', async () => {
  const apiId = await createHttpApi(app, [{ routeKey: 'GET /one', integration: proxy(`${upstreamUrl}/one`) }]);
  await v2.send(new CreateStageCommand({ ApiId: apiId, StageName: 'manual' }));
  assert.equal((await rawRequest(`${app.url}/execute-api/${apiId}/manual/one`)).status, 404); // stage never deployed
  await v2.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: 'manual' }));
  assert.equal((await rawRequest(`${app.url}/execute-api/${apiId}/manual/one`)).status, 200);
  const { Items } = await v2.send(new GetIntegrationsCommand({ ApiId: apiId }));
  await v2.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /two', Target: `integrations/${Items![0].IntegrationId}` }));
  assert.equal((await rawRequest(`${app.url}/execute-api/${apiId}/manual/two`)).status, 404); // not in the manual deployment
  assert.equal((await rawRequest(`${app.url}/execute-api/${apiId}/two`)).status, 200); // the AutoDeploy $default follows
  await v2.send(new UpdateApiCommand({ ApiId: apiId, DisableExecuteApiEndpoint: true }));
  const disabled = await rawRequest(`${app.url}/execute-api/${apiId}/two`);
  assert.equal(disabled.status, 403);
  assert.equal(disabled.body, '{"message":"Forbidden"}');
});

test('bodies over 10 MB are refused with 413', async () => {
  const apiId = await createHttpApi(app, [{ routeKey: 'POST /big', integration: proxy(`${upstreamUrl}/big`) }]);
  const res = await rawRequest(`${app.url}/execute-api/${apiId}/big`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1) });
  assert.equal(res.status, 413);
  assert.equal(res.body, '{"message":"Request Entity Too Large"}');
  const fine = await rawRequest(`${app.url}/execute-api/${apiId}/big`, { method: 'POST', body: 'small' });
  assert.equal(fine.status, 200);
});
