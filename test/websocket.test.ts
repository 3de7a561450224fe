// WebSocket APIs end to end: handshake forms, $connect accepting and refusing, a REQUEST
// authorizer on $connect, route selection, $default, the Forbidden error frame, two-way
// routes with MOCK, HTTP and Lambda integrations, and the Lambda proxy events.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestServer } from './helpers.ts';
import { createFunction, fnArn } from './http-api-setup.ts';
import { ask, connectClient, createWebSocketApi, Refused, wsUrl } from './websocket-setup.ts';
import type { Localgate } from '../src/app.ts';

let app: Localgate;
let upstream: Server;
let upstreamUrl: string;

const ECHO_EVENT = `exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });`;
const GATE = `exports.handler = async (event) => {
  const q = event.queryStringParameters || {};
  if (q.refuse) return { statusCode: Number(q.refuse) };
  if (q.fail) throw new Error('boom');
  return { statusCode: 200, headers: q.proto ? { 'Sec-WebSocket-Protocol': q.proto } : {} };
};`;
const AUTHORIZER = `exports.handler = async (event) => ({
  principalId: 'user-' + event.queryStringParameters.token,
  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: event.queryStringParameters.token === 'good' ? 'Allow' : 'Deny', Resource: event.methodArn }] },
  context: { role: 'admin', arn: event.methodArn, type: event.type },
});`;

const mock = (template: string) => ({
  integration: { IntegrationType: 'MOCK' as const, RequestTemplates: { $default: '{"statusCode":200}' }, TemplateSelectionExpression: '\\$default' },
  twoWay: true,
  responses: { $default: { $default: template } },
});

before(async () => {
  app = await startTestServer();
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ method: req.method, path: req.url, body: Buffer.concat(chunks).toString() }));
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  await createFunction(app, 'ws-echo', ECHO_EVENT);
  await createFunction(app, 'ws-gate', GATE);
  await createFunction(app, 'ws-auth', AUTHORIZER);
});
after(async () => {
  await app.close();
  upstream.close();
});

test('messages are routed by the selection expression, else $default; no route is the Forbidden frame', async () => {
  const apiId = await createWebSocketApi(app, [{ routeKey: 'join', ...mock('{"route":"$context.routeKey","id":"$context.connectionId"}') }]);
  const client = await connectClient(wsUrl(app, apiId));
  const joined = JSON.parse(await ask(client, { action: 'join' }));
  assert.equal(joined.route, 'join');
  assert.match(joined.id, /^[A-Za-z0-9_-]{15}=$/);
  const refused = await ask(client, { action: 'leave' });
  assert.match(refused, /^\{"message": "Forbidden", "connectionId":"[A-Za-z0-9_-]{15}=", "requestId":"[A-Za-z0-9_-]{15}="\}$/);
  assert.equal(JSON.parse(refused).connectionId, joined.id);
  assert.match(await ask(client, 'not json at all'), /"Forbidden"/);
  client.ws.close(1000);
  assert.equal((await client.closed).code, 1000);

  const withDefault = await createWebSocketApi(app, [{ routeKey: 'join', ...mock('{"r":"$context.routeKey"}') }, { routeKey: '$default', ...mock('{"r":"$context.routeKey"}') }]);
  const c2 = await connectClient(wsUrl(app, withDefault));
  assert.equal(await ask(c2, { action: 'join' }), '{"r":"join"}');
  assert.equal(await ask(c2, { action: 'other' }), '{"r":"$default"}');
  assert.equal(await ask(c2, 'plain text'), '{"r":"$default"}');
  c2.ws.close();
});

test('the /_aws/execute-api path and the host form reach the same API', async () => {
  const apiId = await createWebSocketApi(app, [{ routeKey: '$default', ...mock('{"stage":"$context.stage","domain":"$context.domainName"}') }]);
  const viaAws = await connectClient(`${app.url.replace('http', 'ws')}/_aws/execute-api/${apiId}/dev`);
  assert.deepEqual(JSON.parse(await ask(viaAws, 'x')), { stage: 'dev', domain: `${apiId}.execute-api.localhost` });
  viaAws.ws.close();
  const viaHost = await connectClient(`${app.url.replace('http', 'ws')}/dev`, { headers: { host: `${apiId}.execute-api.localhost:${app.port}` } });
  assert.deepEqual(JSON.parse(await ask(viaHost, 'x')), { stage: 'dev', domain: `${apiId}.execute-api.localhost` });
  viaHost.ws.close();
  await assert.rejects(connectClient(wsUrl(app, apiId, 'nostage')), (e: Refused) => e.status === 404);
});

