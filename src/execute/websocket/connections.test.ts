import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WebSocket } from 'ws';
import { ConnectionRegistry, type Connection } from './connections.ts';

function fakeConnection(id: string, closes: Array<[number, string]>): Connection {
  const socket = { close: (code: number, reason: string) => closes.push([code, reason]), terminate: () => undefined } as unknown as WebSocket;
  return { id, apiId: 'a', stage: 's', domainName: 'd', path: '/s', connectedAt: 0, lastActiveAt: 0, sourceIp: '127.0.0.1', userAgent: '', socket };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('an idle connection is closed with 1001 Going away; activity keeps it open', async () => {
  const registry = new ConnectionRegistry({ idleMs: 300, maxDurationMs: 10_000 });
  const closes: Array<[number, string]> = [];
  registry.add(fakeConnection('busy', closes));
  // Touched every 50 ms for 400 ms: longer than the idle limit, still open.
  for (let i = 0; i < 8; i++) {
    await wait(50);
    registry.touch('busy');
  }
  assert.deepEqual(closes, []);
  await wait(700);
  assert.deepEqual(closes, [[1001, 'Going away']]);
  assert.deepEqual(registry.get('busy')?.closedBy, { code: 1001, reason: 'Going away' });
  registry.remove('busy');
  assert.equal(registry.size, 0);
});

test('the lifetime limit closes even an active connection', async () => {
  const registry = new ConnectionRegistry({ idleMs: 10_000, maxDurationMs: 50 });
  const closes: Array<[number, string]> = [];
  registry.add(fakeConnection('c', closes));
  registry.touch('c', 123);
  assert.equal(registry.get('c')?.lastActiveAt, 123);
  await wait(100);
  assert.deepEqual(closes, [[1001, 'Going away']]);
  registry.remove('c');
});

test('closing an unknown connection reports false', () => {
  assert.equal(new ConnectionRegistry().close('nope', 1000, ''), false);
});
