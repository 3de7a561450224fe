import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvocationLog, KEEP_HEAD, KEEP_TAIL } from './output.ts';

test('a short log is kept whole and printed piece by piece', () => {
  const printed: string[] = [];
  const log = new InvocationLog((t) => printed.push(t));
  log.add('START\n');
  log.add('hello\n');
  log.add('END\n');
  assert.equal(log.text(), 'START\nhello\nEND\n');
  assert.deepEqual(printed, ['START\n', 'hello\n', 'END\n']);
});

test('a long log keeps its start and its end, and says how much it left out', () => {
  const log = new InvocationLog();
  log.add('START\n');
  for (let i = 0; i < 1000; i++) log.add(`${String(i).padStart(5, '0')}${'.'.repeat(1018)}\n`);
  log.add('REPORT\n');
  const text = log.text();
  const total = 6 + 1000 * 1024 + 7;
  const dropped = total - KEEP_HEAD - KEEP_TAIL;
  assert.ok(text.startsWith('START\n00000'));
  assert.ok(text.endsWith('00999' + '.'.repeat(1018) + '\nREPORT\n'));
  assert.ok(text.includes(`[localgate: ${dropped} characters of output were printed but not kept]\n`));
  assert.equal(text.length, KEEP_HEAD + KEEP_TAIL + `[localgate: ${dropped} characters of output were printed but not kept]\n`.length);
});
