// The one JSONPath suite: VTL ($input.path), REST and HTTP API parameter mappings and
// WebSocket selection expressions all evaluate through this implementation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateJsonPath, JsonPathError, selectJsonValue } from './index.ts';

const store = {
  store: {
    book: [
      { category: 'reference', author: 'Nigel Rees', title: 'Sayings of the Century', price: 8.95 },
      { category: 'fiction', author: 'Evelyn Waugh', title: 'Sword of Honour', price: 12.99 },
      { category: 'fiction', author: 'Herman Melville', title: 'Moby Dick', isbn: '0-553-21311-3', price: 8.99 },
      { category: 'fiction', author: 'J. R. R. Tolkien', title: 'The Lord of the Rings', isbn: '0-395-19395-8', price: 22.99 },
    ],
    bicycle: { color: 'red', price: 19.95 },
  },
  expensive: 10,
  'odd key': 1,
};

// expression -> [definite, matches]
const cases: Array<[string, boolean, unknown[]]> = [
  ['$', true, [store]],
  ['$.expensive', true, [10]],
  ["$['odd key']", true, [1]],
  ['$["odd key"]', true, [1]],
  ['$.store.bicycle.color', true, ['red']],
  ['$.store.book[0].author', true, ['Nigel Rees']],
  ['$.store.book[-1].title', true, ['The Lord of the Rings']],
  ['$.nope', true, []],
  ['$.store.book[9]', true, []],
  ['$.store.book[*].author', false, ['Nigel Rees', 'Evelyn Waugh', 'Herman Melville', 'J. R. R. Tolkien']],
  ['$..author', false, ['Nigel Rees', 'Evelyn Waugh', 'Herman Melville', 'J. R. R. Tolkien']],
  ['$.store.*', false, [store.store.book, store.store.bicycle]],
  ['$.store..price', false, [8.95, 12.99, 8.99, 22.99, 19.95]],
  ['$..book[2].title', false, ['Moby Dick']],
  ['$..book[0,1].price', false, [8.95, 12.99]],
  ['$..book[:2].price', false, [8.95, 12.99]],
  ['$..book[-2:].price', false, [8.99, 22.99]],
  ['$..book[?(@.isbn)].title', false, ['Moby Dick', 'The Lord of the Rings']],
  ['$..book[?(!@.isbn)].title', false, ['Sayings of the Century', 'Sword of Honour']],
  ['$.store.book[?(@.price < 10)].price', false, [8.95, 8.99]],
  ['$.store.book[?(@.price <= $.expensive)].price', false, [8.95, 8.99]],
  ["$.store.book[?(@.category == 'reference')].author", false, ['Nigel Rees']],
  ['$.store.book[?(@.category != "fiction")].author', false, ['Nigel Rees']],
  ["$.store.book[?(@.author =~ /.*REES/i)].price", false, [8.95]],
  ["$.store.book[?(@.author =~ /(?i).*rees/)].price", false, [8.95]],
  ["$.store.book[?(@.category == 'fiction' && @.price > 20)].title", false, ['The Lord of the Rings']],
  ["$.store.book[?(@.price < 9 || (@.isbn && @.price > 20))].price", false, [8.95, 8.99, 22.99]],
  ["$.store.book[?(@.category in ['reference'])].price", false, [8.95]],
  ["$.store.book[?(@.category nin ['fiction'])].price", false, [8.95]],
  ["$.store.book[?(@.price == '8.95')].price", false, []],
  ['$.store.book[*].isbn', false, ['0-553-21311-3', '0-395-19395-8']],
  ['store.bicycle.color', true, ['red']],
];

for (const [expression, definite, matches] of cases) {
  test(`jsonpath ${expression}`, () => {
    assert.deepEqual(evaluateJsonPath(store, expression), { definite, matches });
  });
}

test('malformed paths throw JsonPathError', () => {
  for (const bad of ['$.', '$[', "$['a'", '$[?(@.a ==)]', '$[x]', '$.a]']) {
    assert.throws(() => evaluateJsonPath(store, bad), JsonPathError, bad);
  }
});

test('selectJsonValue: the value a mapping or selection expression reads', () => {
  assert.equal(selectJsonValue(store, 'store.bicycle.color'), 'red');
  assert.equal(selectJsonValue(store, 'store.book[1].price'), 12.99);
  assert.equal(selectJsonValue({ a: [{ b: 1 }, { b: 2 }] }, 'a[1].b'), 2);
  assert.equal(selectJsonValue({ 'x-y': { z: 1 } }, 'x-y.z'), 1);
  assert.deepEqual(selectJsonValue(store, 'store.book[*].price'), [8.95, 12.99, 8.99, 22.99]);
  assert.equal(selectJsonValue(store, 'store.nope'), undefined);
  assert.equal(selectJsonValue({ a: 1 }, 'constructor'), undefined);
  assert.equal(selectJsonValue('not an object', 'a'), undefined);
  assert.equal(selectJsonValue(store, 'store.['), undefined, 'a malformed path selects nothing');
});
