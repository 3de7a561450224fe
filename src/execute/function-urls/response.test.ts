import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mapUrlResponse } from './response.ts';

const map = (value: unknown) => mapUrlResponse(Buffer.from(typeof value === 'string' ? value : JSON.stringify(value, null, 2)));

describe('function URL responses', () => {
  it('re-serialises a JSON result that is not a response object compactly, as application/json', () => {
    const mapped = mapUrlResponse(Buffer.from('{ "hello" :  "world", "n": [1,  2] }'));
    assert.equal(mapped.status, 200);
    assert.deepEqual(mapped.headers, { 'content-type': 'application/json' });
    assert.equal(mapped.body.toString(), '{"hello":"world","n":[1,2]}');
  });

  it('answers a response object without Content-Type as application/json', () => {
    const mapped = map({ statusCode: 201, body: 'made' });
    assert.equal(mapped.status, 201);
    assert.deepEqual(mapped.headers, { 'content-type': 'application/json' });
    assert.equal(mapped.body.toString(), 'made');
  });

  it('keeps the Content-Type a response object sets, in any casing', () => {
    const mapped = map({ statusCode: 200, headers: { 'Content-Type': 'text/html' }, body: '<p>' });
    assert.deepEqual(mapped.headers, { 'content-type': 'text/html' });
  });
});
