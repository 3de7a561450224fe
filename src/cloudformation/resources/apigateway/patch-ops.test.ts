import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapOps, scalarOps, setMemberOps, setValueOps } from './patch-ops.ts';

test('scalarOps: replace on change, remove when unset, reset to the fallback when it cannot be removed', () => {
  assert.deepEqual(scalarOps('/name', 'a', 'a'), []);
  assert.deepEqual(scalarOps('/name', 'a', 'b'), [{ op: 'replace', path: '/name', value: 'b' }]);
  assert.deepEqual(scalarOps('/description', 'a', undefined), [{ op: 'remove', path: '/description' }]);
  assert.deepEqual(scalarOps('/description', undefined, undefined), []);
  assert.deepEqual(scalarOps('/apiKeyRequired', true, undefined, false), [{ op: 'replace', path: '/apiKeyRequired', value: 'false' }]);
  assert.deepEqual(scalarOps('/apiKeyRequired', false, undefined, false), []);
  assert.deepEqual(scalarOps('/timeoutInMillis', 100, 200), [{ op: 'replace', path: '/timeoutInMillis', value: '200' }]);
});

test('mapOps: add, replace and remove entries with escaped keys', () => {
  assert.deepEqual(mapOps('/requestTemplates', { 'application/json': 'a', 'text/plain': 'x' }, { 'application/json': 'b', 'application/xml': 'c' }), [
    { op: 'remove', path: '/requestTemplates/text~1plain' },
    { op: 'replace', path: '/requestTemplates/application~1json', value: 'b' },
    { op: 'add', path: '/requestTemplates/application~1xml', value: 'c' },
  ]);
  assert.deepEqual(mapOps('/requestParameters', undefined, { 'method.request.path.id': true }), [
    { op: 'add', path: '/requestParameters/method.request.path.id', value: 'true' },
  ]);
});

test('setMemberOps and setValueOps: members added and removed', () => {
  assert.deepEqual(setMemberOps('/binaryMediaTypes', ['image/png'], ['image/gif']), [
    { op: 'remove', path: '/binaryMediaTypes/image~1png' },
    { op: 'add', path: '/binaryMediaTypes/image~1gif' },
  ]);
  assert.deepEqual(setValueOps('/providerARNs', ['a', 'b'], ['b', 'c']), [
    { op: 'remove', path: '/providerARNs', value: 'a' },
    { op: 'add', path: '/providerARNs', value: 'c' },
  ]);
});
