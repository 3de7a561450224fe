// The Invoke front without execution environments: a recording pool stands in for them, so
// these tests see exactly what Lambda hands the pool and what it refuses before.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EnvironmentPool } from '../../runtime/pool.ts';
import type { FunctionSpec } from '../../runtime/launch.ts';
import type { FunctionLogRecord } from '../logs/index.ts';
import { LocalLambdaInvoker } from './invoke.ts';
import { LambdaStore } from './store.ts';
import { testFunction } from './testing.ts';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';

function setup() {
  const store = new LambdaStore();
  const fn = testFunction('fn');
  store.scope(ACCOUNT, REGION).functions.set('fn', fn);
  const calls: Array<{ key: string; spec: FunctionSpec; payload: string }> = [];
  const pool = {
    async invoke(key: string, spec: FunctionSpec, inv: { payload: Buffer; requestId: string }) {
      calls.push({ key, spec, payload: inv.payload.toString() });
      return { payload: Buffer.from('"done"'), log: `START RequestId: ${inv.requestId}\nhello\nEND\n`, logStream: 'stream-1' };
    },
    retire() {},
  } as unknown as EnvironmentPool;
  const logs: FunctionLogRecord[] = [];
  const invoker = new LocalLambdaInvoker(store, pool, { endpointUrl: () => 'http://127.0.0.1:4566', quiet: true, logSink: { write: (r) => logs.push(r) } });
  const invoke = (payload: Buffer | { event: unknown }) => invoker.invoke({ account: ACCOUNT, region: REGION, functionName: 'fn', payload });
  return { store, fn, calls, logs, invoke };
}

describe('LocalLambdaInvoker.invoke', () => {
  it("checks a client's payload as Lambda does, and serialises a built event without parsing it", async () => {
    const { calls, invoke, store } = setup();
    await assert.rejects(invoke(Buffer.from('{not json')), { code: 'InvalidRequestContentException', message: /^Could not parse request body into json: Could not parse payload into json: / });
    await assert.rejects(invoke(Buffer.alloc(6_291_457, 32)), { code: 'RequestTooLargeException', message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation' });
    await assert.rejects(invoke({ event: { body: 'x'.repeat(6_291_456) } }), { code: 'RequestTooLargeException' });
    assert.equal(calls.length, 0);
    await invoke(Buffer.alloc(0));
    await invoke(Buffer.from('[1, 2]'));
    await invoke({ event: { version: '2.0', body: 'caf\u00e9' } });
    assert.deepEqual(calls.map((c) => c.payload), ['{}', '[1, 2]', '{"version":"2.0","body":"café"}']);
    store.shutdown();
  });

  it('builds the spec once per revision, and hands each log to the sink given at construction', async () => {
    const { fn, calls, logs, invoke, store } = setup();
    await invoke({ event: {} });
    await invoke({ event: {} });
    assert.equal(calls[0].spec, calls[1].spec);
    assert.equal(calls[0].key, calls[1].key);
    assert.deepEqual([calls[0].spec.account, calls[0].spec.region, calls[0].spec.endpointUrl, calls[0].spec.logGroup], [ACCOUNT, REGION, 'http://127.0.0.1:4566', '/aws/lambda/fn']);
    fn.latest = { ...fn.latest, config: { ...fn.latest.config, Timeout: 9, RevisionId: 'r2' } };
    await invoke({ event: {} });
    assert.equal(calls[2].spec.timeoutSec, 9);
    assert.notEqual(calls[2].key, calls[0].key);
    // A new RevisionId alone (a permission change, PublishVersion) keeps the warm environments.
    fn.latest = { ...fn.latest, config: { ...fn.latest.config, RevisionId: 'r3' } };
    await invoke({ event: {} });
    assert.equal(calls[3].key, calls[2].key);
    assert.deepEqual(logs.map((l) => [l.logGroup, l.logStream, l.log.split('\n')[1]]), [
      ['/aws/lambda/fn', 'stream-1', 'hello'],
      ['/aws/lambda/fn', 'stream-1', 'hello'],
      ['/aws/lambda/fn', 'stream-1', 'hello'],
      ['/aws/lambda/fn', 'stream-1', 'hello'],
    ]);
    store.shutdown();
  });
});
