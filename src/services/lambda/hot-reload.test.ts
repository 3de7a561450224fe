// The hot-reload directory's signature: it changes when a file is added or edited (newest
// mtime, file count) and not otherwise; node_modules is not walked (only its own entry counts).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { dirSignature } from './hot-reload.ts';

const dir = mkdtempSync(join(tmpdir(), 'hot-reload-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file with a given mtime (seconds), and puts its directory's mtime back to an
 * old one, so only the file's counts and the test does not depend on the clock. */
function write(path: string, mtime: number) {
  writeFileSync(join(dir, path), 'x');
  utimesSync(join(dir, path), mtime, mtime);
  if (dirname(path) !== '.') utimesSync(join(dir, dirname(path)), 100, 100);
}

test('changes with an edit, a new file or a file in a subdirectory; the same tree gives the same signature', () => {
  write('index.js', 1_000);
  const first = dirSignature(dir);
  assert.equal(dirSignature(dir), first);
  write('index.js', 2_000);
  const edited = dirSignature(dir);
  assert.notEqual(edited, first);
  mkdirSync(join(dir, 'lib'));
  write('lib/util.js', 1_500);
  const added = dirSignature(dir);
  assert.notEqual(added, edited);
  write('lib/util.js', 3_000);
  assert.notEqual(dirSignature(dir), added);
});

test('does not walk node_modules; a missing directory has a signature too', () => {
  mkdirSync(join(dir, 'node_modules', 'dep'), { recursive: true });
  utimesSync(join(dir, 'node_modules'), 100, 100);
  utimesSync(join(dir, 'node_modules', 'dep'), 100, 100);
  const before = dirSignature(dir);
  write('node_modules/dep/index.js', 9_000);
  assert.equal(dirSignature(dir), before);
  write('node_modules/top.js', 9_000);
  utimesSync(join(dir, 'node_modules'), 100, 100);
  assert.equal(dirSignature(dir), before);
  assert.equal(dirSignature(join(dir, 'nothing-here')), '0:0');
});
