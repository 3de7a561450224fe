import { test } from 'node:test';
import assert from 'node:assert/strict';
import { functionErrorMessage, invokeFunction, parseLambdaUri, substituteStageVariables } from './invoke-function.ts';
import { lambdaErrors } from '../../models/lambda.errors.ts';
import type { InvokeRequest, LambdaInvoker } from '../../services/lambda/invoker.ts';

test('integration URIs in every form AWS accepts', () => {
  const fn = 'arn:aws:lambda:us-east-1:000000000000:function:my-fn';
  assert.deepEqual(parseLambdaUri(fn), { region: 'us-east-1', account: '000000000000', functionArn: fn, qualifier: undefined });
  assert.equal(parseLambdaUri(`${fn}:live`)?.qualifier, 'live');
  assert.equal(parseLambdaUri(`${fn}:3`)?.qualifier, '3');
  assert.deepEqual(parseLambdaUri(`arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111111111111:function:f:prod/invocations`), {
    region: 'eu-west-1',
    account: '111111111111',
    functionArn: 'arn:aws:lambda:eu-west-1:111111111111:function:f',
    qualifier: 'prod',
  });
  assert.equal(parseLambdaUri('https://example.com'), undefined);
  assert.equal(parseLambdaUri('arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/%E0%A4%A/invocations'), undefined);
  assert.equal(substituteStageVariables(`${fn}:\${stageVariables.alias}`, { alias: 'blue' }), `${fn}:blue`);
});

const fn = 'arn:aws:lambda:us-east-1:000000000000:function:f';

test('the function is called by its ARN and qualifier, stage variables substituted', async () => {
  const calls: InvokeRequest[] = [];
  const invoker: LambdaInvoker = {
    async invoke(req) {
      calls.push(req);
      return { statusCode: 200, payload: Buffer.from('"ok"'), executedVersion: '3' };
    },
  };
  const result = await invokeFunction({ invoker, uri: `${fn}:\${stageVariables.alias}`, stageVariables: { alias: 'live' }, payload: Buffer.from('{}'), timeoutMs: 1000 });
  assert.deepEqual(calls.map((c) => [c.functionName, c.qualifier, c.invocationType, c.payload.toString()]), [[fn, 'live', 'RequestResponse', '{}']]);
  assert.ok(!('failure' in result));
  assert.equal(result.payload.toString(), '"ok"');
  assert.equal(result.target.functionArn, fn);
});

test('neutral failures: no function in the URI, Lambda refusing or throttling, the timeout', async () => {
  const never: LambdaInvoker = { invoke: () => new Promise<never>(() => undefined) };
  const refusing: LambdaInvoker = { invoke: async () => Promise.reject(new Error('Function not found')) };
  const throttling: LambdaInvoker = { invoke: async () => Promise.reject(lambdaErrors.tooManyRequests('Rate Exceeded.')) };
  const failure = async (invoker: LambdaInvoker, uri: string) => {
    const r = await invokeFunction({ invoker, uri, payload: Buffer.from('{}'), timeoutMs: 20 });
    return 'failure' in r ? r.failure : 'answered';
  };
  assert.equal(await failure(never, 'https://example.com'), 'misconfigured');
  assert.equal(await failure(refusing, fn), 'invoke-failed');
  assert.equal(await failure(throttling, fn), 'throttled');
  assert.equal(await failure(never, fn), 'timeout');
});

test("a failed function's errorMessage", () => {
  assert.equal(functionErrorMessage(Buffer.from('{"errorMessage":"Not found: 7","errorType":"Error"}')), 'Not found: 7');
  assert.equal(functionErrorMessage(Buffer.from('{"errorType":"Error"}')), '');
  assert.equal(functionErrorMessage(Buffer.from('not json')), '');
});
