// HTTP API -> Lambda proxy end to end: the exact 1.0 and 2.0 events a function receives,
// the response mapping rules, and each error path.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request as httpRequest } from 'node:http';
import { ApiGatewayV2Client, CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { DeleteFunctionConcurrencyCommand, LambdaClient, PutFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import { clientConfig, startTestServer } from './helpers.ts';
import { ACCOUNT, createFunction, createHttpApi, ECHO, fnArn, lambdaProxy, rawRequest, REPLY } from './http-api-setup.ts';
import type { Localgate } from '../src/app.ts';

let app: Localgate;
let apiId: string;

before(async () => {
  app = await startTestServer();
  await createFunction(app, 'echo', ECHO);
  await createFunction(app, 'reply', REPLY);
  apiId = await createHttpApi(
    app,
    [
      { routeKey: 'POST /v2/{id}', integration: lambdaProxy('echo') },
      { routeKey: 'ANY /v1/{proxy+}', integration: lambdaProxy('echo', '1.0') },
      { routeKey: 'POST /reply2', integration: lambdaProxy('reply') },
      { routeKey: 'POST /reply1', integration: lambdaProxy('reply', '1.0') },
      { routeKey: 'POST /slow', integration: lambdaProxy('reply', '2.0', { TimeoutInMillis: 300 }) },
      { routeKey: 'GET /missing', integration: lambdaProxy('no-such-function') },
      {
        routeKey: 'GET /mapped',
        integration: lambdaProxy('echo', '2.0', {
          RequestParameters: { 'overwrite:header.x-user': '$request.querystring.u', 'remove:querystring.secret': "''", 'append:querystring.stage': '$context.stage' },
        }),
      },
      {
        routeKey: 'POST /queue',
        integration: {
          IntegrationType: 'AWS_PROXY',
          IntegrationSubtype: 'SQS-SendMessage',
          PayloadFormatVersion: '1.0',
          CredentialsArn: `arn:aws:iam::${ACCOUNT}:role/apigw-sqs`,
          RequestParameters: { QueueUrl: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/q`, MessageBody: '$request.body' },
        },
      },
      { routeKey: 'GET /wrapped', integration: lambdaProxy('echo', '2.0', { IntegrationUri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${fnArn('echo')}/invocations` }) },
    ],
    { stage: 'prod', stageVariables: { color: 'blue' } },
  );
});
after(() => app.close());

const url = (path: string) => `${app.url}/execute-api/${apiId}/prod${path}`;

test('payload 2.0: the event carries every documented field', async () => {
  const res = await rawRequest(url('/v2/a%20b?x=1&x=2&y=3'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Multi': ['one', 'two'], cookie: 'c1=v1; c2=v2', 'user-agent': 'test-agent' },
    body: '{"hello":"world"}',
  });
  assert.equal(res.status, 200);
  const requestId = res.headers['apigw-requestid'];
  assert.match(String(requestId), /^[A-Za-z0-9+/]{15}=$/);
  const event = JSON.parse(res.body);
  const rc = event.requestContext;
  assert.match(String(rc.timeEpoch), /^\d{13}$/);
  assert.match(rc.time, /^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
  assert.deepEqual(event, {
    version: '2.0',
    routeKey: 'POST /v2/{id}',
    rawPath: '/prod/v2/a%20b',
    rawQueryString: 'x=1&x=2&y=3',
    cookies: ['c1=v1', 'c2=v2'],
    headers: {
      ...event.headers,
      'content-type': 'application/json',
      'x-multi': 'one,two',
      'user-agent': 'test-agent',
    },
    queryStringParameters: { x: '1,2', y: '3' },
    requestContext: {
      accountId: ACCOUNT,
      apiId,
      domainName: `${apiId}.execute-api.localhost`,
      domainPrefix: apiId,
      http: { method: 'POST', path: '/prod/v2/a b', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test-agent' },
      requestId,
      routeKey: 'POST /v2/{id}',
      stage: 'prod',
      time: rc.time,
      timeEpoch: rc.timeEpoch,
    },
    body: '{"hello":"world"}',
    pathParameters: { id: 'a b' },
    isBase64Encoded: false,
    stageVariables: { color: 'blue' },
  });
  assert.equal(event.headers.cookie, undefined);
  assert.equal(event.headers.host, new URL(app.url).host);
});

test('payload 2.0: binary bodies arrive base64-encoded', async () => {
  const res = await fetch(url('/v2/bin'), { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 1, 2, 255]) });
  const event = await res.json();
  assert.equal(event.isBase64Encoded, true);
  assert.equal(event.body, 'AAEC/w==');
});

test('bodies arrive however they are framed; a request without one is answered at once, on the same connection', async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const send = (method: string, path: string, headers: Record<string, string>, chunks: string[]) =>
    new Promise<{ event: { body?: string; isBase64Encoded: boolean }; socket: unknown }>((resolve, reject) => {
      const req = httpRequest(url(path), { method, headers: { 'content-type': 'text/plain', ...headers }, agent }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ event: JSON.parse(Buffer.concat(parts).toString()), socket: req.socket }));
      });
      req.on('error', reject);
      for (const chunk of chunks) req.write(chunk);
      req.end();
    });
  try {
    const chunked = await send('POST', '/v2/c', { 'transfer-encoding': 'chunked' }, ['one ', 'two']);
    assert.deepEqual([chunked.event.body, chunked.event.isBase64Encoded], ['one two', false]);
    const zero = await send('POST', '/v2/z', { 'content-length': '0' }, []);
    assert.deepEqual([zero.event.body, zero.event.isBase64Encoded], [undefined, false]);
    const none = await send('GET', '/v1/n', {}, []);
    assert.deepEqual([none.event.body, none.event.isBase64Encoded], [null, false]);
    const sized = await send('POST', '/v2/s', { 'content-length': '5' }, ['hello']);
    assert.equal(sized.event.body, 'hello');
    assert.equal(sized.socket, chunked.socket);
  } finally {
    agent.destroy();
  }
});

