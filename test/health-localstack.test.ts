// The LocalStack-style health path, for tools that wait on it before deploying.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Localgate } from '../src/app.ts';
import { VERSION } from '../src/server/health.ts';
import { startTestServer } from './helpers.ts';

let app: Localgate;
before(async () => {
  app = await startTestServer();
});
after(() => app.close());

test('/_localstack/health lists the services localgate serves, each running', async () => {
  const res = await fetch(`${app.url}/_localstack/health`);
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.version, VERSION);
  const own = await fetch(`${app.url}/_localgate/health`).then((r) => r.json());
  assert.deepEqual(body.services, own.services);
  assert.equal(body.services.s3, 'running');
  assert.equal(body.services.cloudformation, 'running');
  assert.equal(body.services.ecr, 'running');
  assert.equal(body.services.dynamodb, undefined);
});