test('$connect decides: its status code refuses, a failing function is 500, headers reach the 101', async () => {
  const apiId = await createWebSocketApi(app, [{ routeKey: '$connect', integration: { IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn('ws-gate') } }, { routeKey: '$default', ...mock('ok') }]);
  await assert.rejects(connectClient(wsUrl(app, apiId, 'dev', '?refuse=401')), (e: Refused) => e.status === 401);
  await assert.rejects(connectClient(wsUrl(app, apiId, 'dev', '?refuse=403')), (e: Refused) => e.status === 403);
  await assert.rejects(connectClient(wsUrl(app, apiId, 'dev', '?fail=1')), (e: Refused) => e.status === 500);
  const ok = await connectClient(wsUrl(app, apiId, 'dev', '?proto=chat'), {}, ['other', 'chat']);
  assert.equal(ok.ws.protocol, 'chat');
  assert.equal(await ask(ok, 'hi'), 'ok');
  ok.ws.close();
});

test('a REQUEST authorizer on $connect: missing identity 401, Deny 403, Allow passes its context on', async () => {
  const apiId = await createWebSocketApi(app, [
    { routeKey: '$connect', integration: { IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn('ws-gate') }, authorizer: { uri: fnArn('ws-auth'), identitySource: ['route.request.querystring.token'] } },
    { routeKey: '$default', integration: { IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn('ws-echo') }, twoWay: true },
  ]);
  await assert.rejects(connectClient(wsUrl(app, apiId)), (e: Refused) => e.status === 401);
  await assert.rejects(connectClient(wsUrl(app, apiId, 'dev', '?token=bad')), (e: Refused) => e.status === 403);
  const client = await connectClient(wsUrl(app, apiId, 'dev', '?token=good'));
  const event = JSON.parse(await ask(client, { hello: 1 }));
  assert.deepEqual(event.requestContext.authorizer, {
    role: 'admin',
    arn: `arn:aws:execute-api:us-east-1:000000000000:${apiId}/dev/$connect`,
    type: 'REQUEST',
    principalId: 'user-good',
    integrationLatency: 0,
  });
  client.ws.close();
});

