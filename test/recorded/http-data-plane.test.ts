// HTTP API (v2) data plane as AWS behaves. HTTP_PROXY integrations need an upstream server,
// so these are SDK-driven tests naming their source above each assertion block.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestServer } from '../helpers.ts';
import { createHttpApi, rawRequest } from '../http-api-setup.ts';
import type { Localgate } from '../../src/app.ts';

const proxy = (uri: string) => ({ IntegrationType: 'HTTP_PROXY' as const, IntegrationMethod: 'ANY', IntegrationUri: uri, PayloadFormatVersion: '1.0' });

describe('HTTP API HTTP_PROXY path forwarding', () => {
  let app: Localgate;
  let upstream: Server;
  let upstreamUrl: string;

  before(async () => {
    app = await startTestServer();
    // The upstream answers with the URL it was asked for.
    upstream = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ url: req.url }));
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  after(async () => {
    await app.close();
    await new Promise((r) => upstream.close(r));
  });

  const seenUrl = async (apiId: string, path: string) => {
    const res = await rawRequest(`${app.url}/execute-api/${apiId}${path}`);
    assert.equal(res.status, 200, res.body);
    return JSON.parse(res.body).url as string;
  };

  // localgate issue 13, "HTTP API data plane": the $default route forwards the request path
  // after the integration URI's own (AWS docs, "Create HTTP proxy integrations for HTTP APIs",
  // "Working with routes for HTTP APIs": $default catches requests that match no other route).
  it('the $default route forwards the request path after the URI path, with the query string', async () => {
    const atRoot = await createHttpApi(app, [{ routeKey: '$default', integration: proxy(upstreamUrl) }]);
    assert.equal(await seenUrl(atRoot, '/a/b%20c?x=1'), '/a/b%20c?x=1');
    assert.equal(await seenUrl(atRoot, '/'), '/');
    const based = await createHttpApi(app, [{ routeKey: '$default', integration: proxy(`${upstreamUrl}/base/`) }]);
    assert.equal(await seenUrl(based, '/a/b'), '/base/a/b');
  });

  // AWS docs, "Create HTTP proxy integrations for HTTP APIs": a greedy route forwards what the
  // integration URI's {proxy} names; a URI without it is the whole upstream URL.
  it('a greedy route forwards {proxy} where the URI names it, and the URI as it is otherwise', async () => {
    const apiId = await createHttpApi(app, [
      { routeKey: 'ANY /named/{proxy+}', integration: proxy(`${upstreamUrl}/petstore/{proxy}`) },
      { routeKey: 'ANY /unnamed/{proxy+}', integration: proxy(`${upstreamUrl}/fixed`) },
    ]);
    assert.equal(await seenUrl(apiId, '/named/pets/7?q=1'), '/petstore/pets/7?q=1');
    assert.equal(await seenUrl(apiId, '/unnamed/pets/7?q=1'), '/fixed?q=1');
  });
});
