// Issue 17 item 1 without a browser: Host and Origin checks on the control plane and on
// /_localgate, CORS answers for allowed origins, and SDK calls unaffected.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { clientConfig, startTestServer } from './helpers.ts';
import { createFunction, createHttpApi, ECHO, lambdaProxy } from './http-api-setup.ts';
import type { Localgate } from '../src/app.ts';

/** A raw request, so that Host can be anything (fetch does not let a caller set it). */
function send(app: Localgate, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: app.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const FUNCTION_JSON = JSON.stringify({ FunctionName: 'csrf', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::000000000000:role/r', Code: { ZipFile: 'UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==' } });

describe('control plane refuses foreign origins and hosts', () => {
  let app: Localgate;
  let lambda: LambdaClient;
  before(async () => {
    app = await startTestServer({ allowedOrigins: ['http://devapp.test:5173'], allowedHosts: ['.corp.test'] });
    lambda = new LambdaClient(clientConfig(app));
  });
  after(async () => {
    lambda.destroy();
    await app.close();
  });

  test('a text/plain simple request from a foreign page is refused with 403 naming the flag', async () => {
    const res = await send(app, {
      method: 'POST',
      path: '/2015-03-31/functions',
      headers: { Host: `localhost:${app.port}`, Origin: 'https://evil.example', 'Content-Type': 'text/plain' },
      body: FUNCTION_JSON,
    });
    assert.equal(res.status, 403);
    assert.equal(res.headers['x-amzn-errortype'], 'AccessDeniedException');
    assert.equal(
      JSON.parse(res.body).message,
      "Origin 'https://evil.example' is not allowed to call localgate's control plane. Start localgate with --allowed-origins https://evil.example (or LOCALGATE_ALLOWED_ORIGINS) to allow it.",
    );
    assert.equal(res.headers['access-control-allow-origin'], undefined);
    const { Functions } = await lambda.send(new ListFunctionsCommand({}));
    assert.deepEqual(Functions, []);
  });

  test('reset, health and the console API refuse a foreign origin; "null" origins too', async () => {
    for (const [method, path] of [['POST', '/_localgate/reset'], ['GET', '/_localgate/health'], ['GET', '/_localgate/api/functions'], ['GET', '/_localgate/']]) {
      const res = await send(app, { method, path, headers: { Origin: 'http://attacker.test' } });
      assert.equal(res.status, 403, path);
    }
    assert.equal((await send(app, { method: 'POST', path: '/_localgate/reset', headers: { Origin: 'null' } })).status, 403);
  });

  test('a DNS-rebinding Host is refused, naming --allowed-hosts', async () => {
    const res = await send(app, { path: '/2015-03-31/functions', headers: { Host: `rebind.attacker.test:${app.port}` } });
    assert.equal(res.status, 403);
    assert.equal(
      JSON.parse(res.body).message,
      `Host 'rebind.attacker.test:${app.port}' is not allowed to reach localgate's control plane. Start localgate with --allowed-hosts rebind.attacker.test (or LOCALGATE_ALLOWED_HOSTS) to allow it.`,
    );
    // Same origin as the rebinding Host does not make it acceptable.
    const same = await send(app, { method: 'POST', path: '/_localgate/reset', headers: { Host: `rebind.attacker.test:${app.port}`, Origin: `http://rebind.attacker.test:${app.port}` } });
    assert.equal(same.status, 403);
  });

  test('loopback names, IP addresses, invoke-URL hosts and --allowed-hosts names are served', async () => {
    for (const host of ['localhost', '127.0.0.1', '[::1]', 'api.execute-api.localhost', 'x.execute-api.localhost.localstack.cloud', '192.168.1.20', 'build.corp.test', 'corp.test']) {
      const res = await send(app, { path: '/_localgate/health', headers: { Host: `${host}:${app.port}` } });
      assert.equal(res.status, 200, host);
    }
  });

  test('SDK calls (no Origin) work; a loopback or listed origin gets CORS answers', async () => {
    const { Functions } = await lambda.send(new ListFunctionsCommand({}));
    assert.deepEqual(Functions, []);
    const preflight = await send(app, {
      method: 'OPTIONS',
      path: '/2015-03-31/functions',
      headers: { Origin: 'http://devapp.test:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,x-amz-date' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], 'http://devapp.test:5173');
    assert.equal(preflight.headers['access-control-allow-headers'], 'authorization,content-type,x-amz-date');
    assert.equal(preflight.headers['access-control-allow-methods'], 'GET, HEAD, POST, PUT, PATCH, DELETE');
    const list = await send(app, { path: '/2015-03-31/functions', headers: { Origin: 'http://localhost:3000' } });
    assert.equal(list.status, 200);
    assert.equal(list.headers['access-control-allow-origin'], 'http://localhost:3000');
    assert.equal(list.headers['access-control-expose-headers'], '*');
    assert.deepEqual(JSON.parse(list.body).Functions, []);
  });

  test('the data plane keeps its own behaviour for any origin and host', async () => {
    await createFunction(app, 'echo', ECHO);
    const apiId = await createHttpApi(app, [{ routeKey: 'POST /echo', integration: lambdaProxy('echo') }]);
    const res = await send(app, { method: 'POST', path: `/execute-api/${apiId}/echo`, headers: { Origin: 'https://evil.example', Host: `rebind.attacker.test:${app.port}` }, body: '{}' });
    assert.equal(res.status, 200);
    assert.equal(JSON.parse(res.body).routeKey, 'POST /echo');
    // No CORS configured on the API: no CORS headers, as on AWS.
    assert.equal(res.headers['access-control-allow-origin'], undefined);
  });
});
