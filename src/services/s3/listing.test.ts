import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareKeys, listPage } from './listing.ts';

const keys = ['a.txt', 'docs/a.md', 'docs/b.md', 'docs/sub/c.md', 'img/x.png', 'z.txt'];
const entries = keys.map((key) => ({ key, item: key }));

test('lists under a prefix', () => {
  assert.deepEqual(listPage(entries, { prefix: 'docs/', max: 1000 }), {
    items: ['docs/a.md', 'docs/b.md', 'docs/sub/c.md'],
    commonPrefixes: [],
    truncated: false,
    last: 'docs/sub/c.md',
  });
});

test('rolls keys up into common prefixes at the delimiter', () => {
  const page = listPage(entries, { prefix: '', delimiter: '/', max: 1000 });
  assert.deepEqual(page.items, ['a.txt', 'z.txt']);
  assert.deepEqual(page.commonPrefixes, ['docs/', 'img/']);
  assert.deepEqual(listPage(entries, { prefix: 'docs/', delimiter: '/', max: 1000 }).commonPrefixes, ['docs/sub/']);
});

test('pages with a common prefix counting as one entry, resuming after it', () => {
  const first = listPage(entries, { prefix: '', delimiter: '/', max: 2 });
  assert.deepEqual([first.items, first.commonPrefixes, first.truncated, first.last], [['a.txt'], ['docs/'], true, 'docs/']);
  const second = listPage(entries, { prefix: '', delimiter: '/', after: first.last, max: 2 });
  assert.deepEqual([second.items, second.commonPrefixes, second.truncated], [['z.txt'], ['img/'], false]);
});

test('starts after a marker; max 0 lists nothing', () => {
  assert.deepEqual(listPage(entries, { prefix: '', after: 'docs/b.md', max: 2 }).items, ['docs/sub/c.md', 'img/x.png']);
  assert.deepEqual(listPage(entries, { prefix: '', max: 0 }), { items: [], commonPrefixes: [], truncated: false });
});

test('compareKeys orders by UTF-8 bytes', () => {
  assert.ok(compareKeys('\uffff', '\u{10000}') < 0);
  assert.ok(compareKeys('a', 'b') < 0);
});
