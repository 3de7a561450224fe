// REST API binary payloads end to end: binaryMediaTypes with a Lambda proxy (base64 event
// body, isBase64Encoded results decoded for a binary Accept), contentHandling on HTTP
// integration requests and responses as AWS's content type conversion tables say, and a
// customised gateway response for requests no resource matches.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutGatewayResponseCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  type PutIntegrationRequest,
  type PutIntegrationResponseRequest,
} from '@aws-sdk/client-api-gateway';
import { clientConfig, startTestServer } from './helpers.ts';
import { createFunction, ECHO, fnArn } from './http-api-setup.ts';
import type { Localgate } from '../src/app.ts';

const lambdaUri = (name: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${fnArn(name)}/invocations`;
/** A PNG-looking payload that is not valid UTF-8. */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80]);
/** Answers PNG as image/png, base64-encoded, as AWS documents for binary proxy results. */
const IMAGE = `exports.handler = async () => ({ statusCode: 200, headers: { 'Content-Type': 'image/png' }, body: '${PNG.toString('base64')}', isBase64Encoded: true });`;

let app: Localgate;
let gw: APIGatewayClient;
let apiId: string;
let rootId: string;
let upstream: Server;
let upstreamUrl: string;
/** What the upstream last received. */
let received: Buffer = Buffer.alloc(0);

async function method(pathPart: string, httpMethod: string, integration: Omit<PutIntegrationRequest, 'restApiId' | 'resourceId' | 'httpMethod'>, responses: Array<Omit<PutIntegrationResponseRequest, 'restApiId' | 'resourceId' | 'httpMethod'>> = []) {
  const { id } = await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart }));
  await gw.send(new PutMethodCommand({ restApiId: apiId, resourceId: id, httpMethod, authorizationType: 'NONE' }));
  await gw.send(new PutIntegrationCommand({ restApiId: apiId, resourceId: id, httpMethod, ...integration }));
  for (const r of responses) {
    await gw.send(new PutMethodResponseCommand({ restApiId: apiId, resourceId: id, httpMethod, statusCode: r.statusCode }));
    await gw.send(new PutIntegrationResponseCommand({ restApiId: apiId, resourceId: id, httpMethod, ...r }));
  }
}

async function call(path: string, init: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}) {
  const body = typeof init.body === 'string' || init.body === undefined ? init.body : new Uint8Array(init.body);
  const res = await fetch(`${app.url}/restapis/${apiId}/test/_user_request_${path}`, { ...init, body });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

before(async () => {
  // Records the request body; answers the PNG bytes as image/png, or (under /text) base64 text as text/plain.
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received = Buffer.concat(chunks);
      if (req.url?.startsWith('/text')) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(PNG.toString('base64'));
      } else {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(PNG);
      }
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;

  app = await startTestServer();
  gw = new APIGatewayClient(clientConfig(app));
  await createFunction(app, 'echo', ECHO);
  await createFunction(app, 'image', IMAGE);
  apiId = (await gw.send(new CreateRestApiCommand({ name: 'binary', binaryMediaTypes: ['image/png', 'application/octet-stream'] }))).id!;
  rootId = (await gw.send(new GetResourcesCommand({ restApiId: apiId }))).items![0].id!;
  const proxy = (fn: string) => ({ type: 'AWS_PROXY' as const, integrationHttpMethod: 'POST', uri: lambdaUri(fn) });
  await method('echo', 'POST', proxy('echo'));
  await method('image', 'GET', proxy('image'));
  const ok = { statusCode: '200' };
  await method('to-text', 'POST', { type: 'HTTP', integrationHttpMethod: 'POST', uri: `${upstreamUrl}/in`, contentHandling: 'CONVERT_TO_TEXT' }, [ok]);
  await method('to-binary', 'POST', { type: 'HTTP', integrationHttpMethod: 'POST', uri: `${upstreamUrl}/in`, contentHandling: 'CONVERT_TO_BINARY' }, [ok]);
  await method('photo', 'GET', { type: 'HTTP', integrationHttpMethod: 'GET', uri: `${upstreamUrl}/photo` }, [ok]);
  await method('photo-text', 'GET', { type: 'HTTP', integrationHttpMethod: 'GET', uri: `${upstreamUrl}/photo` }, [{ ...ok, contentHandling: 'CONVERT_TO_TEXT' }]);
  await method('encoded', 'GET', { type: 'HTTP', integrationHttpMethod: 'GET', uri: `${upstreamUrl}/text` }, [{ ...ok, contentHandling: 'CONVERT_TO_BINARY' }]);
  await method('mock', 'GET', { type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }, [{ ...ok, responseTemplates: { 'application/json': '{"mock": true}' } }]);
  await gw.send(
    new PutGatewayResponseCommand({
      restApiId: apiId,
      responseType: 'MISSING_AUTHENTICATION_TOKEN',
      statusCode: '404',
      responseParameters: { 'gatewayresponse.header.X-Why': "'no-route'" },
      responseTemplates: { 'application/json': '{"error": $context.error.messageString, "path": "$context.path"}' },
    }),
  );
  await gw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'test' }));
});

after(async () => {
  gw.destroy();
  await app.close();
  await new Promise((r) => upstream.close(r));
});

test('a binary request body reaches a Lambda proxy base64-encoded with isBase64Encoded true', async () => {
  const res = await call('/echo', { method: 'POST', headers: { 'content-type': 'image/png' }, body: PNG });
  assert.equal(res.status, 200);
  const event = JSON.parse(res.body.toString()) as { body: string; isBase64Encoded: boolean };
  assert.equal(event.isBase64Encoded, true);
  assert.equal(event.body, PNG.toString('base64'));
  const text = JSON.parse((await call('/echo', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' })).body.toString()) as { body: string; isBase64Encoded: boolean };
  assert.deepEqual([text.body, text.isBase64Encoded], ['hello', false]);
});

test('an isBase64Encoded Lambda proxy result is decoded for a binary Accept, left base64 for a text one', async () => {
  const binary = await call('/image', { headers: { accept: 'image/png' } });
  assert.equal(binary.status, 200);
  assert.equal(binary.headers.get('content-type'), 'image/png');
  assert.deepEqual(binary.body, PNG);
  const text = await call('/image', { headers: { accept: 'application/json' } });
  assert.equal(text.body.toString(), PNG.toString('base64'));
});

test('integration request contentHandling: CONVERT_TO_TEXT base64-encodes a binary body, CONVERT_TO_BINARY decodes a text one', async () => {
  assert.equal((await call('/to-text', { method: 'POST', headers: { 'content-type': 'image/png' }, body: PNG })).status, 200);
  assert.equal(received.toString(), PNG.toString('base64'));
  // A text body is left alone by CONVERT_TO_TEXT.
  await call('/to-text', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'plain' });
  assert.equal(received.toString(), 'plain');
  assert.equal((await call('/to-binary', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: PNG.toString('base64') })).status, 200);
  assert.deepEqual(received, PNG);
  // A binary body is left alone by CONVERT_TO_BINARY.
  await call('/to-binary', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: PNG });
  assert.deepEqual(received, PNG);
});

test('CONVERT_TO_BINARY of text that is not base64 is a 500 configuration error', async () => {
  const res = await call('/to-binary', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'not base64!' });
  assert.equal(res.status, 500);
  assert.deepEqual(JSON.parse(res.body.toString()), { message: 'Internal server error' });
});

test('integration response: a binary payload goes out as bytes for a binary Accept, base64 for a text Accept or CONVERT_TO_TEXT', async () => {
  assert.deepEqual((await call('/photo', { headers: { accept: 'image/png' } })).body, PNG);
  assert.equal((await call('/photo', { headers: { accept: 'application/json' } })).body.toString(), PNG.toString('base64'));
  assert.equal((await call('/photo-text', { headers: { accept: 'image/png' } })).body.toString(), PNG.toString('base64'));
  assert.deepEqual((await call('/encoded', { headers: { accept: 'application/json' } })).body, PNG);
  // A MOCK's (text) payload for a text Accept is left alone.
  const mock = await call('/mock', { headers: { accept: 'application/json' } });
  assert.deepEqual([mock.status, mock.body.toString()], [200, '{"mock": true}']);
});

test("a request no resource matches is answered with the deployment's customised MISSING_AUTHENTICATION_TOKEN", async () => {
  const res = await call('/nowhere/at/all');
  assert.equal(res.status, 404);
  assert.equal(res.headers.get('x-why'), 'no-route');
  assert.equal(res.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
  assert.deepEqual(JSON.parse(res.body.toString()), { error: 'Missing Authentication Token', path: '/test/nowhere/at/all' });
  // A known path with an unknown method is unmatched too.
  const wrongMethod = await call('/mock', { method: 'DELETE' });
  assert.equal(wrongMethod.status, 404);
  assert.equal(wrongMethod.headers.get('x-why'), 'no-route');
});
