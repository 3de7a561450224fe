import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RouteTable, pathSegments } from './routes.ts';

const table = new RouteTable(
  ['GET /pets', 'ANY /pets', 'GET /pets/{id}', 'GET /pets/dog', 'ANY /pets/{proxy+}', 'GET /{proxy+}', '$default', 'POST /a/{x}/c', 'POST /a/b/{y}'].map((RouteKey) => ({ RouteKey })),
);
const key = (method: string, path: string) => table.match(method, pathSegments(path))?.route.RouteKey;

test('the most specific route wins', () => {
  assert.equal(key('GET', '/pets'), 'GET /pets');
  assert.equal(key('POST', '/pets'), 'ANY /pets');
  assert.equal(key('GET', '/pets/dog'), 'GET /pets/dog');
  assert.equal(key('GET', '/pets/cat'), 'GET /pets/{id}');
  assert.equal(key('DELETE', '/pets/cat'), 'ANY /pets/{proxy+}');
  assert.equal(key('GET', '/pets/cat/toys'), 'ANY /pets/{proxy+}');
  assert.equal(key('GET', '/other/x'), 'GET /{proxy+}');
  assert.equal(key('PUT', '/other'), '$default');
  assert.equal(key('GET', '/'), '$default');
  assert.equal(key('POST', '/a/b/c'), 'POST /a/b/{y}');
});

test('path parameters are decoded, greedy ones keep their slashes', () => {
  assert.deepEqual(table.match('GET', pathSegments('/pets/a%20b'))?.pathParameters, { id: 'a b' });
  assert.deepEqual(table.match('PATCH', pathSegments('/pets/x/y%2Fz'))?.pathParameters, { proxy: 'x/y/z' });
  assert.equal(table.match('GET', pathSegments('/pets/dog'))?.pathParameters, undefined);
});

test('no route and no $default: no match', () => {
  const t = new RouteTable([{ RouteKey: 'GET /x' }]);
  assert.equal(t.match('GET', pathSegments('/y')), undefined);
  assert.equal(t.match('POST', pathSegments('/x')), undefined);
  assert.equal(t.match('GET', pathSegments('/x/'))?.route.RouteKey, 'GET /x');
});
