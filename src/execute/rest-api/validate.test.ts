import { test } from 'node:test';
import assert from 'node:assert/strict';
import { draft4to7, missingInAwsOrder } from './validate.ts';

test('draft-04 schemas become draft-07: id, boolean exclusive bounds, nested schemas', () => {
  const converted = draft4to7({
    $schema: 'http://json-schema.org/draft-04/schema#',
    id: 'pet',
    type: 'object',
    properties: { price: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: false }, id: { type: 'string' } },
    items: [{ maximum: 5, exclusiveMaximum: true }],
  });
  assert.deepEqual(converted, {
    $id: 'pet',
    type: 'object',
    properties: { price: { type: 'number', exclusiveMinimum: 0, maximum: 10 }, id: { type: 'string' } },
    items: [{ exclusiveMaximum: 5 }],
  });
});

test('missing parameters are listed headers first, then path, then query string', () => {
  const missing = [
    { kind: 'querystring', name: 'q1' },
    { kind: 'path', name: 'id' },
    { kind: 'multivalueheader', name: 'X-M' },
    { kind: 'querystring', name: 'q2' },
    { kind: 'header', name: 'X-H' },
  ];
  assert.deepEqual(missingInAwsOrder(missing), ['X-M', 'X-H', 'id', 'q1', 'q2']);
});
