// WebSocket APIs: an AWS (Lambda, non-proxy) integration's function errors matched against
// integration responses by errorMessage, and $connect, messages and $disconnect in the
// console's request log with the route, integration, event and function response.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectConsole, startTestServer } from './helpers.ts';
import { createFunction, fnArn } from './http-api-setup.ts';
import { ask, connectClient, createWebSocketApi, lambdaInvokeUri, wsUrl } from './websocket-setup.ts';
import type { Localgate } from '../src/app.ts';

let app: Localgate;

const ITEMS = `exports.handler = async (event) => {
  if (event.missing) throw new Error('Not found: item ' + event.missing);
  if (event.other) throw new Error('something else');
  return { item: event.item };
};`;
const ECHO = `exports.handler = async (event) => ({ statusCode: 200, body: 'got ' + event.body });`;

before(async () => {
  app = await startTestServer();
  await createFunction(app, 'ws-items', ITEMS);
  await createFunction(app, 'ws-console-echo', ECHO);
});
after(() => app.close());

const consoleApi = async (path: string) => (await fetch(`${app.url}/_localgate/api/${path}`)).json();

test('AWS integration: a function error is matched by its errorMessage; success and other errors take $default', async () => {
  const apiId = await createWebSocketApi(app, [
    {
      routeKey: '$default',
      integration: {
        IntegrationType: 'AWS',
        IntegrationMethod: 'POST',
        IntegrationUri: lambdaInvokeUri(fnArn('ws-items')),
        TemplateSelectionExpression: '\\$default',
        RequestTemplates: { $default: '$input.body' },
      },
      twoWay: true,
      responses: {
        '/Not found: .*/': { $default: '{"error":"missing","message":$input.json(\'$.errorMessage\')}' },
        $default: { $default: '{"result":$input.json(\'$\')}' },
      },
    },
  ]);
  const client = await connectClient(wsUrl(app, apiId));
  assert.deepEqual(JSON.parse(await ask(client, { missing: 7 })), { error: 'missing', message: 'Not found: item 7' });
  assert.deepEqual(JSON.parse(await ask(client, { item: 'a' })), { result: { item: 'a' } });
  const other = JSON.parse(await ask(client, { other: true }));
  assert.equal(other.result.errorMessage, 'something else');
  assert.equal(other.result.errorType, 'Error');
  client.ws.close();
});

test('AWS integration: a function error no integration response takes is the Internal server error frame', async () => {
  const apiId = await createWebSocketApi(app, [
    {
      routeKey: '$default',
      integration: { IntegrationType: 'AWS', IntegrationMethod: 'POST', IntegrationUri: lambdaInvokeUri(fnArn('ws-items')), TemplateSelectionExpression: '\\$default', RequestTemplates: { $default: '$input.body' } },
      twoWay: true,
      responses: { '/Not found: .*/': { $default: 'missing' } },
    },
  ]);
  const client = await connectClient(wsUrl(app, apiId));
  assert.equal(await ask(client, { missing: 1 }), 'missing');
  assert.match(await ask(client, { other: true }), /^\{"message": "Internal server error", "connectionId":"[^"]+", "requestId":"[^"]+"\}$/);
  client.ws.close();
});

test('the request log records $connect, each message and $disconnect with the event and the function response', async () => {
  // Steps (route, event, function response) are recorded while a console is connected.
  after(await connectConsole(app));
  const apiId = await createWebSocketApi(app, [
    { routeKey: '$connect', integration: { IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn('ws-console-echo') } },
    { routeKey: 'say', integration: { IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn('ws-console-echo') }, twoWay: true },
    { routeKey: '$disconnect', integration: { IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn('ws-console-echo') } },
  ]);
  const client = await connectClient(wsUrl(app, apiId, 'dev', '?room=7'));
  assert.equal(await ask(client, { action: 'say', text: 'hi' }), 'got {"action":"say","text":"hi"}');
  assert.match(await ask(client, { action: 'nothing' }), /^\{"message": "Forbidden"/);
  client.ws.close(4000, 'bye');
  await client.closed;

  // $disconnect runs after the close: wait until it is logged.
  let items: Array<Record<string, unknown>> = [];
  for (let i = 0; i < 200 && !items.some((e) => e.method === 'DISCONNECT'); i++) {
    await new Promise((r) => setTimeout(r, 25));
    items = (await consoleApi(`requests?apiId=${apiId}`)).items;
  }
  const [disconnect, forbidden, say, connect] = items;
  const connectionId = connect.connectionId as string;
  assert.match(connectionId, /^[A-Za-z0-9_-]{15}=$/);
  assert.deepEqual(
    items.map((e) => [e.method, e.path, e.route, e.integration, e.status, e.outcome, e.kind, e.stage, e.connectionId]),
    [
      ['DISCONNECT', `/execute-api/${apiId}/dev`, '$disconnect', 'AWS_PROXY', 200, 'disconnected (4000 bye)', 'WEBSOCKET', 'dev', connectionId],
      ['MESSAGE', `/execute-api/${apiId}/dev`, undefined, undefined, 403, 'Forbidden error frame', 'WEBSOCKET', 'dev', connectionId],
      ['MESSAGE', `/execute-api/${apiId}/dev`, 'say', 'AWS_PROXY', 200, 'replied', 'WEBSOCKET', 'dev', connectionId],
      ['CONNECT', `/execute-api/${apiId}/dev?room=7`, '$connect', 'AWS_PROXY', 101, 'connected', 'WEBSOCKET', 'dev', connectionId],
    ],
  );

  const sayDetail = await consoleApi(`requests/${say.id}`);
  assert.equal(sayDetail.event.requestContext.eventType, 'MESSAGE');
  assert.equal(sayDetail.event.requestContext.connectionId, connectionId);
  assert.equal(sayDetail.event.body, '{"action":"say","text":"hi"}');
  assert.deepEqual(sayDetail.functionResponse, { statusCode: 200, body: 'got {"action":"say","text":"hi"}' });
  assert.equal(sayDetail.request.body.text, '{"action":"say","text":"hi"}');
  assert.equal(sayDetail.response.body.text, 'got {"action":"say","text":"hi"}');
  assert.equal(sayDetail.invocations.length, 1);
  assert.match(sayDetail.invocations[0].log, /REPORT RequestId: /);

  const connectDetail = await consoleApi(`requests/${connect.id}`);
  assert.deepEqual(connectDetail.event.queryStringParameters, { room: '7' });
  assert.equal(connectDetail.event.requestContext.eventType, 'CONNECT');
  assert.ok(connectDetail.request.headers.some(([k]: [string]) => k.toLowerCase() === 'sec-websocket-key'));

  const forbiddenDetail = await consoleApi(`requests/${forbidden.id}`);
  assert.match(forbiddenDetail.response.body.text, /^\{"message": "Forbidden", "connectionId":"/);
  assert.equal(forbiddenDetail.error, 'No route matches the message and there is no $default route');

  const disconnectDetail = await consoleApi(`requests/${disconnect.id}`);
  assert.equal(disconnectDetail.event.requestContext.disconnectStatusCode, 4000);
  assert.equal(disconnectDetail.event.requestContext.disconnectReason, 'bye');
});
