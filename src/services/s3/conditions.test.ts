import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkReadConditions, etagMatches } from './conditions.ts';

const etag = '"781e5e245d69b566979b86e28d23f2c7"';
const modified = new Date('2026-01-01T10:00:00.500Z');
const before = new Date('2026-01-01T09:00:00Z');
const after = new Date('2026-01-01T11:00:00Z');

test('etagMatches accepts quoted, bare, weak, lists and *', () => {
  assert.ok(etagMatches(etag, etag));
  assert.ok(etagMatches('781e5e245d69b566979b86e28d23f2c7', etag));
  assert.ok(etagMatches('"x", W/"781e5e245d69b566979b86e28d23f2c7"', etag));
  assert.ok(etagMatches('*', etag));
  assert.ok(!etagMatches('"other"', etag));
});

test('If-Match and If-Unmodified-Since failures are 412 naming the condition', () => {
  assert.throws(() => checkReadConditions({ IfMatch: '"nope"' }, etag, modified), { code: 'PreconditionFailed', status: 412, fields: { Condition: 'If-Match' } });
  assert.throws(() => checkReadConditions({ IfUnmodifiedSince: before }, etag, modified), { fields: { Condition: 'If-Unmodified-Since' } });
  // If-Match holding wins over a failing If-Unmodified-Since.
  checkReadConditions({ IfMatch: etag, IfUnmodifiedSince: before }, etag, modified);
});

test('If-None-Match and If-Modified-Since are 304', () => {
  assert.throws(() => checkReadConditions({ IfNoneMatch: etag }, etag, modified), { code: 'NotModified', status: 304 });
  assert.throws(() => checkReadConditions({ IfModifiedSince: after }, etag, modified), { status: 304 });
  // The same second as Last-Modified is "not modified since".
  assert.throws(() => checkReadConditions({ IfModifiedSince: new Date('2026-01-01T10:00:00Z') }, etag, modified), { status: 304 });
  // If-None-Match not matching wins over If-Modified-Since.
  checkReadConditions({ IfNoneMatch: '"other"', IfModifiedSince: after }, etag, modified);
  checkReadConditions({ IfModifiedSince: before, IfUnmodifiedSince: after }, etag, modified);
});
