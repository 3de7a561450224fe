// The HTTP Runtime API transport, driven with fetch as a custom runtime would: the event and
// its headers on /next, 202 for results, 400 for an unknown request id, 413 past 6 MB.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RuntimeApi } from './runtime-api.ts';
import { recordingCallbacks } from './test-support.ts';
import { MAX_RESPONSE_BYTES } from './transport.ts';

describe('RuntimeApi (HTTP transport)', () => {
  let api: RuntimeApi;
  const { calls, callbacks } = recordingCallbacks('req-1', (transport) =>
    transport.deliver({
      requestId: 'req-1',
      deadlineMs: 1700000000000,
      invokedArn: 'arn:aws:lambda:us-east-1:000000000000:function:f',
      traceId: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0',
      clientContext: '{"custom":{"k":"v"}}',
      payload: Buffer.from('{"hello":"world"}'),
    }),
  );
  let base = '';

  before(async () => {
    api = await RuntimeApi.start(callbacks);
    base = `http://${api.address}/2018-06-01/runtime`;
  });
  after(() => api.close());

  it('answers /invocation/next with the event and the Lambda-Runtime-* headers', async () => {
    assert.match(api.address, /^127\.0\.0\.1:\d+$/);
    const res = await fetch(`${base}/invocation/next`);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '{"hello":"world"}');
    assert.equal(res.headers.get('lambda-runtime-aws-request-id'), 'req-1');
    assert.equal(res.headers.get('lambda-runtime-deadline-ms'), '1700000000000');
    assert.equal(res.headers.get('lambda-runtime-invoked-function-arn'), 'arn:aws:lambda:us-east-1:000000000000:function:f');
    assert.equal(res.headers.get('lambda-runtime-trace-id'), 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0');
    assert.equal(res.headers.get('lambda-runtime-client-context'), '{"custom":{"k":"v"}}');
    assert.equal(res.headers.get('lambda-runtime-cognito-identity'), null);
  });

  it('takes responses, errors and init errors with 202; an unknown id gets 400', async () => {
    calls.length = 0;
    const post = (path: string, body: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { method: 'POST', body, headers });
    const ok = await post('/invocation/req-1/response', '{"r":1}');
    assert.deepEqual([ok.status, await ok.json()], [202, { status: 'OK' }]);
    const stale = await post('/invocation/other/response', '{}');
    assert.deepEqual([stale.status, await stale.json()], [400, { errorMessage: 'Invalid request ID: other', errorType: 'InvalidRequestID' }]);
    const failed = await post('/invocation/req-2/error', '{"errorType":"E"}', { 'Lambda-Runtime-Function-Error-Type': 'E' });
    assert.equal(failed.status, 202);
    const init = await post('/init/error', '{"x":1}', { 'Lambda-Runtime-Function-Error-Type': 'Runtime.Bad' });
    assert.equal(init.status, 202);
    assert.deepEqual(calls, [
      ['response', 'req-1', '{"r":1}'],
      ['settled', 'req-1'],
      ['response', 'other', '{}'],
      ['error', 'req-2', '{"errorType":"E"}', 'E'],
      ['settled', 'req-2'],
      ['initError', '{"x":1}', 'Runtime.Bad'],
    ]);
  });

  it('answers 413 and fails the invocation for a response over 6 MB', async () => {
    calls.length = 0;
    const res = await fetch(`${base}/invocation/req-3/response`, { method: 'POST', body: Buffer.alloc(MAX_RESPONSE_BYTES + 1, 'a') });
    const tooLarge = { errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).', errorType: 'Function.ResponseSizeTooLarge' };
    assert.deepEqual([res.status, await res.json()], [413, tooLarge]);
    assert.deepEqual(calls, [['error', 'req-3', JSON.stringify(tooLarge), 'Function.ResponseSizeTooLarge'], ['settled', 'req-3']]);
  });

  it('answers 404 outside the Runtime API', async () => {
    for (const [method, path] of [['GET', '/2018-06-01/runtime/invocation/x'], ['PUT', '/2018-06-01/runtime/invocation/next'], ['GET', '/other']]) {
      const res = await fetch(`http://${api.address}${path}`, { method });
      assert.deepEqual([method, path, res.status, await res.json()], [method, path, 404, { errorMessage: 'Not found', errorType: 'NotFound' }]);
    }
  });
});
