import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forwardHeaders, integrationUrl, proxyRequest } from './http-upstream.ts';
import { isFailure } from './integration.ts';

test('integration URLs: path variables substituted, the query appended', () => {
  const url = integrationUrl('http://example.com/items/{id}/{proxy+}?a=1', { id: 'x y', proxy: 'p/q r' }, 'b=2');
  assert.equal(url.href, 'http://example.com/items/x%20y/p/q%20r?a=1&b=2');
  assert.equal(integrationUrl('http://example.com/{missing}', undefined, '').pathname, '/%7Bmissing%7D');
});

test('the upstream gets the path, the query, the forwarded headers and its own Host', async () => {
  const seen: Array<{ url?: string; rawHeaders: string[] }> = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url, rawHeaders: req.rawHeaders });
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as AddressInfo).port;
    const headers = new Map([['accept', ['a/b']], ['host', ['client.example']], ['connection', ['keep-alive']]]);
    for (const query of ['', 'r=2']) {
      const url = integrationUrl(`http://127.0.0.1:${port}/p/{id}?q=1`, { id: '7' }, query);
      const res = await proxyRequest({ url, method: 'GET', headers, body: Buffer.alloc(0), timeoutMs: 5000 }, forwardHeaders(headers, { forwarded: 'for=1.2.3.4' }));
      assert.ok(!isFailure(res));
      res.resume();
    }
    assert.deepEqual(seen.map((s) => s.url), ['/p/7?q=1', '/p/7?q=1&r=2']);
    for (const s of seen) {
      assert.deepEqual(s.rawHeaders, ['accept', 'a/b', 'forwarded', 'for=1.2.3.4', 'content-length', '0', 'Host', `127.0.0.1:${port}`, 'Connection', 'keep-alive']);
    }
  } finally {
    server.close();
  }
});
