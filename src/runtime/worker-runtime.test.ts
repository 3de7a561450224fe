// The worker executor against the process executor, on the same handlers: each fault a
// handler can cause must end its invocation the same way in a worker thread as in a process
// (errors, uncaught exceptions, unhandled rejections, process.exit, timeouts of a blocked
// thread, memory), plus what only a thread needs shown: localgate's own thread, environment
// and descriptors stay the function's own business.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecutionEnvironment, type Outcome } from './environment.ts';
import type { FunctionSpec } from './launch.ts';
import type { Executor } from './worker-runtime.ts';

const CODE = `
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
exports.echo = async (event, context) => ({ event, requestId: context.awsRequestId, remaining: context.getRemainingTimeInMillis() > 0 });
exports.fail = async () => { throw new TypeError('bad thing'); };
exports.uncaught = async () => { setTimeout(() => { throw new RangeError('out of range'); }, 1); await new Promise(() => {}); };
exports.rejection = async () => { Promise.reject(new Error('nobody catches me')); await new Promise(() => {}); };
exports.exit = async () => { await new Promise((r) => setTimeout(r, 20)); process.exit(3); };
exports.loop = async () => { for (;;) {} };
exports.selfkill = async () => { process.kill(process.pid); await new Promise((r) => setTimeout(r, 1000)); };
exports.selfkill9 = async () => { process.kill(process.pid, 9); await new Promise((r) => setTimeout(r, 1000)); };
exports.abort = async () => { process.abort(); };
exports.probe = async () => process.kill(process.pid, 0);
exports.heap = async () => { const keep = []; for (;;) keep.push({ n: keep.length, text: 'x'.repeat(64) + keep.length }); };
exports.buffers = async (e) => Buffer.alloc(e.mb << 20, 1).length;
exports.output = async () => {
  console.log('via console');
  process.stdout.write('via stdout\\n');
  process.stderr.write('via stderr\\n');
  fs.writeSync(1, 'via fd 1\\n');
  return 'done';
};
exports.setenv = async () => { process.env.SET_BY_FUNCTION = 'yes'; return process.env.GREETING; };
exports.tag = async () => execFileSync('sh', ['-c', 'printf %s "$LOCALGATE_PROCESS_TAG"'], { encoding: 'utf8' });
exports.layer = async () => [require('from-code'), require('from-layer')];
`;

let dir: string;
let opt: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'worker-test-'));
  writeFileSync(join(dir, 'index.js'), CODE);
  writeFileSync(join(dir, 'esm.mjs'), "import word from 'from-code';\nexport const handler = async () => ({ word, meta: typeof import.meta.url });");
  mkdirSync(join(dir, 'node_modules', 'from-code'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'from-code', 'index.js'), "module.exports = 'code';");
  // Lambda's layer path for Node.js (/opt/nodejs/node_modules), here in the function's opt directory.
  opt = mkdtempSync(join(tmpdir(), 'worker-test-opt-'));
  mkdirSync(join(opt, 'nodejs', 'node_modules', 'from-layer'), { recursive: true });
  writeFileSync(join(opt, 'nodejs', 'node_modules', 'from-layer', 'index.js'), "module.exports = 'layer';");
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(opt, { recursive: true, force: true });
});

function spec(handler: string, opts: { timeoutSec?: number; memoryMb?: number } = {}): FunctionSpec {
  return {
    functionName: 'workertest', functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:workertest', version: '$LATEST', runtime: 'nodejs20.x',
    handler, codeDir: dir, memoryMb: opts.memoryMb ?? 128, timeoutSec: opts.timeoutSec ?? 3, variables: { GREETING: 'hello' }, account: '000000000000',
    region: 'us-east-1', endpointUrl: 'http://localhost:1', logGroup: '/aws/lambda/workertest', optDir: opt,
  };
}

const TAG = `test.${process.pid}.worker`;

/** Runs one invocation of `handler` in a fresh environment and ends the environment. */
async function once(executor: Executor, handler: string, payload = '{}', opts: { timeoutSec?: number; memoryMb?: number } = {}): Promise<Outcome & { json: any }> {
  const env = new ExecutionEnvironment(spec(handler, opts), dir, TAG, undefined, () => {}, 'channel', executor);
  await env.start();
  try {
    const out = await env.invoke({ requestId: 'req-1', payload: Buffer.from(payload), invokedArn: spec(handler).functionArn });
    return { ...out, json: JSON.parse(out.payload.toString()) };
  } finally {
    env.dispose();
  }
}

/** The invocation's result with what differs by nature between two runs (traces) left out. */
const comparable = (o: { json: any; functionError?: string }) => ({ functionError: o.functionError, json: typeof o.json === 'object' && o.json ? { ...o.json, trace: undefined } : o.json });

