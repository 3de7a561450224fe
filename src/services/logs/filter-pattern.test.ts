import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AwsError } from '../../protocol/errors.ts';
import { compileFilterPattern } from './filter-pattern.ts';

const matches = (pattern: string, messages: string[]) => messages.filter(compileFilterPattern(pattern));

test('terms, phrases, exclusions and alternatives', () => {
  const lines = ['ERROR timeout talking to db', 'WARN slow', 'INFO ok', 'ERROR retry scheduled', 'error lower'];
  assert.deepEqual(matches('', lines), lines);
  assert.deepEqual(matches('ERROR', lines), ['ERROR timeout talking to db', 'ERROR retry scheduled']);
  assert.deepEqual(matches('ERROR timeout', lines), ['ERROR timeout talking to db']);
  assert.deepEqual(matches('"talking to"', lines), ['ERROR timeout talking to db']);
  assert.deepEqual(matches('ERROR -retry', lines), ['ERROR timeout talking to db']);
  assert.deepEqual(matches('?WARN ?INFO', lines), ['WARN slow', 'INFO ok']);
  assert.deepEqual(matches('%^(WARN|INFO)%', lines), ['WARN slow', 'INFO ok']);
});

test('JSON patterns: equality with wildcards, numbers, logic, existence', () => {
  const lines = [
    '{"level":"error","latency":250,"user":{"id":"u-1"},"tags":["a","b"],"ok":false}',
    '{"level":"info","latency":20,"user":{"id":"u-2"},"ok":true}',
    '{"level":"error","latency":5}',
    'not json at all',
  ];
  assert.deepEqual(matches('{ $.level = "error" }', lines), [lines[0], lines[2]]);
  assert.deepEqual(matches('{ $.level = err* }', lines), [lines[0], lines[2]]);
  assert.deepEqual(matches('{ $.level != "error" }', lines), [lines[1]]);
  assert.deepEqual(matches('{ $.latency > 100 }', lines), [lines[0]]);
  assert.deepEqual(matches('{ ($.level = "error" && $.latency < 10) || $.user.id = "u-2" }', lines), [lines[1], lines[2]]);
  assert.deepEqual(matches('{ $.tags[1] = "b" }', lines), [lines[0]]);
  assert.deepEqual(matches('{ $.user NOT EXISTS }', lines), [lines[2]]);
  assert.deepEqual(matches('{ $.ok IS TRUE }', lines), [lines[1]]);
});

test('bad patterns are InvalidParameterException', () => {
  for (const bad of ['{ $.a = }', '{ $.a = "x" ', '{ level = 1 }', '[ip, user]', '%(%']) {
    assert.throws(() => compileFilterPattern(bad), (err: AwsError) => err.code === 'InvalidParameterException', bad);
  }
});
