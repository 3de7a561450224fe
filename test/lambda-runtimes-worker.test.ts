// The Lambda-semantics suites again, with `nodejs*` environments in worker threads inside
// localgate (LOCALGATE_LAMBDA_EXECUTOR=worker, runtime/worker-runtime.ts) instead of a
// process each: invocations, context, errors, timeouts, crashes, memory kills and logs must
// behave alike. What a thread cannot do (a pid or working directory of its own) is skipped
// in those suites under this executor, each with why.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { clientConfig, useClient } from './helpers.ts';
import { createFunction, invokeJson } from './fixtures/lambda/zips.ts';
import { checkConfig, configFromEnv, configFromFlags } from '../src/settings.ts';

// Read when a pool is made (in the suites' before hooks), so after these imports is in time.
process.env.LOCALGATE_LAMBDA_EXECUTOR = 'worker';

await import('./lambda.test.ts');
await import('./lambda-runtimes.test.ts');
await import('./lambda-module-scope.test.ts');
await import('./security-limits.test.ts');
await import('./lambda-layers.test.ts');
await import('./lambda-lifecycle.test.ts');
await import('./http-api-lambda.test.ts');

// What only the worker executor must show end to end: a handler that blocks its thread does
// not block localgate, and the CLI's setting reaches the pool.

describe('worker executor end to end', () => {
  let url = '';
  let client: LambdaClient;
  useClient((server) => new LambdaClient(clientConfig(server)), (server, sdk) => {
    url = server.url;
    client = sdk;
  });

  it('answers health while a handler spins in its thread, and ends it at its timeout', async () => {
    await createFunction(client, 'spinner', { 'index.js': 'exports.handler = async (e) => { if (e.spin) for (;;) {} return process.env.AWS_LAMBDA_FUNCTION_NAME; };' }, { Timeout: 2 });
    assert.equal((await invokeJson(client, 'spinner')).json, 'spinner');
    let settled = false;
    const spinning = invokeJson(client, 'spinner', { spin: true }).finally(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 300));
    const health = await fetch(`${url}/_localgate/health`);
    assert.equal(health.status, 200);
    assert.equal(settled, false);
    const { out, json } = await spinning;
    assert.equal(out.FunctionError, 'Unhandled');
    assert.equal(json.errorType, 'Sandbox.Timedout');
    assert.equal((await invokeJson(client, 'spinner')).json, 'spinner');
  });

  it('takes --lambda-executor and LOCALGATE_LAMBDA_EXECUTOR, and refuses other values', () => {
    assert.equal(configFromFlags({ 'lambda-executor': 'worker' }).lambdaExecutor, 'worker');
    assert.equal(configFromEnv({ LOCALGATE_LAMBDA_EXECUTOR: 'process' }).lambdaExecutor, 'process');
    assert.throws(() => checkConfig({ lambdaExecutor: 'thread' as 'worker' }), { message: "the Lambda executor must be process or worker, not 'thread'" });
  });
});
