import { test } from 'node:test';
import assert from 'node:assert/strict';
import { read, required } from './props.ts';
import { contextFactory } from './testing.ts';

const ctx = contextFactory().context('Thing');
const failsWith = (fn: () => unknown, message: string) => assert.throws(fn, { code: 'ValidationError', message: `Properties validation failed for resource Thing with message: ${message}` });

test('Props: numbers and booleans may arrive as strings, as CloudFormation passes them', () => {
  const p = read({ N: '42', F: '1.5', B: 'false', T: true, S: 7, L: ['a', 1], M: { a: 1, b: 'x' }, BM: { k: 'true' } }, ctx);
  assert.equal(p.integer('N'), 42);
  assert.equal(p.number('F'), 1.5);
  assert.equal(p.boolean('B'), false);
  assert.equal(p.boolean('T'), true);
  assert.equal(p.string('S'), '7');
  assert.deepEqual(p.stringList('L'), ['a', '1']);
  assert.deepEqual(p.stringMap('M'), { a: '1', b: 'x' });
  assert.deepEqual(p.booleanMap('BM'), { k: true });
  assert.equal(p.string('Missing'), undefined);
  assert.equal(p.json('M'), '{"a":1,"b":"x"}');
});

test('Props: a value of the wrong type fails with the schema message naming its path', () => {
  const p = read({ N: 'ten', B: 'yes', O: 'text', L: 'one', Nested: { Deep: [1] }, Tags: [{ Value: 'v' }] }, ctx);
  failsWith(() => p.integer('N'), '#/N: expected type: Integer, found: String');
  failsWith(() => p.boolean('B'), '#/B: expected type: Boolean, found: String');
  failsWith(() => p.object('O'), '#/O: expected type: JSONObject, found: String');
  failsWith(() => p.stringList('L'), '#/L: expected type: JSONArray, found: String');
  failsWith(() => p.object('Nested')!.string('Deep'), '#/Nested/Deep: expected type: String, found: JSONArray');
  failsWith(() => p.tags(), '#/Tags: required key [Key] not found');
  failsWith(() => required(undefined as never, ctx, 'RestApiId', 'Name'), '#: required key [RestApiId] not found\n#: required key [Name] not found');
});