describe('worker executor: the same answers as a process', () => {
  for (const [handler, payload] of [
    ['index.echo', '{"a":1}'],
    ['index.fail', '{}'],
    ['index.uncaught', '{}'],
    ['index.rejection', '{}'],
    ['index.exit', '{}'],
    ['index.nothere', '{}'],
    ['missing.handler', '{}'],
    ['esm.handler', '{}'],
    ['index.layer', '{}'],
    ['index.setenv', '{}'],
    ['index.selfkill', '{}'],
    ['index.selfkill9', '{}'],
    ['index.abort', '{}'],
    ['index.probe', '{}'],
  ] as const) {
    it(handler, async () => {
      const inProcess = await once('process', handler, payload);
      const inWorker = await once('worker', handler, payload);
      assert.deepEqual(comparable(inWorker), comparable(inProcess));
    });
  }

  it('gives the values expected of them', async () => {
    assert.deepEqual((await once('worker', 'index.echo', '{"a":1}')).json, { event: { a: 1 }, requestId: 'req-1', remaining: true });
    assert.deepEqual(comparable(await once('worker', 'index.fail')), { functionError: 'Unhandled', json: { errorType: 'TypeError', errorMessage: 'bad thing', trace: undefined } });
    const uncaught = await once('worker', 'index.uncaught');
    assert.equal(uncaught.json.errorType, 'RangeError');
    assert.equal(uncaught.json.errorMessage, 'out of range');
    assert.equal((await once('worker', 'index.rejection')).json.errorType, 'Runtime.UnhandledPromiseRejection');
    assert.deepEqual((await once('worker', 'index.exit')).json, { errorType: 'Runtime.ExitError', errorMessage: 'RequestId: req-1 Error: Runtime exited with error: exit status 3' });
    // A signal to its own process ends the thread, not localgate, worded as for a process.
    assert.equal((await once('worker', 'index.selfkill')).json.errorMessage, 'RequestId: req-1 Error: Runtime exited with error: signal: SIGTERM');
    assert.equal((await once('worker', 'index.selfkill9')).json.errorMessage, 'RequestId: req-1 Error: Runtime exited with error: signal: killed');
    assert.equal((await once('worker', 'index.abort')).json.errorMessage, 'RequestId: req-1 Error: Runtime exited with error: signal: SIGABRT');
    assert.equal((await once('worker', 'index.probe')).json, true);
    assert.equal((await once('worker', 'index.nothere')).json.errorType, 'Runtime.HandlerNotFound');
    assert.equal((await once('worker', 'missing.handler')).json.errorType, 'Runtime.ImportModuleError');
    assert.deepEqual((await once('worker', 'esm.handler')).json, { word: 'code', meta: 'string' });
    // require() resolves from the code directory and from the layers' nodejs/node_modules.
    assert.deepEqual((await once('worker', 'index.layer')).json, ['code', 'layer']);
  });
});

describe('worker executor: what a thread must contain', () => {
  it('ends a handler that blocks its thread at its timeout; localgate runs meanwhile', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 50);
    try {
      const out = await once('worker', 'index.loop', '{}', { timeoutSec: 1 });
      assert.deepEqual(out.json, { errorType: 'Sandbox.Timedout', errorMessage: 'RequestId: req-1 Error: Task timed out after 1.00 seconds' });
      assert.match(out.log, /\tStatus: timeout\t\n$/);
      assert.ok(ticks >= 5, `localgate's timer ran ${ticks} times during the 1 s loop`);
    } finally {
      clearInterval(timer);
    }
  });

  it('stops a thread whose heap outgrows MemorySize with Runtime.OutOfMemory', async () => {
    const out = await once('worker', 'index.heap', '{}', { timeoutSec: 60, memoryMb: 128 });
    assert.deepEqual(out.json, { errorType: 'Runtime.OutOfMemory', errorMessage: 'RequestId: req-1 Error: Runtime exited with error: signal: killed' });
    assert.match(out.log, /\tMemory Size: 128 MB\tMax Memory Used: 128 MB\t/);
  });

  it('counts buffers in its memory: over MemorySize at the response is Runtime.OutOfMemory', async () => {
    const small = await once('worker', 'index.buffers', '{"mb":8}');
    assert.equal(small.json, 8 << 20);
    const used = Number(/\tMax Memory Used: (\d+) MB\t/.exec(small.log)?.[1]);
    assert.ok(used >= 8 && used < 128, small.log);
    assert.equal((await once('worker', 'index.buffers', '{"mb":200}')).json.errorType, 'Runtime.OutOfMemory');
  });

  it("writes the function's stdout, stderr and descriptors 1 and 2 to its log, in order", async () => {
    const out = await once('worker', 'index.output');
    assert.equal(out.json, 'done');
    assert.match(out.log, /\nSTART RequestId: req-1 Version: \$LATEST\n[^\t\n]+\treq-1\tINFO\tvia console\nvia stdout\nvia stderr\nvia fd 1\nEND RequestId: req-1\n/);
  });

  it("keeps the function's process.env its own, and tags the processes it starts", async () => {
    assert.equal((await once('worker', 'index.setenv')).json, 'hello');
    assert.equal(process.env.SET_BY_FUNCTION, undefined);
    assert.equal(process.env.GREETING, undefined);
    assert.equal((await once('worker', 'index.tag')).json, TAG);
  });
});
