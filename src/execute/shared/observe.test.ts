import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HttpContext } from '../../server/http-context.ts';
import { collectSteps, dataPlaneChannels, observedRequest, observeRequest, observeWebSocketEvent, publishStep, type StepMessage } from './observe.ts';

const http = {} as HttpContext;

test('without subscribers nothing is published and no request is tracked', async () => {
  assert.equal(dataPlaneChannels.request.hasSubscribers, false);
  const seen = await observeRequest({}, http, 'id', undefined, async () => {
    publishStep('route', 'GET /');
    return observedRequest();
  });
  assert.equal(seen, undefined);
  let built = false;
  const event = observeWebSocketEvent({}, () => {
    built = true;
    return { eventType: 'MESSAGE', connectionId: 'c', requestId: 'r', apiId: 'a', stage: 's', domainName: 'd', path: '/' };
  });
  assert.equal(await event.within(async () => observedRequest()), undefined);
  assert.equal(built, false, 'the start message is not even built');
});

test("steps are published for the request whose async context they run in, with its origin's start", async () => {
  const origin = {};
  const starts: unknown[] = [];
  const steps: StepMessage[] = [];
  const onStart = (m: unknown) => starts.push(m);
  const onStep = (m: unknown) => steps.push(m as StepMessage);
  dataPlaneChannels.request.subscribe(onStart);
  dataPlaneChannels.step.subscribe(onStep);
  try {
    const run = (route: string) =>
      observeRequest(origin, http, route, { apiId: 'a', kind: 'http', stage: '$default', path: '/' }, async () => {
        await new Promise((resolve) => setImmediate(resolve));
        publishStep('route', route);
        return observedRequest();
      });
    const [first, second] = await Promise.all([run('GET /a'), run('GET /b')]);
    assert.notEqual(first, second);
    assert.deepEqual(
      steps.map((s) => [s.request === first ? 'first' : s.request === second ? 'second' : '?', s.value]),
      [['first', 'GET /a'], ['second', 'GET /b']],
    );
    assert.deepEqual(starts.map((s) => (s as { origin: object; requestId: string }).origin === origin && (s as { requestId: string }).requestId), ['GET /a', 'GET /b']);
    publishStep('route', 'outside');
    assert.equal(steps.length, 2, 'a step outside any request goes nowhere');
  } finally {
    dataPlaneChannels.request.unsubscribe(onStart);
    dataPlaneChannels.step.unsubscribe(onStep);
  }
});

test('collectSteps gathers the steps of its own run; the first error is kept', async () => {
  const { result, trace } = await collectSteps(async () => {
    publishStep('integration', 'MOCK');
    publishStep('error', 'first');
    publishStep('error', 'second');
    return 7;
  });
  assert.equal(result, 7);
  assert.deepEqual(trace, { integration: 'MOCK', error: 'first' });
  assert.equal(dataPlaneChannels.step.hasSubscribers, false, 'it unsubscribes when done');
});