test('payload 1.0: multi-value maps and the REST-shaped requestContext', async () => {
  const res = await rawRequest(url('/v1/a/b?x=1&x=2'), { headers: { 'X-Multi': ['one', 'two'], 'user-agent': 'ua' } });
  assert.equal(res.status, 200);
  const event = JSON.parse(res.body);
  assert.equal(event.version, '1.0');
  assert.equal(event.resource, '/v1/{proxy+}');
  assert.equal(event.path, '/prod/v1/a/b');
  assert.equal(event.httpMethod, 'GET');
  assert.equal(event.headers['x-multi'], 'two');
  assert.deepEqual(event.multiValueHeaders['x-multi'], ['one', 'two']);
  assert.deepEqual(event.queryStringParameters, { x: '2' });
  assert.deepEqual(event.multiValueQueryStringParameters, { x: ['1', '2'] });
  assert.deepEqual(event.pathParameters, { proxy: 'a/b' });
  assert.deepEqual(event.stageVariables, { color: 'blue' });
  assert.equal(event.body, null);
  assert.equal(event.isBase64Encoded, false);
  const rc = event.requestContext;
  assert.equal(rc.accountId, ACCOUNT);
  assert.equal(rc.apiId, apiId);
  assert.equal(rc.httpMethod, 'GET');
  assert.equal(rc.path, '/prod/v1/a/b');
  assert.equal(rc.resourcePath, '/v1/{proxy+}');
  assert.equal(rc.stage, 'prod');
  assert.equal(rc.protocol, 'HTTP/1.1');
  assert.equal(rc.requestId, res.headers['apigw-requestid']);
  assert.equal(rc.identity.sourceIp, '127.0.0.1');
  assert.equal(rc.identity.userAgent, 'ua');
  assert.equal(rc.identity.accessKey, null);
  assert.match(rc.requestTime, /^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
});

async function reply(path: string, result: unknown) {
  const res = await fetch(url(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

test('2.0 responses: inference, explicit fields, cookies and base64', async () => {
  const inferred = await reply('/reply2', { hello: 'world' });
  assert.equal(inferred.status, 200);
  assert.equal(inferred.headers.get('content-type'), 'application/json');
  assert.equal(inferred.body, '{"hello":"world"}');
  assert.equal((await reply('/reply2', 'just text')).body, 'just text');
  const explicit = await reply('/reply2', { statusCode: 418, headers: { 'x-custom': 'yes' }, cookies: ['a=1', 'b=2; Path=/'], body: Buffer.from('binary!').toString('base64'), isBase64Encoded: true });
  assert.equal(explicit.status, 418);
  assert.equal(explicit.headers.get('x-custom'), 'yes');
  assert.deepEqual(explicit.headers.getSetCookie(), ['a=1', 'b=2; Path=/']);
  assert.equal(explicit.body, 'binary!');
});

test('1.0 responses are strict', async () => {
  const ok = await reply('/reply1', { statusCode: 201, headers: { a: '1' }, multiValueHeaders: { b: ['x', 'y'] }, body: 'made' });
  assert.equal(ok.status, 201);
  assert.equal(ok.headers.get('a'), '1');
  assert.equal(ok.headers.get('b'), 'x, y');
  assert.equal(ok.body, 'made');
  const bad = await reply('/reply1', { hello: 'world' });
  assert.equal(bad.status, 500);
  assert.equal(bad.body, '{"message":"Internal Server Error"}');
});

test('function errors, malformed results, missing functions and timeouts', async () => {
  for (const [path, result] of [['/reply2', 'throw'], ['/reply2', { statusCode: 'nope' }], ['/reply2', { statusCode: 200, body: { not: 'a string' } }]] as const) {
    const r = await reply(path, result);
    assert.equal(r.status, 500, JSON.stringify(result));
    assert.equal(r.body, '{"message":"Internal Server Error"}');
    assert.ok(r.headers.get('apigw-requestid'));
  }
  const missing = await fetch(url('/missing'));
  assert.equal(missing.status, 500);
  assert.deepEqual(await missing.json(), { message: 'Internal Server Error' });
  const slow = await reply('/slow', { sleep: 1500 });
  assert.equal(slow.status, 503);
  assert.equal(slow.body, '{"message":"Service Unavailable"}');
});

// A throttled function (Lambda's 429 TooManyRequestsException) is a 500 for API Gateway, not
// a 429: AWS's knowledge center, "How do I troubleshoot API Gateway 500 internal server errors
// with Lambda integrations" (Throttling occurs).
test('a throttled function (reserved concurrency 0) is a 500 Internal Server Error', async () => {
  const lambda = new LambdaClient(clientConfig(app));
  await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'echo', ReservedConcurrentExecutions: 0 }));
  try {
    const res = await fetch(url('/wrapped'));
    assert.equal(res.status, 500);
    assert.deepEqual(await res.json(), { message: 'Internal Server Error' });
  } finally {
    await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'echo' }));
    lambda.destroy();
  }
  assert.equal((await fetch(url('/wrapped'))).status, 200);
});

