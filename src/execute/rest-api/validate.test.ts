import { test } from 'node:test';
import assert from 'node:assert/strict';
import { draft4to7 } from './validate.ts';

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
