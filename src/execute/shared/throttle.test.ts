import { test } from 'node:test';
import assert from 'node:assert/strict';
import { limitsFor, Throttler, TokenBucket } from './throttle.ts';

test('a bucket allows the burst, then the rate', () => {
  const b = new TokenBucket(2, 3, 0);
  assert.deepEqual([b.take(0), b.take(0), b.take(0), b.take(0)], [true, true, true, false]);
  assert.equal(b.take(500), true); // half a second refills one token
  assert.equal(b.take(500), false);
});

test('zero limits refuse everything', () => {
  const b = new TokenBucket(0, 0, 0);
  assert.equal(b.take(0), false);
  assert.equal(b.take(10_000), false);
});

test('route settings override the stage defaults', () => {
  assert.equal(limitsFor(undefined, undefined), undefined);
  assert.deepEqual(limitsFor({ ThrottlingRateLimit: 10, ThrottlingBurstLimit: 5 }, { ThrottlingBurstLimit: 1 }), { rate: 10, burst: 1 });
  const t = new Throttler();
  assert.equal(t.allow('k', { rate: 1, burst: 1 }, 0), true);
  assert.equal(t.allow('k', { rate: 1, burst: 1 }, 0), false);
  assert.equal(t.allow('other', { rate: 1, burst: 1 }, 0), true);
});
