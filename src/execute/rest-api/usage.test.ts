import { test } from 'node:test';
import assert from 'node:assert/strict';
import { periodStart, UsageTracker } from './usage.ts';

const at = (iso: string) => Date.parse(iso);

test('quota periods start at the UTC day, the week day given by offset, and the month day given by offset', () => {
  assert.equal(periodStart('DAY', 0, at('2024-05-15T13:00:00Z')), at('2024-05-15T00:00:00Z'));
  // 2024-05-15 is a Wednesday: offset 0 -> Sunday the 12th, offset 1 -> Monday the 13th.
  assert.equal(periodStart('WEEK', 0, at('2024-05-15T13:00:00Z')), at('2024-05-12T00:00:00Z'));
  assert.equal(periodStart('WEEK', 1, at('2024-05-15T13:00:00Z')), at('2024-05-13T00:00:00Z'));
  assert.equal(periodStart('MONTH', 0, at('2024-05-15T13:00:00Z')), at('2024-05-01T00:00:00Z'));
  assert.equal(periodStart('MONTH', 20, at('2024-05-15T13:00:00Z')), at('2024-04-21T00:00:00Z'));
});

test('a quota allows `limit` requests per period and starts again in the next one', () => {
  const usage = new UsageTracker();
  const plan = { id: 'p', name: 'p', apiStages: [], quota: { limit: 2, period: 'DAY' as const } };
  const day1 = at('2024-05-15T10:00:00Z');
  assert.equal(usage.takeQuota(plan, 'k', day1), true);
  assert.equal(usage.takeQuota(plan, 'k', day1 + 1000), true);
  assert.equal(usage.remaining(plan, 'k', day1), 0);
  assert.equal(usage.takeQuota(plan, 'k', day1 + 2000), false);
  assert.equal(usage.takeQuota(plan, 'k', at('2024-05-16T00:00:01Z')), true);
  usage.setRemaining(plan, 'k', 2, at('2024-05-16T00:00:02Z'));
  assert.equal(usage.remaining(plan, 'k', at('2024-05-16T12:00:00Z')), 2);
  assert.equal(usage.takeQuota({ ...plan, quota: undefined }, 'k', day1), true, 'no quota, no limit');
});
