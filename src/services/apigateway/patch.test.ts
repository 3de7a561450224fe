import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../protocol/errors.ts';
import { applyPatch, mapEntry, scalar, setMember, wholeMap, type PatchRule } from './patch.ts';

const RULES: PatchRule[] = [
  scalar('/name', 'name'),
  scalar('/description', 'description', 'string', ['replace', 'add', 'remove']),
  scalar('/enabled', 'enabled', 'boolean'),
  scalar('/limit', 'nested.limit', 'integer', ['replace', 'remove']),
  setMember('/types/{key}', 'types'),
  wholeMap('/variables', 'variables'),
  mapEntry('/variables/{key}', 'variables'),
  mapEntry('/overrides/{key}', 'overrides'),
  wholeMap('/overrides', 'overrides', ['remove']),
];

const base = () => ({ name: 'a', types: ['image/png'], variables: { x: '1' }, overrides: { y: '2' } as Record<string, string> });

test('scalars, maps and sets, with ~1 escapes', () => {
  const out = applyPatch(base(), [
    { op: 'replace', path: '/name', value: 'b' },
    { op: 'add', path: '/description', value: 'd' },
    { op: 'replace', path: '/enabled', value: 'true' },
    { op: 'replace', path: '/limit', value: '7' },
    { op: 'add', path: '/types/application~1octet-stream' },
    { op: 'replace', path: '/types/image~1png', value: 'image/gif' },
    { op: 'add', path: '/variables/a~1b', value: 'v' },
    { op: 'remove', path: '/variables/x' },
  ], RULES);
  assert.deepEqual(out, {
    name: 'b',
    description: 'd',
    enabled: true,
    nested: { limit: 7 },
    types: ['application/octet-stream', 'image/gif'],
    variables: { 'a/b': 'v' },
    overrides: { y: '2' },
  });
});

test('a boolean is true only for "true", in any casing, as Java parses it', () => {
  const values = ['TRUE', 'true', 'yes', 'whatever', undefined].map((value) => applyPatch(base(), [{ op: 'replace', path: '/enabled', value }], RULES) as { enabled?: boolean });
  assert.deepEqual(values.map((out) => out.enabled), [true, true, false, false, false]);
});

test('copy and move take the value at `from`; test compares', () => {
  const copied = applyPatch(base(), [{ op: 'copy', from: '/overrides', path: '/variables' }], RULES);
  assert.deepEqual(copied.variables, { x: '1', y: '2' });
  const moved = applyPatch(base(), [{ op: 'move', from: '/overrides/y', path: '/variables/z' }], RULES);
  assert.deepEqual([moved.variables, moved.overrides], [{ x: '1', z: '2' }, {}]);
  assert.doesNotThrow(() => applyPatch(base(), [{ op: 'test', path: '/name', value: 'a' }], RULES));
  assert.throws(() => applyPatch(base(), [{ op: 'test', path: '/name', value: 'z' }], RULES), AwsError);
});

test('the original is untouched, also when a later operation fails', () => {
  const original = base();
  assert.throws(() => applyPatch(original, [{ op: 'replace', path: '/name', value: 'b' }, { op: 'replace', path: '/nope', value: 'x' }], RULES));
  assert.deepEqual(original, base());
});

const errors: Array<[string, object, RegExp]> = [
  ['unknown path', { op: 'replace', path: '/foo', value: 'x' }, /^Invalid patch path {2}'\/foo' specified for op 'replace'\. Must be one of: \[\/name, /],
  ['unsupported op on a path', { op: 'add', path: '/name', value: 'x' }, /^Invalid patch path {2}'\/name' specified for op 'add'\. Please choose supported operations$/],
  ['unknown op', { op: 'frobnicate', path: '/name' }, /^Invalid patch operation specified/],
  ['no leading slash', { op: 'replace', path: 'name', value: 'x' }, /^Invalid patch path/],
  ['bad integer', { op: 'replace', path: '/limit', value: '1.5' }, /integer/],
  ['replace a missing set member', { op: 'replace', path: '/types/text~1plain', value: 'x' }, /not present/],
];

for (const [name, op, message] of errors) {
  test(`rejects ${name}`, () => {
    assert.throws(() => applyPatch(base(), [op], RULES), (e: unknown) => e instanceof AwsError && e.code === 'BadRequestException' && message.test(e.message));
  });
}
