// The @connections API and the connection lifecycle end to end: PostToConnection,
// GetConnection and DeleteConnection with the real SDK at the invoke URL (path form, and the
// host form by Host header), GoneException, a chat function that broadcasts from inside
// Lambda with the SDK, $disconnect events, the message size limit, binary frames, and many
// concurrent connections.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { zipSync, strToU8 } from 'fflate';
import { clientConfig, startTestServer } from './helpers.ts';
import { ACCOUNT, fnArn, rawRequest } from './http-api-setup.ts';
import { ask, connectClient, createWebSocketApi, wsUrl, type Client } from './websocket-setup.ts';
import type { Localgate } from '../src/app.ts';

let app: Localgate;

// whoami answers the connection id; send posts `text` to every id in `to` with the SDK from
// inside the function; $disconnect tells `watcher` who left and why.
const CHAT = `const { ApiGatewayManagementApiClient, PostToConnectionCommand } = require('@aws-sdk/client-apigatewaymanagementapi');
const client = new ApiGatewayManagementApiClient({ endpoint: process.env.WS_ENDPOINT });
exports.handler = async (event) => {
  const rc = event.requestContext;
  if (rc.eventType === 'DISCONNECT') {
    const watcher = process.env.WATCHER_FILE && require('fs').existsSync(process.env.WATCHER_FILE) ? require('fs').readFileSync(process.env.WATCHER_FILE, 'utf8') : '';
    if (watcher) await client.send(new PostToConnectionCommand({ ConnectionId: watcher, Data: JSON.stringify({ left: rc.connectionId, code: rc.disconnectStatusCode, reason: rc.disconnectReason }) })).catch(() => {});
    return { statusCode: 200 };
  }
  const msg = JSON.parse(event.body);
  if (msg.action === 'whoami') return { statusCode: 200, body: rc.connectionId };
  if (msg.action === 'watch') { require('fs').writeFileSync(process.env.WATCHER_FILE, rc.connectionId); return { statusCode: 200, body: 'watching' }; }
  let sent = 0;
  for (const to of msg.to) {
    await client.send(new PostToConnectionCommand({ ConnectionId: to, Data: JSON.stringify({ from: rc.connectionId, text: msg.text }) }));
    sent++;
  }
  return { statusCode: 200, body: 'sent ' + sent };
};`;

let chatApi: string;
const mgmt = (apiId: string, stage = 'dev') =>
  new ApiGatewayManagementApiClient({ ...clientConfig(app), endpoint: `${app.url}/execute-api/${apiId}/${stage}` });

before(async () => {
  app = await startTestServer();
  const watcherFile = `/tmp/localgate-ws-watcher-${process.pid}-${Date.now()}`;
  chatApi = await createWebSocketApi(app, [
    { routeKey: '$default', integration: { IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn('ws-chat') }, twoWay: true },
    { routeKey: '$disconnect', integration: { IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn('ws-chat') } },
  ]);
  const lambda = new LambdaClient(clientConfig(app));
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'ws-chat',
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Role: `arn:aws:iam::${ACCOUNT}:role/lambda-role`,
      Timeout: 10,
      Code: { ZipFile: zipSync({ 'index.js': strToU8(CHAT) }) },
      // The function's endpoint names the API and stage, as on AWS. The SDK it requires comes
      // from the runtime, as on AWS's nodejs runtimes.
      Environment: { Variables: { WS_ENDPOINT: `${app.url}/execute-api/${chatApi}/dev`, WATCHER_FILE: watcherFile } },
    }),
  );
  lambda.destroy();
});
after(() => app.close());

async function whoami(client: Client) {
  return ask(client, { action: 'whoami' });
}

test('chat: a function broadcasts to other connections with PostToConnection', async () => {
  const [a, b, c] = await Promise.all([1, 2, 3].map(() => connectClient(wsUrl(app, chatApi))));
  const [idA, idB, idC] = await Promise.all([a, b, c].map(whoami));
  a.ws.send(JSON.stringify({ action: 'send', to: [idB, idC], text: 'hello all' }));
  assert.deepEqual(JSON.parse(await b.next()), { from: idA, text: 'hello all' });
  assert.deepEqual(JSON.parse(await c.next()), { from: idA, text: 'hello all' });
  assert.equal(await a.next(), 'sent 2');
  for (const x of [a, b, c]) x.ws.close();
});

