import { test } from 'node:test';
import assert from 'node:assert/strict';
import { invokeLambda, parseLambdaUri, substituteStageVariables } from './invoke-function.ts';
import { GatewayError } from './gateway-error.ts';

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
  assert.equal(substituteStageVariables(`${fn}:\${stageVariables.alias}`, { alias: 'blue' }), `${fn}:blue`);
});

test('a function outlasting the integration timeout is a 503', async () => {
  const never = { invoke: () => new Promise<never>(() => undefined) };
  const target = parseLambdaUri('arn:aws:lambda:us-east-1:000000000000:function:slow')!;
  await assert.rejects(invokeLambda({ invoker: never, target, payload: {}, timeoutMs: 20 }), (e) => e instanceof GatewayError && e.status === 503 && e.message === 'Service Unavailable');
});
