// A function's tags: Lambda's rules as recorded on AWS (test_lambda_api.snapshot.json,
// TestLambdaTags): only the unqualified function is taggable, at most 50 tags, and a
// TagResource call with no tags is refused with Lambda's generic message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addTags, checkTaggable, initialTags } from './tags.ts';
import { testFunction } from './testing.ts';

const invalid = (message: string) => ({ code: 'InvalidParameterValueException', status: 400, message });
const manyTags = (n: number, prefix = 'k') => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, 'v']));

test('only the unqualified function takes tags', () => {
  assert.doesNotThrow(() => checkTaggable(undefined));
  for (const qualifier of ['$LATEST', '1', 'live']) {
    assert.throws(() => checkTaggable(qualifier), invalid('Tags on function aliases and versions are not supported. Please specify a function ARN.'));
  }
});

test('CreateFunction takes up to 50 tags', () => {
  assert.deepEqual(initialTags(undefined), {});
  assert.equal(Object.keys(initialTags(manyTags(50))).length, 50);
  assert.throws(() => initialTags(manyTags(51)), invalid('Number of tags exceeds resource tag limit.'));
});

test('TagResource merges, overwrites, and refuses the whole call past 50 or with no tags', () => {
  const fn = testFunction();
  addTags(fn, { a: '1', b: '2' });
  addTags(fn, { b: '3', c: '4' });
  assert.deepEqual(fn.tags, { a: '1', b: '3', c: '4' });
  assert.throws(() => addTags(fn, manyTags(48)), invalid('Number of tags exceeds resource tag limit.'));
  assert.deepEqual(fn.tags, { a: '1', b: '3', c: '4' });
  // Overwriting keys it has does not count twice: 3 + 47 new = 50.
  addTags(fn, { a: 'x', ...manyTags(47) });
  assert.equal(Object.keys(fn.tags).length, 50);
  for (const empty of [undefined, {}]) {
    assert.throws(() => addTags(fn, empty), invalid('An error occurred and the request cannot be processed.'));
  }
});
