import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forwardHeaders, integrationUrl, proxyRequest, sharedIntegrationUrl } from './http-upstream.ts';
import { isFailure } from './integration.ts';

test('integration URLs: path variables substituted, the query appended', () => {
  const url = integrationUrl('http://example.com/items/{id}/{proxy+}?a=1', { id: 'x y', proxy: 'p/q r' }, 'b=2');
  assert.equal(url.href, 'http://example.com/items/x%20y/p/q%20r?a=1&b=2');
  assert.equal(integrationUrl('http://example.com/{missing}', undefined, '').pathname, '/%7Bmissing%7D');
});

test('a shared URL is parsed once per text; integrationUrl() always gives a URL of its own', () => {
  const uri = 'http://127.0.0.1:9/items/{id}';
  const one = sharedIntegrationUrl(uri, { id: '1' });
  assert.equal(one.href, 'http://127.0.0.1:9/items/1');
  assert.equal(sharedIntegrationUrl(uri, { id: '1' }), one);
  assert.notEqual(sharedIntegrationUrl(uri, { id: '2' }), one);
  assert.equal(sharedIntegrationUrl(uri, { id: '2' }).href, 'http://127.0.0.1:9/items/2');
  const own = integrationUrl(uri, { id: '1' }, '');
  assert.notEqual(own, one);
  own.pathname = '/changed';
  assert.equal(sharedIntegrationUrl(uri, { id: '1' }).href, 'http://127.0.0.1:9/items/1');
  assert.throws(() => sharedIntegrationUrl('not a url', undefined));
});

test('the upstream gets the shared URL and a URL of its own alike: path, query, Host, Forwarded', async () => {
  const seen: Array<{ url?: string; headers: IncomingHttpHeaders; rawHeaders: string[] }> = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url, headers: req.headers, rawHeaders: req.rawHeaders });
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as AddressInfo).port;
    const headers = new Map([['accept', ['a/b']], ['host', ['client.example']], ['connection', ['keep-alive']]]);
    for (const url of [sharedIntegrationUrl(`http://127.0.0.1:${port}/p/{id}?q=1`, { id: '7' }), integrationUrl(`http://127.0.0.1:${port}/p/{id}?q=1`, { id: '7' }, '')]) {
      const res = await proxyRequest({ url, method: 'GET', headers, body: Buffer.alloc(0), timeoutMs: 5000 }, forwardHeaders(headers, { forwarded: 'for=1.2.3.4' }));
      assert.ok(!isFailure(res));
      res.resume();
    }
    assert.equal(seen.length, 2);
    for (const s of seen) {
      assert.equal(s.url, '/p/7?q=1');
      assert.deepEqual(s.rawHeaders, ['accept', 'a/b', 'forwarded', 'for=1.2.3.4', 'content-length', '0', 'Host', `127.0.0.1:${port}`, 'Connection', 'keep-alive']);
    }
  } finally {
    server.close();
  }
});
