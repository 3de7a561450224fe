// FrameChannel, localgate's end of the framed channel, driven over an in-memory socket pair:
// what it reports for each frame a runtime sends, what it writes for an event, and how it
// treats a response over 6 MB and bytes that are not frames.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Duplex, PassThrough } from 'node:stream';
import { FRAME, FrameReader, writeFrame } from './bootstraps/node/frames.cjs';
import { FrameChannel } from './channel.ts';
import { recordingCallbacks } from './test-support.ts';
import { MAX_RESPONSE_BYTES } from './transport.ts';

function setup() {
  const toLocalgate = new PassThrough();
  const toRuntime = new PassThrough();
  let broken: string | undefined;
  const { calls, callbacks } = recordingCallbacks('known', (t) => void calls.push(['next', t === channel]));
  const channel = new FrameChannel(Duplex.from({ readable: toLocalgate, writable: toRuntime }), callbacks, (why) => {
    broken = why;
  });
  const received: Array<{ type: number; head: Record<string, unknown>; body?: string }> = [];
  const reader = new FrameReader((type, head, body) => received.push({ type, head, body: body?.toString() }), () => {});
  toRuntime.on('data', (c: Buffer) => reader.push(c));
  /** Sends a frame as the runtime would and lets the channel read it. */
  const send = async (type: number, head?: Record<string, unknown>, body?: Buffer | string) => {
    writeFrame(toLocalgate, type, head, body);
    await new Promise((r) => setImmediate(r));
  };
  /** Bytes as they are, from the runtime's side. */
  const raw = async (bytes: string) => {
    toLocalgate.write(bytes);
    await new Promise((r) => setImmediate(r));
  };
  return { channel, calls, received, send, raw, broken: () => broken };
}

describe('FrameChannel', () => {
  it('reports next, response, error and init error as the HTTP Runtime API does', async () => {
    const { calls, send } = setup();
    await send(FRAME.NEXT);
    await send(FRAME.RESPONSE, { requestId: 'known' }, '{"ok":1}');
    await send(FRAME.RESPONSE, { requestId: 'stale' }, 'x');
    await send(FRAME.ERROR, { requestId: 'r2', errorType: 'TypeError' }, '{"errorType":"TypeError"}');
    await send(FRAME.INIT_ERROR, { errorType: 'Runtime.ImportModuleError' }, '{"e":1}');
    assert.deepEqual(calls, [
      ['next', true],
      ['response', 'known', '{"ok":1}'],
      ['settled', 'known'],
      ['response', 'stale', 'x'],
      ['error', 'r2', '{"errorType":"TypeError"}', 'TypeError'],
      ['settled', 'r2'],
      ['initError', '{"e":1}', 'Runtime.ImportModuleError'],
    ]);
  });

  it("passes on the peak memory a result reports (the runtime's VmHWM in kB), and only a number", async () => {
    const { calls, send } = setup();
    await send(FRAME.RESPONSE, { requestId: 'known', peakKb: 51200 }, '{}');
    await send(FRAME.ERROR, { requestId: 'r2', errorType: 'TypeError', peakKb: 52000 }, '{}');
    await send(FRAME.RESPONSE, { requestId: 'known', peakKb: '9' }, '{}');
    assert.deepEqual(calls, [
      ['response', 'known', '{}', 51200],
      ['settled', 'known'],
      ['error', 'r2', '{}', 'TypeError', 52000],
      ['settled', 'r2'],
      ['response', 'known', '{}'],
      ['settled', 'known'],
    ]);
  });

  it('writes an event as one INVOKE frame with the Runtime API fields', async () => {
    const { channel, received } = setup();
    channel.deliver({ requestId: 'r1', deadlineMs: 1234, invokedArn: 'arn:aws:lambda:us-east-1:000000000000:function:f:1', traceId: 'Root=1-a-b', payload: Buffer.from('{"a":1}') });
    channel.deliver({ requestId: 'r2', deadlineMs: 1, invokedArn: 'arn', traceId: 't', clientContext: '{"custom":{}}', cognitoIdentity: '{"cognitoIdentityId":"i"}', payload: Buffer.alloc(0) });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(received, [
      { type: FRAME.INVOKE, head: { requestId: 'r1', deadlineMs: 1234, invokedArn: 'arn:aws:lambda:us-east-1:000000000000:function:f:1', traceId: 'Root=1-a-b' }, body: '{"a":1}' },
      { type: FRAME.INVOKE, head: { requestId: 'r2', deadlineMs: 1, invokedArn: 'arn', traceId: 't', clientContext: '{"custom":{}}', cognitoIdentity: '{"cognitoIdentityId":"i"}' }, body: '' },
    ]);
  });

  it('fails a response over 6 MB with Function.ResponseSizeTooLarge, without keeping it', async () => {
    const { calls, send } = setup();
    await send(FRAME.RESPONSE, { requestId: 'big' }, Buffer.alloc(MAX_RESPONSE_BYTES + 1, 'a'));
    await send(FRAME.NEXT);
    assert.deepEqual(calls, [
      ['error', 'big', JSON.stringify({ errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).', errorType: 'Function.ResponseSizeTooLarge' }), 'Function.ResponseSizeTooLarge'],
      ['settled', 'big'],
      ['next', true],
    ]);
  });

  it('breaks on bytes that are not frames or a frame type it does not know', async () => {
    const garbage = setup();
    await garbage.send(FRAME.NEXT);
    await garbage.raw('not a frame, certainly');
    assert.equal(garbage.broken(), 'runtime channel: frame lengths out of bounds');
    const unknown = setup();
    await unknown.send(99, { requestId: 'x' }, '');
    assert.equal(unknown.broken(), 'runtime channel: unknown frame type 99');
    assert.deepEqual(unknown.calls, []);
  });
});
