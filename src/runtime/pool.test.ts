// The environment pool with real node processes: one invocation per environment at a time,
// at most maxPerFunction environments (the rest queue), growth only when the environments
// are stuck, warm reuse, retirement of stale code, idle environments stopped, and nothing
// left after shutdown.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FunctionSpec } from './launch.ts';
import { EnvironmentPool, type PoolOptions } from './pool.ts';
import { stillRunning } from '../../test/processes.ts';

// `busy` proves one invocation at a time per process: a second one while the first sleeps
// would answer overlapped: true.
const CODE = `
let busy = false;
exports.handler = async (event) => {
  const overlapped = busy;
  busy = true;
  await new Promise((r) => setTimeout(r, event.sleepMs ?? 0));
  busy = false;
  return { pid: process.pid, overlapped };
};
`;

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pool-test-'));
  writeFileSync(join(dir, 'index.js'), CODE);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const spec = (): FunctionSpec => ({
  functionName: 'pooltest', functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:pooltest', version: '$LATEST', runtime: 'nodejs20.x',
  handler: 'index.handler', codeDir: dir, memoryMb: 256, timeoutSec: 10, variables: {}, account: '000000000000', region: 'us-east-1',
  endpointUrl: 'http://localhost:1', logGroup: '/aws/lambda/pooltest',
});

let n = 0;
async function invoke(pool: EnvironmentPool, key: string, event: object = {}) {
  const out = await pool.invoke(key, spec(), { requestId: `req-${++n}`, payload: Buffer.from(JSON.stringify(event)), invokedArn: spec().functionArn });
  assert.equal(out.functionError, undefined, out.payload.toString());
  return JSON.parse(out.payload.toString()) as { pid: number; overlapped: boolean };
}

/** Runs `body` with a pool of these options and shuts the pool down after, whatever happens. */
async function withPool(options: Partial<PoolOptions>, body: (pool: EnvironmentPool) => Promise<void>) {
  const pool = new EnvironmentPool({ maxPerFunction: 2, idleMs: 60_000, quiet: true, ...options });
  try {
    await body(pool);
  } finally {
    pool.shutdown();
  }
}

describe('EnvironmentPool', () => {
  it('runs at most maxPerFunction environments, one invocation each at a time; the rest queue', () =>
    withPool({ maxPerFunction: 2 }, async (pool) => {
      const results = await Promise.all(Array.from({ length: 6 }, () => invoke(pool, 'k', { sleepMs: 100 })));
      assert.equal(new Set(results.map((r) => r.pid)).size, 2);
      assert.deepEqual(results.map((r) => r.overlapped), [false, false, false, false, false, false]);
      assert.deepEqual(pool.counts('k'), { idle: 2, busy: 0 });
      assert.equal(pool.pids().length, 2);
    }));

  it('serves a warm function\'s burst of short invocations with the environments it has, while they keep freeing up', () =>
    withPool({ maxPerFunction: 10, scaleUpDelayMs: 2_000 }, async (pool) => {
      const { pid } = await invoke(pool, 'warm');
      const results = await Promise.all(Array.from({ length: 20 }, () => invoke(pool, 'warm', { sleepMs: 5 })));
      assert.deepEqual(new Set(results.map((r) => r.pid)), new Set([pid]));
      assert.equal(pool.pids().length, 1);
    }));

  it('adds an environment once the busy ones are stuck for scaleUpDelayMs', () =>
    withPool({ maxPerFunction: 10, scaleUpDelayMs: 50 }, async (pool) => {
      const { pid } = await invoke(pool, 'stuck');
      const [a, b] = await Promise.all([invoke(pool, 'stuck', { sleepMs: 1_500 }), invoke(pool, 'stuck')]);
      assert.equal(a.pid, pid);
      assert.notEqual(b.pid, pid);
    }));

  it('reuses the warm environment, and starts a new one once the old is retired', () =>
    withPool({ maxPerFunction: 3 }, async (pool) => {
      const first = await invoke(pool, 'fn#1');
      assert.equal((await invoke(pool, 'fn#1')).pid, first.pid);
      pool.retire('fn#', 'fn#2');
      const after = await invoke(pool, 'fn#2');
      assert.notEqual(after.pid, first.pid);
      assert.deepEqual(pool.counts('fn#'), { idle: 1, busy: 0 });
    }));

  it('stops idle environments after idleMs, and every process at shutdown', async () => {
    const pool = new EnvironmentPool({ maxPerFunction: 2, idleMs: 100, quiet: true });
    const { pid } = await invoke(pool, 'idle');
    for (let i = 0; i < 100 && pool.pids().length; i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(pool.pids(), []);
    const busy = invoke(pool, 'idle', { sleepMs: 60_000 }).catch(() => undefined);
    for (let i = 0; i < 100 && !pool.pids().length; i++) await new Promise((r) => setTimeout(r, 50));
    const [running] = pool.pids();
    pool.shutdown();
    await busy;
    assert.deepEqual(await stillRunning([pid, running], 5_000), []);
    await assert.rejects(pool.invoke('idle', spec(), { requestId: 'late', payload: Buffer.from('{}'), invokedArn: 'arn' }), /localgate is shutting down/);
  });
});
