import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fullMatch, javaRegex, JavaRegexError, javaReplacement, javaSplit, javaWholeRegex } from './java-regex.ts';

test('leading inline flags become RegExp flags', () => {
  assert.equal('Hello'.replace(javaRegex('(?i)h'), 'j'), 'jello');
  assert.equal(javaRegex('(?is)a.b', false).flags, 'is');
  assert.ok(javaWholeRegex('(?i)abc').test('ABC'));
  assert.ok(!javaWholeRegex('abc').test('ABC'));
});

test('fullMatch matches the whole value, honours (?i), and a broken pattern matches nothing', () => {
  assert.ok(fullMatch('2\\d{2}', '201'));
  assert.ok(!fullMatch('2\\d', '201'));
  assert.ok(fullMatch('(?i).*not found.*', 'Item NOT FOUND here'));
  assert.ok(fullMatch('a|b', 'b'));
  assert.ok(!fullMatch('a|b', 'ab'));
  assert.ok(!fullMatch('(', '('));
});

test('bad patterns and replacements throw JavaRegexError', () => {
  assert.throws(() => javaRegex('('), JavaRegexError);
  assert.throws(() => javaReplacement('$x'), JavaRegexError);
  assert.throws(() => javaReplacement('a\\'), JavaRegexError);
});

test('Java replacement strings', () => {
  assert.equal('ab'.replace(javaRegex('(a)(?<n>b)'), javaReplacement('$2${n}\\$$1')), 'bb$a');
});

test('Java String.split semantics', () => {
  assert.deepEqual(javaSplit('a,b,,c,,', ','), ['a', 'b', '', 'c']);
  assert.deepEqual(javaSplit(',a', ','), ['', 'a']);
  assert.deepEqual(javaSplit(',', ','), []);
  assert.deepEqual(javaSplit('', ','), ['']);
  assert.deepEqual(javaSplit('abc', ''), ['a', 'b', 'c']);
  assert.deepEqual(javaSplit('a1b22c', '\\d+'), ['a', 'b', 'c']);
  assert.deepEqual(javaSplit('a,b,c', ',', 2), ['a', 'b,c']);
  assert.deepEqual(javaSplit('a,b,,', ',', -1), ['a', 'b', '', '']);
  assert.deepEqual(javaSplit('a(b)c', '(\\()'), ['a', 'b)c']);
});