test('Lambda proxy: the MESSAGE event as API Gateway builds it; the result body is the answer', async () => {
  const apiId = await createWebSocketApi(app, [{ routeKey: '$default', integration: { IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn('ws-echo') }, twoWay: true }]);
  const client = await connectClient(wsUrl(app, apiId), { headers: { 'user-agent': 'ws-test/1.0' } });
  const before = Date.now();
  const event = JSON.parse(await ask(client, '{"action":"x","n":1}'));
  const rc = event.requestContext;
  assert.equal(event.body, '{"action":"x","n":1}');
  assert.equal(event.isBase64Encoded, false);
  assert.deepEqual(Object.keys(event).sort(), ['body', 'isBase64Encoded', 'requestContext']);
  assert.equal(rc.routeKey, '$default');
  assert.equal(rc.eventType, 'MESSAGE');
  assert.equal(rc.messageDirection, 'IN');
  assert.equal(rc.stage, 'dev');
  assert.equal(rc.apiId, apiId);
  assert.equal(rc.domainName, `${apiId}.execute-api.localhost`);
  assert.deepEqual(rc.identity, { userAgent: 'ws-test/1.0', sourceIp: '127.0.0.1' });
  for (const id of [rc.connectionId, rc.requestId, rc.messageId]) assert.match(id, /^[A-Za-z0-9_-]{15}=$/);
  assert.equal(rc.extendedRequestId, rc.requestId);
  assert.ok(rc.requestTimeEpoch >= before && rc.connectedAt <= rc.requestTimeEpoch);
  assert.match(rc.requestTime, /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
  client.ws.close();
});

test('Lambda proxy: the CONNECT event carries headers and query string', async () => {
  await createFunction(app, 'ws-connect-spy', `let last; exports.handler = async (event) => {
    if (event.requestContext.eventType === 'CONNECT') { last = event; return { statusCode: 200 }; }
    return { statusCode: 200, body: JSON.stringify(last) };
  };`);
  const apiId = await createWebSocketApi(app, [
    { routeKey: '$connect', integration: { IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn('ws-connect-spy') } },
    { routeKey: '$default', integration: { IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn('ws-connect-spy') }, twoWay: true },
  ]);
  const client = await connectClient(wsUrl(app, apiId, 'dev', '?room=blue&tag=a&tag=b'), { headers: { 'X-Custom': 'yes' } });
  const event = JSON.parse(await ask(client, 'give'));
  assert.equal(event.requestContext.eventType, 'CONNECT');
  assert.equal(event.requestContext.routeKey, '$connect');
  assert.equal(event.headers['X-Custom'], 'yes');
  assert.deepEqual(event.multiValueHeaders['X-Custom'], ['yes']);
  assert.equal(event.headers['Sec-WebSocket-Version'], '13');
  assert.deepEqual(event.queryStringParameters, { room: 'blue', tag: 'b' });
  assert.deepEqual(event.multiValueQueryStringParameters, { room: ['blue'], tag: ['a', 'b'] });
  assert.equal(event.isBase64Encoded, false);
  client.ws.close();
});

test('a function error on a message route is the Internal server error frame', async () => {
  await createFunction(app, 'ws-throw', `exports.handler = async () => { throw new Error('nope'); };`);
  const apiId = await createWebSocketApi(app, [{ routeKey: '$default', integration: { IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn('ws-throw') }, twoWay: true }]);
  const client = await connectClient(wsUrl(app, apiId));
  assert.match(await ask(client, 'x'), /^\{"message": "Internal server error", "connectionId":"[^"]+", "requestId":"[^"]+"\}$/);
  client.ws.close();
});

test('one-way routes answer nothing', async () => {
  const apiId = await createWebSocketApi(app, [
    { routeKey: 'quiet', integration: { IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn('ws-echo') } },
    { routeKey: 'loud', ...mock('loud') },
  ]);
  const client = await connectClient(wsUrl(app, apiId));
  client.ws.send(JSON.stringify({ action: 'quiet' }));
  // Frames arrive in order: if "quiet" answered, its frame would come before "loud".
  assert.equal(await ask(client, { action: 'loud' }), 'loud');
  client.ws.close();
});

test('HTTP and HTTP_PROXY integrations: request templates shape what goes upstream', async () => {
  const apiId = await createWebSocketApi(app, [
    {
      routeKey: 'http',
      integration: {
        IntegrationType: 'HTTP',
        IntegrationMethod: 'PUT',
        IntegrationUri: `${upstreamUrl}/items`,
        TemplateSelectionExpression: '\\$default',
        RequestTemplates: { $default: '{"who":"$context.connectionId","item":$input.json(\'$.item\')}' },
      },
      twoWay: true,
      responses: { '/2\\d\\d/': { $default: '{"upstream":$input.json(\'$.body\')}' } },
    },
    { routeKey: 'proxy', integration: { IntegrationType: 'HTTP_PROXY', IntegrationMethod: 'POST', IntegrationUri: `${upstreamUrl}/raw` }, twoWay: true },
  ]);
  const client = await connectClient(wsUrl(app, apiId));
  const mapped = JSON.parse(await ask(client, { action: 'http', item: { n: 1 } }));
  const sent = JSON.parse(mapped.upstream);
  assert.deepEqual(sent.item, { n: 1 });
  assert.match(sent.who, /^[A-Za-z0-9_-]{15}=$/);
  const proxied = JSON.parse(await ask(client, { action: 'proxy', x: 1 }));
  assert.deepEqual(proxied, { method: 'POST', path: '/raw', body: '{"action":"proxy","x":1}' });
  client.ws.close();
});
