import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isColdStart, Metrics, NO_API, percentile, WINDOW_SECONDS } from './metrics.ts';

test('nearest-rank percentiles', () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(values, 50), 50);
  assert.equal(percentile(values, 99), 99);
  assert.equal(percentile([7], 99), 7);
});

test('requests are counted per API and per second, with p50/p99 latency', () => {
  let now = 1_000_000_000;
  const m = new Metrics(() => now);
  for (let i = 1; i <= 10; i++) m.request('a1', now - 2000, i);
  m.request(undefined, now - 2000, 3);
  m.request('a1', now, undefined);
  assert.deepEqual(m.requests(), {
    now: 1_000_000,
    windowSeconds: WINDOW_SECONDS,
    series: [
      { apiId: NO_API, points: [{ t: 999_998, count: 1, p50: 3, p99: 3 }] },
      { apiId: 'a1', points: [{ t: 999_998, count: 10, p50: 5, p99: 10 }, { t: 1_000_000, count: 1 }] },
    ],
  });
  assert.deepEqual(m.requests(999_999).series, [{ apiId: 'a1', points: [{ t: 1_000_000, count: 1 }] }]);
  // Seconds older than the window are gone, also once their ring slot is reused.
  now += WINDOW_SECONDS * 1000;
  assert.deepEqual(m.requests().series, []);
  m.request('a1', now - 2000, 1);
  assert.deepEqual(m.requests().series, [{ apiId: 'a1', points: [{ t: 1_000_298, count: 1, p50: 1, p99: 1 }] }]);
});

test('invocations keep durations and cold starts; a second is served for the live stream', () => {
  const now = 2_000_000_500;
  const m = new Metrics(() => now);
  m.invocation('arn:f', now, 100, true);
  m.invocation('arn:f', now, 20, false);
  m.request('a1', now, 5);
  assert.deepEqual(m.invocations('arn:f').points, [{ t: 2_000_000, count: 2, p50: 20, p99: 100, coldStarts: 1 }]);
  assert.deepEqual(m.invocations('arn:other').points, []);
  assert.deepEqual(m.second(2_000_000), {
    t: 2_000_000,
    apis: [{ apiId: 'a1', t: 2_000_000, count: 1, p50: 5, p99: 5 }],
    functions: [{ functionArn: 'arn:f', t: 2_000_000, count: 2, p50: 20, p99: 100, coldStarts: 1 }],
  });
  assert.deepEqual(m.second(1_999_999), { t: 1_999_999, apis: [], functions: [] });
  m.clear();
  assert.deepEqual(m.requests().series, []);
});

test('a cold start is told by the Init Duration of the REPORT line', () => {
  assert.equal(isColdStart('START RequestId: r Version: $LATEST\nEND RequestId: r\nREPORT RequestId: r\tDuration: 4.97 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 49 MB\tInit Duration: 160.82 ms\t'), true);
  assert.equal(isColdStart('START RequestId: r Version: $LATEST\nEND RequestId: r\nREPORT RequestId: r\tDuration: 4.97 ms\tBilled Duration: 5 ms\t'), false);
});
