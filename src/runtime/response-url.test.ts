// The node bootstrap's ResponseURL following (bootstraps/node/response-url.cjs): https
// requests for a custom resource's http ResponseURL reach it over http, others are untouched.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

const { followResponseUrl } = createRequire(import.meta.url)('./bootstraps/node/response-url.cjs') as { followResponseUrl: (event: unknown) => void };

const PATH = '/_localgate/cloudformation/custom-resource-response/';

describe('following a custom resource ResponseURL', () => {
  let server: Server;
  let port: number;
  const seen: Array<{ method?: string; url?: string; body: string }> = [];
  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, body });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => server.close());

  /** Sends a request through https and resolves with its status, or the error's code. */
  const send = (make: (done: (res: IncomingMessage) => void) => ReturnType<typeof https.request>, body = '') =>
    new Promise<number | string>((resolve) => {
      const req = make((res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      });
      req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
      req.end(body);
    });

  it('leaves https alone until an event carries an http ResponseURL', () => {
    const { request } = https;
    followResponseUrl({ RequestType: 'Create' });
    followResponseUrl({ ResponseURL: 'https://bucket.s3.amazonaws.com/presigned' });
    followResponseUrl('not an event');
    followResponseUrl(null);
    assert.equal(https.request, request);
  });

  it('sends https.request({ hostname, path }) for the ResponseURL over http to its port, as aws-cdk-lib handlers call it', async () => {
    followResponseUrl({ RequestType: 'Create', ResponseURL: `http://127.0.0.1:${port}${PATH}token-1` });
    const body = JSON.stringify({ Status: 'SUCCESS', PhysicalResourceId: 'p' });
    const options = { hostname: '127.0.0.1', path: `${PATH}token-1`, method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } };
    assert.equal(await send((done) => https.request(options, done), body), 200);
    assert.deepEqual(seen.at(-1), { method: 'PUT', url: `${PATH}token-1`, body });
  });

  it('also for another request of the same function, given as a URL, with https.get, or as the http URL itself', async () => {
    assert.equal(await send((done) => https.request(`https://127.0.0.1${PATH}token-2`, { method: 'PUT' }, done), 'two'), 200);
    assert.deepEqual(seen.at(-1), { method: 'PUT', url: `${PATH}token-2`, body: 'two' });
    assert.equal(await send((done) => https.get(new URL(`https://127.0.0.1${PATH}token-3`), done)), 200);
    assert.deepEqual(seen.at(-1), { method: 'GET', url: `${PATH}token-3`, body: '' });
    assert.equal(await send((done) => https.request(`http://127.0.0.1:${port}${PATH}token-4`, { method: 'PUT' }, done), 'four'), 200);
    assert.deepEqual(seen.at(-1), { method: 'PUT', url: `${PATH}token-4`, body: 'four' });
  });

  it('does not touch https requests for other paths, ports or hosts', async () => {
    const count = seen.length;
    const other = await send((done) => https.request({ hostname: '127.0.0.1', port, path: `${PATH}token-5`, method: 'PUT' }, done));
    assert.equal(typeof other, 'string'); // TLS to a plain http server fails
    assert.equal(typeof (await send((done) => https.request('https://localhost.invalid/elsewhere', done))), 'string');
    assert.throws(() => https.request(`http://127.0.0.1:${port}/elsewhere`), { code: 'ERR_INVALID_PROTOCOL' });
    assert.equal(seen.length, count);
  });
});
