// MemoryLimit read from this test's own process (Linux's /proc/PID/status): the peak, the
// limit crossed once, what REPORT says, and nothing enforced where the process is unknown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { MemoryLimit } from './memory.ts';

const linux = existsSync(`/proc/${process.pid}/status`);

test('reads the peak resident memory; a limit above it is not crossed', { skip: !linux && 'needs /proc' }, () => {
  let called = 0;
  const limit = new MemoryLimit(process.pid, 1_000_000, () => called++);
  try {
    const peak = limit.peakMb();
    assert.ok(peak !== undefined && peak > 0 && peak < 1_000_000, `peak ${peak}`);
    assert.equal(limit.check(), false);
    assert.equal(limit.reportMb(), limit.peakMb());
    assert.equal(called, 0);
  } finally {
    limit.close();
  }
});

test('a peak over the limit is reported once, and REPORT says the limit', { skip: !linux && 'needs /proc' }, () => {
  let called = 0;
  const limit = new MemoryLimit(process.pid, 1, () => called++);
  try {
    assert.equal(limit.check(), true);
    assert.equal(limit.check(), true);
    assert.equal(limit.exceeded, true);
    assert.equal(called, 1);
    assert.equal(limit.reportMb(), 1);
  } finally {
    limit.close();
  }
});

test('without a process (or after close) the last peak stands and nothing is enforced', () => {
  const none = new MemoryLimit(undefined, 1, () => assert.fail('not enforced without a process'));
  assert.equal(none.peakMb(), undefined);
  assert.equal(none.check(), false);
  assert.equal(none.reportMb(), undefined);
  none.close();
  if (!linux) return;
  const closed = new MemoryLimit(process.pid, 1_000_000, () => {});
  const peak = closed.peakMb();
  closed.close();
  assert.equal(closed.peakMb(), peak);
});

test('a peak the runtime reported stands for a read of /proc: it only grows, and over the limit it is enforced once', () => {
  let called = 0;
  const limit = new MemoryLimit(undefined, 100, () => called++);
  assert.equal(limit.check(50 * 1024), false);
  assert.equal(limit.reportMb(false), 50);
  assert.equal(limit.check(40 * 1024 + 1), false);
  assert.equal(limit.reportMb(false), 50);
  assert.equal(limit.check(100 * 1024 + 1), true);
  assert.equal(limit.check(1), true);
  assert.equal(called, 1);
  assert.equal(limit.reportMb(false), 100);
});
