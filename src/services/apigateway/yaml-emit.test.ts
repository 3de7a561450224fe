import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toYaml } from './yaml-emit.ts';

test('toYaml writes block mappings and sequences with quoted strings', () => {
  const doc = { openapi: '3.0.1', n: 2, ok: true, list: ['a', { b: 'c', d: [] }], empty: {}, nested: { '/p/{id}': { '200': 'z: w', yes: 1 } } };
  assert.equal(
    toYaml(doc),
    [
      'openapi: "3.0.1"',
      '"n": 2',
      'ok: true',
      'list:',
      '  - "a"',
      '  - b: "c"',
      '    d: []',
      'empty: {}',
      'nested:',
      '  /p/{id}:',
      '    "200": "z: w"',
      '    "yes": 1',
      '',
    ].join('\n'),
  );
});
