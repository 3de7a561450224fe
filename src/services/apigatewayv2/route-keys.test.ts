import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AwsError } from '../../protocol/errors.ts';
import { checkRouteKeyConflicts, parseHttpRouteKey, validateRouteKey } from './route-keys.ts';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as AwsError).code;
  }
  return 'ok';
};

test('HTTP route keys', () => {
  assert.equal(parseHttpRouteKey('$default'), undefined);
  assert.deepEqual(parseHttpRouteKey('GET /'), { method: 'GET', parts: [] });
  assert.deepEqual(parseHttpRouteKey('ANY /a/{b}/{proxy+}'), { method: 'ANY', parts: ['a', '{b}', '{proxy+}'] });
  for (const bad of ['GET', 'get /a', 'FETCH /a', 'GET a', 'GET /a//b', 'GET /{proxy+}/a', 'GET /e{id}', '$connect']) {
    assert.equal(code(() => validateRouteKey('HTTP', bad)), 'BadRequestException', bad);
  }
});

test('WebSocket route keys', () => {
  for (const ok of ['$connect', '$disconnect', '$default', 'sendMessage']) assert.equal(code(() => validateRouteKey('WEBSOCKET', ok)), 'ok');
  assert.equal(code(() => validateRouteKey('WEBSOCKET', '$other')), 'BadRequestException');
});

test('route key conflicts', () => {
  assert.equal(code(() => checkRouteKeyConflicts('HTTP', 'GET /a', ['GET /a'])), 'ConflictException');
  assert.equal(code(() => checkRouteKeyConflicts('HTTP', 'GET /a/{x}', ['POST /a/{y}/c'])), 'ConflictException');
  assert.equal(code(() => checkRouteKeyConflicts('HTTP', 'GET /a/{x}', ['GET /b/{y}', 'ANY /a/{proxy+}'])), 'ok');
  assert.equal(code(() => checkRouteKeyConflicts('WEBSOCKET', 'msg', ['$default'])), 'ok');
});
