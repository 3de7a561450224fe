// The user's own examples (../shared/seed), copied verbatim into test/seed/, run as
// written: bash + curl + jq, and the TypeScript SDK example through tsx. Only the
// endpoint http://localhost:4566 is pointed at the test server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { zipSync, strToU8 } from 'fflate';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { clientConfig, startTestServer } from './helpers.ts';
import { pointAt, runBash as bash, runTypeScript } from './examples.ts';
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

const script = (name: string) => pointAt(readFileSync(dir + name, 'utf8'), app.url);

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
  const out = await runTypeScript(script('sdk-example.ts'));
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
