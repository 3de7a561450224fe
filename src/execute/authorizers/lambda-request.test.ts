import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorizeLambda, AuthorizerCache, policyAllows, wildcardMatch } from './lambda-request.ts';
import type { InvokeRequest, LambdaInvoker } from '../../services/lambda/invoker.ts';
import { GatewayError } from '../shared/gateway-error.ts';

const ARN = 'arn:aws:execute-api:us-east-1:000000000000:abc/prod/GET/pets';

function fakeInvoker(answer: (req: InvokeRequest) => unknown): LambdaInvoker & { calls: InvokeRequest[] } {
  const calls: InvokeRequest[] = [];
  return {
    calls,
    async invoke(req) {
      calls.push(req);
      return { statusCode: 200, payload: Buffer.from(JSON.stringify(answer(req))), executedVersion: '$LATEST' };
    },
  };
}

const config = (over = {}) => ({ id: 'auth1', uri: 'arn:aws:lambda:us-east-1:000000000000:function:auth', payloadFormatVersion: '2.0' as const, simpleResponses: true, ttlSeconds: 0, ...over });
const status = (s: number) => (err: unknown) => err instanceof GatewayError && err.status === s;

test('policies: Deny beats Allow, wildcards match', () => {
  assert.ok(wildcardMatch('arn:aws:execute-api:*:*:abc/*/GET/*', ARN));
  assert.ok(!wildcardMatch('arn:aws:execute-api:*:*:abc/*/POST/*', ARN));
  const allow = { effect: 'Allow' as const, actions: ['execute-api:Invoke'], resources: ['*'] };
  const deny = { effect: 'Deny' as const, actions: ['execute-api:*'], resources: [ARN] };
  assert.ok(policyAllows([allow], ARN));
  assert.ok(!policyAllows([allow, deny], ARN));
  assert.ok(!policyAllows([], ARN));
});

test('simple responses: allowed with context, denied is 403, missing identity 401', async () => {
  const invoker = fakeInvoker((req) => {
    const event = JSON.parse(req.payload.toString());
    return { isAuthorized: event.identitySource[0] === 'good', context: { user: 'u' } };
  });
  const call = (identity: Array<string | undefined>) =>
    authorizeLambda({ invoker, cache: new AuthorizerCache(), config: config(), identity, resourceArn: ARN, buildPayload: () => ({ identitySource: identity }) });
  assert.deepEqual(await call(['good']), { context: { user: 'u' }, principalId: undefined });
  await assert.rejects(call(['bad']), status(403));
  await assert.rejects(call([undefined]), status(401));
  assert.equal(invoker.calls[0].functionName, 'arn:aws:lambda:us-east-1:000000000000:function:auth');
});

test('IAM policy answers, cached by identity for the TTL', async () => {
  const invoker = fakeInvoker(() => ({ principalId: 'p1', policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws:execute-api:us-east-1:000000000000:abc/prod/GET/*' }] }, context: { k: 1 } }));
  const cache = new AuthorizerCache();
  const run = (resourceArn: string, id = 'tok') => authorizeLambda({ invoker, cache, config: config({ payloadFormatVersion: '1.0', simpleResponses: false, ttlSeconds: 300 }), identity: [id], resourceArn, buildPayload: () => ({}) });
  assert.deepEqual(await run(ARN), { context: { k: 1 }, principalId: 'p1' });
  await assert.rejects(run('arn:aws:execute-api:us-east-1:000000000000:abc/prod/POST/pets'), status(403));
  assert.equal(invoker.calls.length, 1);
  await run(ARN, 'other');
  assert.equal(invoker.calls.length, 2);
});

test('a malformed or failing authorizer is 500', async () => {
  const bad = fakeInvoker(() => ({ nothing: true }));
  await assert.rejects(authorizeLambda({ invoker: bad, cache: new AuthorizerCache(), config: config(), identity: ['x'], resourceArn: ARN, buildPayload: () => ({}) }), status(500));
  const failing: LambdaInvoker = { invoke: async () => ({ statusCode: 200, payload: Buffer.from('{"errorMessage":"x"}'), functionError: 'Unhandled', executedVersion: '$LATEST' }) };
  await assert.rejects(authorizeLambda({ invoker: failing, cache: new AuthorizerCache(), config: config(), identity: ['x'], resourceArn: ARN, buildPayload: () => ({}) }), status(500));
});
