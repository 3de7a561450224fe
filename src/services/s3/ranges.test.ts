import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRange } from './ranges.ts';

// The cases and answers S3 gave for a 10-byte object "0123456789".
test('ranges S3 serves with 206', () => {
  assert.deepEqual(parseRange('bytes=0-8', 10), { start: 0, end: 8 });
  assert.deepEqual(parseRange('bytes=1-1', 10), { start: 1, end: 1 });
  assert.deepEqual(parseRange('bytes=1-', 10), { start: 1, end: 9 });
  assert.deepEqual(parseRange('bytes=-2', 10), { start: 8, end: 9 });
  assert.deepEqual(parseRange('bytes=-9', 10), { start: 1, end: 9 });
  assert.deepEqual(parseRange('bytes=-15', 10), { start: 0, end: 9 });
  assert.deepEqual(parseRange('bytes=0-100', 10), { start: 0, end: 9 });
  assert.deepEqual(parseRange('bytes=0-0', 10), { start: 0, end: 0 });
});

test('ranges S3 ignores (whole object, 200)', () => {
  for (const r of ['bytes=1-0', 'bytes=-1-', 'bytes=0--1', 'bytes=0-1,3-4,7-9', '0-8', 'bytes=--', 'bytes=-', undefined]) {
    assert.equal(parseRange(r, 10), undefined, String(r));
  }
});

test('ranges S3 answers 416 InvalidRange', () => {
  assert.throws(() => parseRange('bytes=-0', 10), { code: 'InvalidRange', status: 416, fields: { RangeRequested: 'bytes=-0', ActualObjectSize: '10' } });
  assert.throws(() => parseRange('bytes=100-200', 10), { code: 'InvalidRange' });
  assert.throws(() => parseRange('bytes=0-', 0), { code: 'InvalidRange' });
});
