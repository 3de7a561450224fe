// One execution environment with real processes, on both transports (the framed channel of
// localgate's own runtimes and the HTTP Runtime API): warm reuse, logs, errors, timeouts,
// exits, oversized responses, and a channel broken by the function's own writes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecutionEnvironment, type Outcome } from './environment.ts';
import type { FunctionSpec, TransportChoice } from './launch.ts';

const CODE = `
const fs = require('node:fs');
exports.echo = async (event, context) => ({ event, pid: process.pid, requestId: context.awsRequestId, channelFd: (() => { try { return fs.fstatSync(3).isSocket(); } catch { return false; } })() });
exports.fail = async () => { throw new TypeError('bad thing'); };
exports.loop = async () => { for (;;) {} };
exports.exit = async () => { process.exit(3); };
exports.huge = async () => 'x'.repeat(7 * 1024 * 1024);
const held = [];
exports.hold = async (event) => { held.push(Buffer.alloc(event.mb << 20, 1)); return process.pid; };
exports.scribble = async () => { fs.writeSync(3, 'these bytes are not frames'); await new Promise((r) => setTimeout(r, 5000)); };
`;

const PYTHON_CODE = `
import os
held = []
def hold(event, context):
    held.append(bytearray(event["mb"] << 20))
    return os.getpid()
`;

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'environment-test-'));
  writeFileSync(join(dir, 'index.js'), CODE);
  writeFileSync(join(dir, 'app.py'), PYTHON_CODE);
});
after(() => rmSync(dir, { recursive: true, force: true }));

function spec(handler: string, timeoutSec = 3, runtime = 'nodejs20.x'): FunctionSpec {
  return {
    functionName: 'envtest', functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:envtest', version: '$LATEST', runtime,
    handler: `${runtime.startsWith('python') ? 'app' : 'index'}.${handler}`, codeDir: dir, memoryMb: 256, timeoutSec, variables: {}, account: '000000000000', region: 'us-east-1',
    endpointUrl: 'http://localhost:1', logGroup: '/aws/lambda/envtest',
  };
}

/** A started environment and a way to invoke it; `ended` counts onEnd calls. */
async function environment(handler: string, transport: TransportChoice, timeoutSec?: number, runtime?: string) {
  const state = { ended: 0 };
  const env = new ExecutionEnvironment(spec(handler, timeoutSec, runtime), dir, `test.${process.pid}.${Math.random()}`, undefined, () => state.ended++, transport);
  await env.start();
  let n = 0;
  const invoke = (payload = '{}'): Promise<Outcome> => env.invoke({ requestId: `req-${++n}`, payload: Buffer.from(payload), invokedArn: spec(handler).functionArn });
  return { env, invoke, state };
}

const json = (o: Outcome) => JSON.parse(o.payload.toString());

for (const transport of ['channel', 'http'] as const) {
  describe(`ExecutionEnvironment over ${transport}`, () => {
    it('runs invocations one after another in one warm process, with START/END/REPORT', async () => {
      const { env, invoke } = await environment('echo', transport);
      try {
        const first = await invoke('{"n":1}');
        assert.equal(first.functionError, undefined);
        assert.deepEqual({ ...json(first), pid: 0 }, { event: { n: 1 }, pid: 0, requestId: 'req-1', channelFd: transport === 'channel' });
        assert.match(first.log, /^INIT_START Runtime Version: nodejs20\.x .*\nSTART RequestId: req-1 Version: \$LATEST\nEND RequestId: req-1\nREPORT RequestId: req-1\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms\t\n$/);
        assert.equal(env.state, 'idle');
        env.state = 'busy';
        const second = await invoke('{"n":2}');
        assert.equal(json(second).pid, json(first).pid);
        assert.doesNotMatch(second.log, /Init Duration/);
        assert.equal(second.logStream, first.logStream);
      } finally {
        env.dispose();
      }
    });

    it('reports a thrown error as Unhandled and stays warm', async () => {
      const { env, invoke } = await environment('fail', transport);
      try {
        const out = await invoke();
        assert.equal(out.functionError, 'Unhandled');
        assert.equal(json(out).errorType, 'TypeError');
        assert.equal(json(out).errorMessage, 'bad thing');
        assert.match(out.log, /\tERROR\tInvoke Error \t\{"errorType":"TypeError","errorMessage":"bad thing"/);
        assert.equal(env.state, 'idle');
      } finally {
        env.dispose();
      }
    });

    it('times out a looping handler, kills it and ends', async () => {
      const { env, invoke, state } = await environment('loop', transport, 1);
      const out = await invoke();
      assert.equal(out.functionError, 'Unhandled');
      assert.deepEqual(json(out), { errorType: 'Sandbox.Timedout', errorMessage: 'RequestId: req-1 Error: Task timed out after 1.00 seconds' });
      assert.match(out.log, /\tStatus: timeout\t\n$/);
      assert.equal(env.state, 'dead');
      assert.equal(state.ended, 1);
    });

    it('fails the invocation with Runtime.ExitError when the process exits', async () => {
      const { env, invoke, state } = await environment('exit', transport);
      const out = await invoke();
      assert.deepEqual(json(out), { errorType: 'Runtime.ExitError', errorMessage: 'RequestId: req-1 Error: Runtime exited with error: exit status 3' });
      assert.equal(env.state, 'dead');
      assert.equal(state.ended, 1);
    });

    for (const runtime of ['nodejs20.x', 'python3.12']) {
    it(`${runtime}: REPORT's Max Memory Used is the process's peak resident memory, which stands after a drop`, async () => {
      const { env, invoke } = await environment('hold', transport, undefined, runtime);
      try {
        const used = (o: Outcome) => Number(/\tMax Memory Used: (\d+) MB\t/.exec(o.log)?.[1]);
        const small = await invoke('{"mb":1}');
        const big = await invoke('{"mb":48}');
        const none = await invoke('{"mb":0}');
        const pid = json(none);
        const peakAfter = Math.ceil(Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1]) / 1024);
        assert.ok(used(big) >= used(small) + 48, `${used(small)} then ${used(big)} MB`);
        assert.ok(used(none) >= used(big) && used(none) <= peakAfter, `${used(big)} then ${used(none)} MB; VmHWM after: ${peakAfter} MB`);
      } finally {
        env.dispose();
      }
    });
    }

    it('fails a response over 6 MB with Function.ResponseSizeTooLarge', async () => {
      const { env, invoke } = await environment('huge', transport);
      try {
        const out = await invoke();
        assert.equal(out.functionError, 'Unhandled');
        assert.deepEqual(json(out), { errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).', errorType: 'Function.ResponseSizeTooLarge' });
      } finally {
        env.dispose();
      }
    });
  });
}

describe('ExecutionEnvironment over the channel, broken by the function', () => {
  it('stops the environment when the function writes bytes that are not frames to the channel', async () => {
    const { env, invoke, state } = await environment('scribble', 'channel');
    const out = await invoke();
    assert.deepEqual(json(out), { errorType: 'Runtime.ExitError', errorMessage: 'RequestId: req-1 Error: Runtime exited with error: signal: killed' });
    assert.match(out.log, /localgate: runtime channel: frame lengths out of bounds; the environment is stopped\n/);
    assert.equal(env.state, 'dead');
    assert.equal(state.ended, 1);
  });
});
