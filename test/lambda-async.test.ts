// Asynchronous (Event) invocations: retries on function errors up to MaximumRetryAttempts,
// event age, Lambda destinations with the documented invocation record, and shutdown.
// The first part drives a whole localgate through @aws-sdk/client-lambda with Lambda's own
// delays (only cases that need no retry wait); the second builds the Lambda service's
// parts with a millisecond retry schedule, so retried events finish in a test's time.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient, PutFunctionEventInvokeConfigCommand } from '@aws-sdk/client-lambda';
import { startTestServer, clientConfig } from './helpers.ts';
import { createFunction, makeZip, ROLE } from './fixtures/lambda/zips.ts';
import type { Localgate } from '../src/app.ts';
import type { RequestContext } from '../src/protocol/engine.ts';
import type { AsyncOptions } from '../src/services/lambda/async.ts';
import { FunctionSettingsProvider } from '../src/services/lambda/function-settings.ts';
import { LocalLambdaInvoker } from '../src/services/lambda/invoke.ts';
import { EnvironmentPool } from '../src/runtime/pool.ts';
import { LambdaProvider } from '../src/services/lambda/provider.ts';
import { LambdaStore } from '../src/services/lambda/store.ts';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function`;

/** Counts its attempts per event id in STATE_DIR and fails the first `failures` of them. */
const FLAKY = `
const fs = require('fs');
const path = require('path');
exports.handler = async (event) => {
  const file = path.join(process.env.STATE_DIR, event.id + '.count');
  const n = (fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0) + 1;
  fs.writeFileSync(file, String(n));
  if (n <= event.failures) throw new Error('attempt ' + n + ' fails');
  return { ok: true, attempts: n };
};`;

/** A destination: keeps each invocation record it receives, by the original event's id. */
const RECORDER = `
const fs = require('fs');
const path = require('path');
exports.handler = async (record) => {
  fs.writeFileSync(path.join(process.env.STATE_DIR, record.requestPayload.id + '.record.json'), JSON.stringify(record));
};`;

function attempts(dir: string, id: string): number {
  const file = join(dir, `${id}.count`);
  return existsSync(file) ? Number(readFileSync(file, 'utf8')) : 0;
}

/** Waits (polling) for the record a destination keeps; fails the test after 30 s. */
async function recordOf(dir: string, id: string): Promise<Record<string, any>> {
  const file = join(dir, `${id}.record.json`);
  for (let i = 0; i < 1500; i++) {
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      if (text) return JSON.parse(text);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no invocation record for ${id}`);
}