test('GetConnection, PostToConnection (text and binary), DeleteConnection, then GoneException', async () => {
  const client = await connectClient(wsUrl(app, chatApi), { headers: { 'user-agent': 'agent/7' } });
  const id = await whoami(client);
  const api = mgmt(chatApi);
  const info = await api.send(new GetConnectionCommand({ ConnectionId: id }));
  assert.deepEqual(info.Identity, { SourceIp: '127.0.0.1', UserAgent: 'agent/7' });
  assert.ok(info.ConnectedAt instanceof Date && info.LastActiveAt instanceof Date);
  assert.ok(info.LastActiveAt!.getTime() >= info.ConnectedAt!.getTime());

  await api.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'plain text' }));
  assert.equal(await client.next(), 'plain text');
  await api.send(new PostToConnectionCommand({ ConnectionId: id, Data: new Uint8Array([0xff, 0x00, 0xfe]) }));
  assert.equal(await client.next(), 'binary:ff00fe');

  // The connection belongs to its API and stage only.
  const otherApi = await createWebSocketApi(app, []);
  await assert.rejects(mgmt(otherApi).send(new GetConnectionCommand({ ConnectionId: id })), (e: Error) => e.name === 'GoneException');

  await api.send(new DeleteConnectionCommand({ ConnectionId: id }));
  assert.equal((await client.closed).code, 1000);
  await assert.rejects(api.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'late' })), (e: GoneException) => e.name === 'GoneException' && e.$metadata.httpStatusCode === 410);
  await assert.rejects(api.send(new GetConnectionCommand({ ConnectionId: id })), (e: Error) => e.name === 'GoneException');
  await assert.rejects(api.send(new DeleteConnectionCommand({ ConnectionId: 'AAAAAAAAAAAAAAA=' })), (e: Error) => e.name === 'GoneException');
  api.destroy();
});

test('@connections at the host form and at the root, and an oversize PostToConnection', async () => {
  const client = await connectClient(wsUrl(app, chatApi));
  const id = await whoami(client);
  const viaHost = await rawRequest(`${app.url}/dev/@connections/${encodeURIComponent(id)}`, { method: 'POST', headers: { host: `${chatApi}.execute-api.localhost:${app.port}` }, body: 'via host' });
  assert.equal(viaHost.status, 200);
  assert.equal(await client.next(), 'via host');
  const root = new ApiGatewayManagementApiClient({ ...clientConfig(app), endpoint: app.url });
  await root.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'via root' }));
  assert.equal(await client.next(), 'via root');
  await assert.rejects(root.send(new PostToConnectionCommand({ ConnectionId: id, Data: new Uint8Array(128 * 1024 + 1) })), (e: Error & { $metadata: { httpStatusCode?: number } }) => e.name === 'PayloadTooLargeException' && e.$metadata.httpStatusCode === 413);
  root.destroy();
  client.ws.close();
});

test('$disconnect runs with the close code and reason when the client closes', async () => {
  const watcher = await connectClient(wsUrl(app, chatApi));
  assert.equal(await ask(watcher, { action: 'watch' }), 'watching');
  const leaver = await connectClient(wsUrl(app, chatApi));
  const id = await whoami(leaver);
  leaver.ws.close(4001, 'done here');
  // Connections of earlier tests may still be leaving: wait for this one's notice.
  let notice;
  do notice = JSON.parse(await watcher.next());
  while (notice.left !== id);
  assert.deepEqual(notice, { left: id, code: 4001, reason: 'done here' });
  watcher.ws.close();
});

test('limits: a message over 128 KB closes with 1009, a binary frame with 1003', async () => {
  const apiId = await createWebSocketApi(app, [{ routeKey: '$default', integration: { IntegrationType: 'MOCK', RequestTemplates: { $default: '{"statusCode":200}' }, TemplateSelectionExpression: '\\$default' } }]);
  const big = await connectClient(wsUrl(app, apiId));
  big.ws.send('x'.repeat(128 * 1024 + 1));
  assert.equal((await big.closed).code, 1009);
  const binary = await connectClient(wsUrl(app, apiId));
  binary.ws.send(Buffer.from([1, 2, 3]));
  assert.equal((await binary.closed).code, 1003);
});

test('frames: a message split into frames of 32 KB or less passes; a 32 KB + 1 frame closes with 1009', async () => {
  const client = await connectClient(wsUrl(app, chatApi));
  const id = await whoami(client);
  // About 100 KB in frames of 32 KB: under both quotas, so the function gets the whole message.
  const message = JSON.stringify({ action: 'whoami', pad: 'y'.repeat(100 * 1024) });
  const FRAME = 32 * 1024;
  for (let at = 0; at < message.length; at += FRAME) client.ws.send(message.slice(at, at + FRAME), { fin: at + FRAME >= message.length });
  assert.equal(await client.next(), id);
  client.ws.send('x'.repeat(FRAME + 1));
  assert.equal((await client.closed).code, 1009);
});

test('1,000 concurrent connections each get their own answer', async () => {
  const apiId = await createWebSocketApi(app, [
    {
      routeKey: '$default',
      integration: { IntegrationType: 'MOCK', RequestTemplates: { $default: '{"statusCode":200}' }, TemplateSelectionExpression: '\\$default' },
      twoWay: true,
      responses: { $default: { $default: '$context.connectionId' } },
    },
  ]);
  const clients = await Promise.all(Array.from({ length: 1000 }, () => connectClient(wsUrl(app, apiId))));
  const ids = await Promise.all(clients.map((c) => ask(c, 'who')));
  assert.equal(new Set(ids).size, 1000);
  const api = mgmt(apiId);
  await Promise.all(ids.map((id, i) => api.send(new PostToConnectionCommand({ ConnectionId: id, Data: `n${i}` }))));
  const got = await Promise.all(clients.map((c) => c.next()));
  assert.deepEqual(got, ids.map((_, i) => `n${i}`));
  api.destroy();
  for (const c of clients) c.ws.close();
  await Promise.all(clients.map((c) => c.closed));
});
