// The README's quick starts run as written against a test server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startTestServer } from './helpers.ts';
import { codeBlockAfter, pointAt, runBash, runTypeScript } from './examples.ts';
import type { Localgate } from '../src/app.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
let app: Localgate;
before(async () => {
  app = await startTestServer();
});
after(() => app.close());

test('the curl quick start ends with the health answer through an HTTP_PROXY route', async () => {
  const out = await runBash(pointAt(codeBlockAfter(readme, '## Quick start with curl', 'bash'), app.url));
  const last = JSON.parse(out.slice(out.lastIndexOf('{"status"')));
  assert.equal(last.status, 'running');
  assert.equal(last.services.lambda, 'running');
});

test('the SDK quick start prints what the function answered through the API', async () => {
  const out = await runTypeScript(pointAt(codeBlockAfter(readme, '## Quick start with the SDK', 'ts'), app.url));
  assert.equal(out.trim(), "{ hi: '/anything' }");
});