async function until(check: () => boolean) {
  for (let i = 0; i < 1500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(check(), 'condition not reached in 30 s');
}

describe('lambda asynchronous invocation through the SDK', () => {
  let app: Localgate;
  let client: LambdaClient;
  let dir: string;
  before(async () => {
    app = await startTestServer();
    client = new LambdaClient(clientConfig(app));
    dir = mkdtempSync(join(tmpdir(), 'lambda-async-'));
    const Environment = { Variables: { STATE_DIR: dir } };
    await createFunction(client, 'flaky', { 'index.js': FLAKY }, { Environment });
    await createFunction(client, 'recorder', { 'index.js': RECORDER }, { Environment });
  });
  after(async () => {
    client.destroy();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const event = (id: string, failures: number) => new InvokeCommand({ FunctionName: 'flaky', InvocationType: 'Event', Payload: Buffer.from(JSON.stringify({ id, failures })) });

  it('runs a failing event once with MaximumRetryAttempts 0 and sends the OnFailure record to a Lambda destination', async () => {
    await client.send(
      new PutFunctionEventInvokeConfigCommand({ FunctionName: 'flaky', MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: `${ARN}:recorder` } } }),
    );
    const out = await client.send(event('zero', 5));
    assert.equal(out.StatusCode, 202);
    const record = await recordOf(dir, 'zero');
    assert.equal(attempts(dir, 'zero'), 1);
    assert.equal(record.version, '1.0');
    assert.match(record.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.match(record.requestContext.requestId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.deepEqual({ ...record.requestContext, requestId: 'x' }, {
      requestId: 'x',
      functionArn: `${ARN}:flaky:$LATEST`,
      condition: 'RetriesExhausted',
      approximateInvokeCount: 1,
    });
    assert.deepEqual(record.requestPayload, { id: 'zero', failures: 5 });
    assert.deepEqual(record.responseContext, { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' });
    assert.equal(record.responsePayload.errorType, 'Error');
    assert.equal(record.responsePayload.errorMessage, 'attempt 1 fails');
  });

  it('sends the OnSuccess record with the function response', async () => {
    await client.send(
      new PutFunctionEventInvokeConfigCommand({ FunctionName: 'flaky', MaximumRetryAttempts: 0, DestinationConfig: { OnSuccess: { Destination: `${ARN}:recorder` } } }),
    );
    await client.send(event('fine', 0));
    const record = await recordOf(dir, 'fine');
    assert.equal(record.requestContext.condition, 'Success');
    assert.equal(record.requestContext.approximateInvokeCount, 1);
    assert.deepEqual(record.responseContext, { statusCode: 200, executedVersion: '$LATEST' });
    assert.deepEqual(record.responsePayload, { ok: true, attempts: 1 });
  });

  it('stops a pending retry on close (Lambda would wait a minute before the second attempt)', async () => {
    await client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'flaky', MaximumRetryAttempts: 2 }));
    await client.send(event('closing', 5));
    await until(() => attempts(dir, 'closing') === 1);
    // after() closes the server: the test process ending at all shows no retry timer is left.
  });
});

describe('lambda asynchronous retries with a fast schedule', () => {
  const ctx: RequestContext = { caller: { account: ACCOUNT, region: REGION, signed: false }, account: ACCOUNT, region: REGION, requestId: 'test', baseUrl: 'http://localhost' };
  let dir: string;
  let store: LambdaStore;
  let pool: EnvironmentPool;
  let invoker: LocalLambdaInvoker;
  let settings: FunctionSettingsProvider;
  /** Added to the clock the runner measures event ages with. */
  let skewMs = () => 0;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lambda-async-fast-'));
    store = new LambdaStore();
    pool = new EnvironmentPool({ maxPerFunction: 2, idleMs: 60_000, quiet: true });
    const options: AsyncOptions = { schedule: { retryDelaysMs: [5, 10], throttleBaseMs: 1, throttleMaxMs: 5 }, now: () => Date.now() + skewMs() };
    invoker = new LocalLambdaInvoker(store, pool, { endpointUrl: () => 'http://localhost', quiet: true, async: options });
    const provider = new LambdaProvider(store, invoker, pool, { strict: false, warn: () => {} });
    settings = new FunctionSettingsProvider(invoker);
    const Environment = { Variables: { STATE_DIR: dir } };
    for (const [name, code] of [['flaky', FLAKY], ['recorder', RECORDER]]) {
      await provider.createFunction({ FunctionName: name, Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: Buffer.from(makeZip({ 'index.js': code })) }, Environment }, ctx);
    }
  });
  after(() => {
    invoker.shutdown();
    pool.shutdown();
    store.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  const configure = (MaximumRetryAttempts?: number, MaximumEventAgeInSeconds?: number) =>
    settings.putFunctionEventInvokeConfig(
      {
        FunctionName: 'flaky',
        MaximumRetryAttempts,
        MaximumEventAgeInSeconds,
        DestinationConfig: { OnSuccess: { Destination: `${ARN}:recorder` }, OnFailure: { Destination: `${ARN}:recorder` } },
      },
      ctx,
    );
  const send = (id: string, failures: number) =>
    invoker.invoke({ account: ACCOUNT, region: REGION, functionName: 'flaky', invocationType: 'Event', payload: Buffer.from(JSON.stringify({ id, failures })) });

  it('runs a function that fails twice exactly 3 times with MaximumRetryAttempts 2', async () => {
    configure(2);
    const out = await send('twice', 2);
    assert.equal(out.statusCode, 202);
    const record = await recordOf(dir, 'twice');
    assert.equal(attempts(dir, 'twice'), 3);
    assert.equal(record.requestContext.condition, 'Success');
    assert.equal(record.requestContext.approximateInvokeCount, 3);
    assert.deepEqual(record.responsePayload, { ok: true, attempts: 3 });
  });

  it('runs it once with MaximumRetryAttempts 0', async () => {
    configure(0);
    await send('once', 2);
    const record = await recordOf(dir, 'once');
    assert.equal(attempts(dir, 'once'), 1);
    assert.equal(record.requestContext.condition, 'RetriesExhausted');
    assert.equal(record.requestContext.approximateInvokeCount, 1);
  });

  it('retries twice by default (config without MaximumRetryAttempts)', async () => {
    configure();
    await send('default', 5);
    const record = await recordOf(dir, 'default');
    assert.equal(attempts(dir, 'default'), 3);
    assert.equal(record.requestContext.condition, 'RetriesExhausted');
    assert.equal(record.requestContext.approximateInvokeCount, 3);
    assert.equal(record.responsePayload.errorMessage, 'attempt 3 fails');
  });

  it('drops an event older than MaximumEventAgeInSeconds instead of retrying it', async () => {
    configure(2, 60);
    // Once the first attempt has run, the event is 61 s old.
    skewMs = () => (attempts(dir, 'aged') >= 1 ? 61_000 : 0);
    await send('aged', 5);
    const record = await recordOf(dir, 'aged');
    skewMs = () => 0;
    assert.equal(attempts(dir, 'aged'), 1);
    assert.equal(record.requestContext.condition, 'EventAgeExceeded');
    assert.equal(record.requestContext.approximateInvokeCount, 1);
    assert.deepEqual(record.responseContext, { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' });
  });

  it('cancels a pending retry on shutdown: no timer left, no invocation after it', async () => {
    configure(2);
    // Another invoker on the same functions, whose retry waits 300 ms.
    const slow = new LocalLambdaInvoker(store, pool, { endpointUrl: () => 'http://localhost', quiet: true, async: { schedule: { retryDelaysMs: [300], throttleBaseMs: 1, throttleMaxMs: 5 } } });
    await slow.invoke({ account: ACCOUNT, region: REGION, functionName: 'flaky', invocationType: 'Event', payload: Buffer.from(JSON.stringify({ id: 'shutdown', failures: 5 })) });
    await until(() => attempts(dir, 'shutdown') === 1);
    await new Promise((r) => setTimeout(r, 30)); // the attempt's outcome reaches the runner
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    slow.shutdown();
    assert.equal(timers(), before - 1);
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(attempts(dir, 'shutdown'), 1);
  });
});