test('the apigateway path form of a function ARN works', async () => {
  const res = await fetch(url('/wrapped'));
  assert.equal(res.status, 200);
  assert.equal((await res.json()).routeKey, 'GET /wrapped');
});

test("request parameters change the Lambda event's headers and query string", async () => {
  const res = await rawRequest(url('/mapped?u=alice&secret=s3&keep=1'), { headers: { 'x-user': 'mallory' } });
  assert.equal(res.status, 200);
  const event = JSON.parse(res.body);
  assert.equal(event.headers['x-user'], 'alice');
  assert.deepEqual(event.queryStringParameters, { u: 'alice', keep: '1', stage: 'prod' });
  assert.equal(event.rawQueryString, 'u=alice&keep=1&stage=prod');
});

test('AWS service integrations (IntegrationSubtype) fail with 500: localgate does not emulate the services', async () => {
  const res = await rawRequest(url('/queue'), { method: 'POST', body: 'hi' });
  assert.equal(res.status, 500);
  assert.equal(res.body, '{"message":"Internal Server Error"}');
  assert.ok(res.headers['apigw-requestid']);
});

test('no route, unknown API, unknown stage: 404 Not Found', async () => {
  for (const u of [url('/nothing-here'), `${app.url}/execute-api/${apiId}/dev/v2/x`, `${app.url}/execute-api/nosuchapi1/prod/x`]) {
    const res = await fetch(u);
    assert.equal(res.status, 404, u);
    assert.deepEqual(await res.json(), { message: 'Not Found' });
  }
});

test("the seed's SDK example answers at the invoke URL it prints", async () => {
  await createFunction(app, 'my-fn', `exports.handler = async (event) => ({ statusCode: 200, body: 'hello from ' + event.rawPath });`);
  const apigw = new ApiGatewayV2Client(clientConfig(app));
  const { ApiId } = await apigw.send(new CreateApiCommand({ Name: 'my-api', ProtocolType: 'HTTP' }));
  const { IntegrationId } = await apigw.send(
    new CreateIntegrationCommand({ ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: 'arn:aws:lambda:us-east-1:000000000000:function:my-fn', PayloadFormatVersion: '2.0' }),
  );
  await apigw.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /hello', Target: `integrations/${IntegrationId}` }));
  await apigw.send(new CreateStageCommand({ ApiId, StageName: '$default', AutoDeploy: true }));
  apigw.destroy();
  for (const u of [`${app.url}/execute-api/${ApiId}/$default/hello`, `${app.url}/execute-api/${ApiId}/hello`, `${app.url}/_aws/execute-api/${ApiId}/$default/hello`, `${app.url}/restapis/${ApiId}/$default/_user_request_/hello`]) {
    const res = await fetch(u);
    assert.equal(res.status, 200, u);
    assert.equal(await res.text(), 'hello from /hello');
  }
  const byHost = await rawRequest(`http://127.0.0.1:${app.port}/hello`, { headers: { host: `${ApiId}.execute-api.localhost:${app.port}` } });
  assert.equal(byHost.body, 'hello from /hello');
});
