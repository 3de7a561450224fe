// The README's quick starts run as written against a test server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestServer } from './helpers.ts';
import { codeBlockAfter, pointAt, runBash, runTypeScript } from './examples.ts';
import type { Localgate } from '../src/app.ts';
import { packageRoot } from '../src/paths.ts';

const run = promisify(execFile);

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

test('the deploy section\'s commands deploy the template, cdk.out and .serverless they name', { timeout: 600_000 }, async () => {
  const block = codeBlockAfter(readme, '## Deploy your SAM, CDK or Serverless project', 'bash');
  const commands = block.split('\n').map((line) => line.replace(/#.*$/, '').trim()).filter((line) => line.startsWith('npx localgate deploy '));
  assert.equal(commands.length, 3);
  // Each command runs where a project of its kind would hold what it names.
  const folders: Record<string, string> = { 'template.yaml': 'deploy/sam-app', 'cdk.out': 'cdk-app', '.serverless': 'serverless-app' };
  for (const command of commands) {
    const target = command.split(/\s+/)[3];
    const cwd = join(packageRoot, 'test', 'fixtures', folders[target]);
    // `npx localgate` is this checkout's CLI.
    const args = command.split(/\s+/).slice(2);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(packageRoot, 'src', 'cli.ts'), ...args], {
      cwd,
      env: { ...process.env, AWS_ENDPOINT_URL: app.url, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' },
      timeout: 120_000,
    });
    assert.match(stdout, /: (CREATE|UPDATE)_COMPLETE\n/, `${command}\n${stdout}`);
    assert.match(stdout, /Invoke URLs:\n/, command);
  }
});
