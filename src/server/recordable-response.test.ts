import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RecordableResponse } from './recordable-response.ts';

/** Serves one request with `answer` and gives back the client's view of the answer. */
async function answered(answer: (res: RecordableResponse) => void): Promise<IncomingMessage & { text: string }> {
  const server = createServer({ ServerResponse: RecordableResponse }, (_req, res) => {
    res.sendRequestId('the-id');
    answer(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await new Promise((resolve, reject) => {
      request({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve(Object.assign(res, { text })));
      })
        .on('error', reject)
        .end();
    });
  } finally {
    server.close();
  }
}

/** Header names in the order they arrived, without node's own (Date, Connection, ...). */
const names = (res: IncomingMessage) => res.rawHeaders.filter((_, i) => i % 2 === 0).filter((n) => !['Date', 'Connection', 'Keep-Alive', 'Transfer-Encoding'].includes(n));

test('the request id goes out first with headers given to writeHead', async () => {
  const res = await answered((r) => {
    r.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 2 });
    r.end('ok');
  });
  assert.deepEqual(names(res), ['x-amzn-RequestId', 'Content-Type', 'Content-Length']);
  assert.equal(res.headers['x-amzn-requestid'], 'the-id');
  assert.equal(res.text, 'ok');
});

test("a handler's own request id header wins, once, in the first place", async () => {
  const res = await answered((r) => {
    r.writeHead(201, 'Made', { 'Content-Type': 'text/plain', 'X-Amzn-RequestId': 'own' });
    r.end();
  });
  assert.equal(res.statusCode, 201);
  assert.equal(res.statusMessage, 'Made');
  assert.deepEqual(names(res), ['X-Amzn-RequestId', 'Content-Type']);
  assert.equal(res.headers['x-amzn-requestid'], 'own');
});

test('removing the header before the head goes out keeps it out', async () => {
  const res = await answered((r) => {
    r.removeHeader('X-AMZN-REQUESTID');
    r.writeHead(404, { 'Content-Length': 0 });
    r.end();
  });
  assert.equal(res.statusCode, 404);
  assert.equal(res.headers['x-amzn-requestid'], undefined);
});

test('headers set one by one, implicit heads, lists and names differing in case keep node merging them', async () => {
  const oneByOne = await answered((r) => {
    r.setHeader('Vary', 'Origin');
    r.writeHead(200, { 'Content-Length': 0 });
    r.end();
  });
  assert.equal(oneByOne.headers['x-amzn-requestid'], 'the-id');
  assert.equal(oneByOne.headers.vary, 'Origin');
  const implicit = await answered((r) => {
    r.statusCode = 202;
    r.end('x');
  });
  assert.equal(implicit.statusCode, 202);
  assert.equal(implicit.headers['x-amzn-requestid'], 'the-id');
  const list = await answered((r) => {
    r.writeHead(200, ['A', '1', 'Content-Length', '0']);
    r.end();
  });
  assert.deepEqual([list.headers['x-amzn-requestid'], list.headers.a], ['the-id', '1']);
  const cased = await answered((r) => {
    r.writeHead(200, { 'content-type': 'text/a', 'Content-Type': 'text/b', 'Content-Length': 0 });
    r.end();
  });
  assert.deepEqual(cased.rawHeaders.filter((h) => h.toLowerCase() === 'content-type'), ['Content-Type']);
  assert.equal(cased.headers['content-type'], 'text/b');
  assert.equal(cased.headers['x-amzn-requestid'], 'the-id');
});

test('the console recorder sees the request id among the head arguments', async () => {
  let head: unknown[] = [];
  await answered((r) => {
    r.recorder = { head: (args) => (head = args), chunk: () => undefined, end: () => undefined };
    r.writeHead(200, { 'Content-Length': 0 });
    r.end();
  });
  assert.deepEqual(head, [200, { 'x-amzn-RequestId': 'the-id', 'Content-Length': 0 }]);
});
