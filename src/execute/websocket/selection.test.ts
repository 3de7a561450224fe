import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileKeySelector, compileSelection, evaluateSelection, parseJson, selectKey } from './selection.ts';

const body = (text: string) => ({ requestBody: () => parseJson(text) });

test('route selection: one body reference', () => {
  assert.equal(evaluateSelection('$request.body.action', body('{"action":"join"}')), 'join');
  assert.equal(evaluateSelection('$request.body.a.b', body('{"a":{"b":7}}')), '7');
  assert.equal(evaluateSelection('$request.body.action', body('not json')), undefined);
  assert.equal(evaluateSelection('$request.body.action', body('{"other":1}')), undefined);
  assert.equal(evaluateSelection('$request.body.action', body('{"action":null}')), undefined);
});

test('route selection: templates and constants', () => {
  assert.equal(evaluateSelection('${request.body.s}/${request.body.a}', body('{"s":"x","a":"y"}')), 'x/y');
  assert.equal(evaluateSelection('${request.body.s}/${request.body.a}', body('{"s":"x"}')), undefined);
  assert.equal(evaluateSelection('\\$default', {}), '$default');
  assert.equal(evaluateSelection('$default', {}), '$default');
});

test('integration response selection', () => {
  assert.equal(evaluateSelection('${integration.response.statuscode}', { integrationStatus: 404 }), '404');
  assert.equal(evaluateSelection('$integration.response.body.errorMessage', { integrationBody: () => ({ errorMessage: 'boom' }) }), 'boom');
});

test('body references follow indices and never reach prototypes', () => {
  assert.equal(evaluateSelection('$request.body.a[1].b', body('{"a":[{"b":1},{"b":2}]}')), '2');
  assert.equal(evaluateSelection('$request.body.constructor', body('{"a":1}')), undefined);
});

test('selectKey: exact, regex, $default', () => {
  assert.equal(selectKey(['$default', '/2\\d\\d/'], '201'), '/2\\d\\d/');
  assert.equal(selectKey(['$default', 'join'], 'join'), 'join');
  assert.equal(selectKey(['$default', '/2\\d\\d/'], '500'), '$default');
  assert.equal(selectKey(['/2\\d\\d/'], '500'), undefined);
  assert.equal(selectKey(['/(/'], '1'), undefined);
});

test('a compiled selection and key selector, reused for every message: exact key, (?i) regex key, $default', () => {
  const select = compileSelection('${request.body.service}/${request.body.action}');
  const keyOf = compileKeySelector(['$default', 'chat/join', '/(?i)chat\\/.*/', '/(/']);
  const messages = ['{"service":"chat","action":"join"}', '{"service":"CHAT","action":"leave"}', '{"service":"game","action":"x"}', '{"service":"chat"}', 'not json'];
  const answers = messages.map((m) => keyOf(select(body(m))));
  assert.deepEqual(answers, ['chat/join', '/(?i)chat\\/.*/', '$default', '$default', '$default']);
  assert.equal(compileSelection('\\$default')({}), '$default');
  assert.equal(compileSelection(undefined)({}), undefined);
  assert.equal(compileKeySelector(['a'])(undefined), undefined);
});
