import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapResponseV1, mapResponseV2 } from './proxy-response.ts';
import { GatewayError } from './gateway-error.ts';

const j = (v: unknown) => Buffer.from(JSON.stringify(v));
const is500 = (err: unknown) => err instanceof GatewayError && err.status === 500 && err.message === 'Internal Server Error';

test('2.0 infers a 200 JSON response from a result without statusCode', () => {
  const r = mapResponseV2(j({ hello: 'world' }));
  assert.equal(r.status, 200);
  assert.deepEqual(r.headers, { 'content-type': 'application/json' });
  assert.equal(r.body.toString(), '{"hello":"world"}');
  assert.equal(mapResponseV2(j('plain text')).body.toString(), 'plain text');
});

test('2.0 explicit: headers, cookies, base64 bodies', () => {
  const r = mapResponseV2(j({ statusCode: 201, headers: { 'X-A': 'b', n: 1 }, cookies: ['a=1', 'b=2'], body: Buffer.from('bin').toString('base64'), isBase64Encoded: true }));
  assert.equal(r.status, 201);
  assert.deepEqual(r.headers, { 'x-a': 'b', n: '1', 'set-cookie': ['a=1', 'b=2'] });
  assert.equal(r.body.toString(), 'bin');
});

test('malformed results are 500s', () => {
  assert.throws(() => mapResponseV2(j({ statusCode: 'abc' })), is500);
  assert.throws(() => mapResponseV2(j({ statusCode: 200, body: { x: 1 } })), is500);
  assert.throws(() => mapResponseV2(Buffer.from('not json')), is500);
  assert.throws(() => mapResponseV1(j({ body: 'x' })), is500);
  assert.throws(() => mapResponseV1(j('text')), is500);
  assert.throws(() => mapResponseV1(j({ statusCode: 200, multiValueHeaders: { a: 'notalist' } })), is500);
});

test('1.0 takes headers and multiValueHeaders', () => {
  const r = mapResponseV1(j({ statusCode: 200, headers: { A: '1' }, multiValueHeaders: { 'Set-Cookie': ['x=1', 'y=2'] }, body: 'ok' }));
  assert.deepEqual(r.headers, { a: '1', 'set-cookie': ['x=1', 'y=2'] });
  assert.equal(r.body.toString(), 'ok');
});

// Recorded on AWS: localstack/localstack tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json
// (proxy response format); AWS docs "Output format of a Lambda function for proxy integration".
test('1.0 merges headers into multiValueHeaders of the same name without repeating a value', () => {
  const r = mapResponseV1(j({ statusCode: 200, headers: { 'X-Both': 'value-solo', 'X-Same': 'v' }, multiValueHeaders: { 'x-both': ['value-multi'], 'X-Same': ['v'] } }));
  assert.deepEqual(r.headers, { 'x-both': ['value-multi', 'value-solo'], 'x-same': 'v' });
});

test('REST APIs: names keep their case, no statusCode is 200, unknown keys and non-string bodies are malformed', () => {
  const r = mapResponseV1(j({ headers: { 'X-Both': 'value-solo' }, multiValueHeaders: { 'X-Both': ['value-multi'], 'Set-Cookie': ['a=1', 'b=2'] }, body: 'ok' }), { rest: true });
  assert.equal(r.status, 200);
  assert.deepEqual(r.headers, { 'X-Both': ['value-multi', 'value-solo'], 'Set-Cookie': ['a=1', 'b=2'] });
  assert.throws(() => mapResponseV1(j({ statusCode: 200, body: 'x', extra: 1 }), { rest: true }), is500);
  assert.throws(() => mapResponseV1(j({ statusCode: 200, body: { a: 1 } }), { rest: true }), is500);
  assert.throws(() => mapResponseV1(j('text'), { rest: true }), is500);
});
