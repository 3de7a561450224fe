// Junk at the data plane: odd paths, broken percent-encoding, odd methods and hosts, on
// every invoke-URL form of an HTTP API, a REST API and a WebSocket API. Every answer must be
// an HTTP answer (no dropped connection), and the server must keep serving the real route.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { ApiGatewayV2Client, CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { clientConfig, startTestServer } from './helpers.ts';
import type { Localgate } from '../src/app.ts';

let app: Localgate;
let apiId: string;
let wsId: string;

before(async () => {
  app = await startTestServer();
  const v2 = new ApiGatewayV2Client(clientConfig(app));
  apiId = (await v2.send(new CreateApiCommand({ Name: 'junk', ProtocolType: 'HTTP' }))).ApiId!;
  const { IntegrationId } = await v2.send(
    new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'HTTP_PROXY', IntegrationMethod: 'GET', IntegrationUri: `${app.url}/_localgate/health`, PayloadFormatVersion: '1.0' }),
  );
  await v2.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /ok/{id}', Target: `integrations/${IntegrationId}` }));
  await v2.send(new CreateStageCommand({ ApiId: apiId, StageName: '$default', AutoDeploy: true }));
  wsId = (await v2.send(new CreateApiCommand({ Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }))).ApiId!;
  v2.destroy();
});
after(() => app.close());

/** A raw request (no URL normalisation), answering the status or 'no answer'. */
function raw(method: string, path: string, host: string, body?: Buffer): Promise<number | 'no answer'> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: app.port, method, path, headers: { host }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve('no answer'));
    req.end(body);
  });
}

const JUNK = ['/%', '/%zz', '/%C0%AF', '/..%2F..%2Fetc%2Fpasswd', '/a//b', '/{proxy+}', '/$default', '/' + 'x'.repeat(4000), '/%00', '/ok/%E2%82', '/?a=%&b', '/@connections/%%'];

test('junk paths, methods and hosts on every invoke-URL form get HTTP answers', async () => {
  const prefixes = [`/execute-api/${apiId}`, `/execute-api/${apiId}/$default`, `/_aws/execute-api/${apiId}/$default`, `/restapis/${apiId}/$default/_user_request_`, `/execute-api/${wsId}/dev`, '/execute-api/nope', '/restapis/nope/x/_user_request_'];
  let count = 0;
  for (const prefix of prefixes) {
    for (const junk of JUNK) {
      for (const method of ['GET', 'POST', 'DELETE', 'OPTIONS', 'PROPFIND']) {
        const status = await raw(method, prefix + junk, 'localhost', method === 'POST' ? Buffer.from('{"broken"') : undefined);
        assert.notEqual(status, 'no answer', `${method} ${prefix}${junk}`);
        assert.ok((status as number) >= 200 && (status as number) < 600, `${method} ${prefix}${junk} answered ${status}`);
        count++;
      }
    }
  }
  for (const host of [`${apiId}.execute-api.localhost`, `${apiId.toUpperCase()}.execute-api.localhost`, '.execute-api.localhost', `${'a'.repeat(300)}.execute-api.localhost`]) {
    for (const junk of JUNK) assert.notEqual(await raw('GET', junk, host), 'no answer', `${host}${junk}`);
  }
  assert.ok(count > 400);
  assert.equal(await raw('GET', `/execute-api/${apiId}/ok/1`, 'localhost'), 200);
});
