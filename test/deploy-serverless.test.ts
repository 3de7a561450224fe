// `serverless deploy`, `info`, `logs` and `remove` (Serverless Framework v3 with the
// serverless-localstack plugin, as the README's quick start says) of test/fixtures/serverless-app
// against localgate. Both are installed once into a cache folder outside the repository; the
// test skips, saying so, when npm cannot install them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { appendFile, copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packageRoot } from '../src/paths.ts';
import type { Localgate } from '../src/app.ts';
import { codeBlockAfter, pointAt } from './examples.ts';
import { startTestServer } from './helpers.ts';

const run = promisify(execFile);
const tools = join(tmpdir(), 'localgate-sls-tools');
const toolsBin = join(tools, 'node_modules', '.bin');
const fixture = join(packageRoot, 'test', 'fixtures', 'serverless-app');

/** Installs serverless@3 and serverless-localstack into the cache folder unless they are there; false when npm cannot. */
async function installServerless(): Promise<boolean> {
  const ready = () => existsSync(join(toolsBin, 'serverless')) && existsSync(join(tools, 'node_modules', 'serverless-localstack'));
  if (ready()) return true;
  mkdirSync(tools, { recursive: true });
  try {
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefix', tools, 'serverless@3', 'serverless-localstack'], { timeout: 300_000 });
    return ready();
  } catch {
    return false;
  }
}

describe('the Serverless Framework with serverless-localstack pointed at localgate', { concurrency: false }, () => {
  const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
  let app: Localgate;
  let work: string;
  let installed = false;
  before(async () => {
    installed = await installServerless();
    app = await startTestServer();
    // The service as its user has it: the fixture, plus the README's plugin lines.
    work = await mkdtemp(join(tmpdir(), 'localgate-sls-'));
    await copyFile(join(fixture, 'handler.js'), join(work, 'handler.js'));
    await copyFile(join(fixture, 'serverless.yml'), join(work, 'serverless.yml'));
    await appendFile(join(work, 'serverless.yml'), `\n${codeBlockAfter(readme, '## Serverless Framework', 'yaml')}`);
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
    await app.close();
  });

  /** The README's commands, in order, with its endpoint pointed at the test server. */
  function readmeCommands(): string[] {
    const block = pointAt(codeBlockAfter(readme, '## Serverless Framework', 'bash'), app.url);
    return block.split('\n').map((line) => line.replace(/\s#.*$/, '').trim()).filter((line) => line && !line.startsWith('#'));
  }

  async function serverless(args: string[], env: Record<string, string>): Promise<string> {
    // Asynchronous on purpose: the server answering the CLI runs in this process.
    const { stdout, stderr } = await run(join(toolsBin, 'serverless'), args, {
      cwd: work,
      env: { ...process.env, ...env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', SLS_DEPRECATION_DISABLE: '*' },
      timeout: 300_000,
    }).catch((err: { stdout?: string; stderr?: string; message: string }) => assert.fail(`serverless ${args.join(' ')} failed:\n${err.stderr || err.message}${err.stdout ?? ''}`));
    return stdout + stderr;
  }

  it('deploys the service (whose APIs answer), shows its info and logs, then removes it', { timeout: 900_000 }, async (t) => {
    if (!installed) return t.skip(`npm could not install serverless@3 and serverless-localstack into ${tools}`);
    const [exported, ...commands] = readmeCommands();
    assert.match(exported, /^export /);
    const env = Object.fromEntries(exported.slice('export '.length).split(/\s+/).map((pair) => pair.split('=') as [string, string]));
    assert.deepEqual(commands.map((c) => c.split(/\s+/).slice(0, 2).join(' ')), ['serverless deploy', 'serverless info', 'serverless logs', 'serverless remove']);
    const [deploy, info, logs, remove] = commands.map((c) => c.split(/\s+/).slice(1));

    const deployed = await serverless(deploy, env);
    assert.match(deployed, /Service deployed to stack localgate-sls-fixture-dev/);
    // The plugin rewrites the endpoints it prints into local invoke URLs.
    const restUrl = new RegExp(`${app.url.replace('localhost', '(?:localhost|127\\.0\\.0\\.1)')}/restapis/(\\w+)/dev/_user_request_`).exec(deployed);
    const httpApiId = /GET - https:\/\/(\w+)\.execute-api\.localhost\.localstack\.cloud:\d+\/hello/.exec(deployed)?.[1];
    assert.ok(restUrl && httpApiId, deployed);
    const rest = await fetch(`${app.url}/restapis/${restUrl[1]}/dev/_user_request_/hello`);
    assert.deepEqual(await rest.json(), { greeting: 'hello from serverless', path: '/hello' });
    const http = await fetch(`${app.url}/execute-api/${httpApiId}/hello`);
    assert.deepEqual(await http.json(), { greeting: 'hello from serverless', path: '/hello' });

    // A second deploy updates the stack: serverless first deletes its change set by name, which
    // AWS answers with success when there is none (it failed here before).
    // (--force: the framework otherwise compares hashes and skips an unchanged service.)
    assert.match(await serverless([...deploy, '--force'], env), /Service deployed to stack localgate-sls-fixture-dev/);

    const shown = await serverless(info, env);
    assert.match(shown, /stack: localgate-sls-fixture-dev\n/);
    assert.match(shown, /hello: localgate-sls-fixture-dev-hello\n/);
    assert.ok(shown.includes(`/restapis/${restUrl[1]}/dev/_user_request_`), shown);

    // Two invocations, each START, its own line, END (serverless folds REPORT into END).
    const logged = await serverless(logs, env);
    assert.equal(logged.match(/^START$/gm)?.length, 2, logged);
    assert.equal(logged.match(/\tINFO\thello called on \/hello$/gm)?.length, 2, logged);
    assert.equal(logged.match(/^END Duration: [\d.]+ ms .*Memory Used: \d+ MB$/gm)?.length, 2, logged);

    assert.match(await serverless(remove, env), /Service localgate-sls-fixture has been successfully removed/);
    assert.equal((await fetch(`${app.url}/restapis/${restUrl[1]}/dev/_user_request_/hello`)).status, 404);
    assert.equal((await fetch(`${app.url}/execute-api/${httpApiId}/hello`)).status, 404);
  });
});

