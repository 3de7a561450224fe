// The user's own examples (../shared/seed), copied verbatim into test/seed/, run as
// written: bash + curl + jq, and the TypeScript SDK example through tsx. Only the
// endpoint http://localhost:4566 is pointed at the test server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { zipSync, strToU8 } from 'fflate';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { clientConfig, startTestServer } from './helpers.ts';
import type { Localgate } from '../src/app.ts';

const dir = fileURLToPath(new URL('./seed/', import.meta.url));
let app: Localgate;

before(async () => {
  app = await startTestServer();
  // The seed's integrations name arn:aws:lambda:us-east-1:000000000000:function:my-fn.
  const handler = `exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ hello: event.rawPath }) });`;
  const lambda = new LambdaClient(clientConfig(app));
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'my-fn',
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Role: 'arn:aws:iam::000000000000:role/lambda-role',
      Code: { ZipFile: zipSync({ 'index.js': strToU8(handler) }) },
    }),
  );
  lambda.destroy();
});
after(() => app.close());

function script(name: string, replace: Record<string, string> = {}): string {
  let text = readFileSync(dir + name, 'utf8').replaceAll('http://localhost:4566', app.url);
  for (const [from, to] of Object.entries(replace)) text = text.replaceAll(from, to);
  return text;
}

// Asynchronous on purpose: the server runs in this process and must keep answering.
const run = promisify(execFile);
const bash = async (text: string) => (await run('bash', ['-euo', 'pipefail', '-c', text], { encoding: 'utf8' })).stdout;

test('the quick start creates an API, an integration and a route', async () => {
  const out = await bash(`${script('quick-start.sh')}\necho; echo "INTEGRATION=$INTEGRATION_ID"`);
  const apiId = /API ID: ([a-z0-9]{10})\n/.exec(out)?.[1];
  assert.ok(apiId, out);
  assert.match(out, /INTEGRATION=[a-z0-9]{7}\n/);
  const route = JSON.parse(out.split('\n').find((l) => l.includes('RouteKey'))!);
  assert.equal(route.RouteKey, 'GET /hello');
  assert.match(route.Target, /^integrations\/[a-z0-9]{7}$/);
  assert.match(route.RouteId, /^[a-z0-9]{7}$/);
});

test('the curl examples create, list and stage an API', async () => {
  const [first, rest] = script('curl-examples.sh').split(/\n(?=# 2\.)/);
  const create = await bash(first);
  const api = JSON.parse(create);
  assert.equal(api.Name, 'users-api');
  assert.equal(api.Description, 'User management API');
  assert.equal(api.ProtocolType, 'HTTP');
  const out = await bash(rest.replaceAll('YOUR_API_ID', api.ApiId));
  const [list, stage] = out.split(/(?<=\})(?=\{)/);
  assert.ok(JSON.parse(list).items.some((a: { apiId: string }) => a.apiId === api.ApiId));
  const created = JSON.parse(stage);
  assert.equal(created.StageName, '$default');
  assert.equal(created.AutoDeploy, true);
});

test('the SDK example runs as written and its invoke URL answers', async () => {
  const file = `${dir}.sdk-example-run.ts`;
  writeFileSync(file, script('sdk-example.ts'));
  let out = '';
  try {
    out = (await run(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8' })).stdout;
  } finally {
    rmSync(file, { force: true });
  }
  const url = /Invoke at: (\S+)/.exec(out)?.[1];
  assert.ok(url, out);
  const res = await fetch(url);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { hello: '/hello' });
});

test('the REST API example answers {} from its MOCK integration', async () => {
  const out = await bash(script('rest-api.sh'));
  assert.ok(out.endsWith('{}'), out);
});
