// TestInvokeAuthorizer: TOKEN and REQUEST Lambda authorizers run with the given headers,
// query string and stage variables; clientStatus 0 with the principal and policy, or the
// status the client would have got; Cognito authorizers answer the token's claims.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { APIGatewayClient, CreateAuthorizerCommand, CreateRestApiCommand, TestInvokeAuthorizerCommand } from '@aws-sdk/client-api-gateway';
import { clientConfig, startTestServer } from './helpers.ts';
import { ACCOUNT, createFunction, fnArn } from './http-api-setup.ts';
import type { Localgate } from '../src/app.ts';

const lambdaUri = (name: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${fnArn(name)}/invocations`;
/** Allows "allow*" tokens, denies others, throws Unauthorized for "fail"; the principal tells what the event held. */
const AUTH = `exports.handler = async (event) => {
  const token = event.type === 'TOKEN' ? event.authorizationToken : event.headers['X-Token'];
  if (token === 'fail') throw new Error('Unauthorized');
  const principal = event.type === 'TOKEN' ? 'tok-' + token : ['req', token, event.queryStringParameters.q, event.stageVariables.env, event.path, event.requestContext.stage].join('-');
  return {
    principalId: principal,
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: token.startsWith('allow') ? 'Allow' : 'Deny', Resource: event.methodArn }] },
    context: { tier: 'gold' },
  };
};`;

let app: Localgate;
let gw: APIGatewayClient;
let restApiId: string;
let tokenId: string;
let requestId: string;
let cognitoId: string;

const policy = (effect: string, arn: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: arn }] });

before(async () => {
  app = await startTestServer();
  gw = new APIGatewayClient(clientConfig(app));
  await createFunction(app, 'auth', AUTH);
  restApiId = (await gw.send(new CreateRestApiCommand({ name: 'test-authorizers' }))).id!;
  tokenId = (await gw.send(new CreateAuthorizerCommand({ restApiId, name: 'tok', type: 'TOKEN', authorizerUri: lambdaUri('auth'), identitySource: 'method.request.header.Authorization', identityValidationExpression: '^(allow|deny|fail).*$' }))).id!;
  requestId = (await gw.send(new CreateAuthorizerCommand({ restApiId, name: 'req', type: 'REQUEST', authorizerUri: lambdaUri('auth'), identitySource: 'method.request.header.X-Token,method.request.querystring.q,stageVariables.env' }))).id!;
  cognitoId = (await gw.send(new CreateAuthorizerCommand({ restApiId, name: 'cog', type: 'COGNITO_USER_POOLS', providerARNs: [`arn:aws:cognito-idp:us-east-1:${ACCOUNT}:userpool/us-east-1_Pool1`], identitySource: 'method.request.header.Authorization' }))).id!;
});

after(async () => {
  gw.destroy();
  await app.close();
});

test('a TOKEN authorizer that allows: clientStatus 0, its principal and policy, and an execution log', async () => {
  const out = await gw.send(new TestInvokeAuthorizerCommand({ restApiId, authorizerId: tokenId, headers: { Authorization: 'allow-alice' } }));
  const arn = `arn:aws:execute-api:us-east-1:${ACCOUNT}:${restApiId}/ESTestInvoke-stage/GET/`;
  assert.equal(out.clientStatus, 0);
  assert.equal(out.principalId, 'tok-allow-alice');
  assert.equal(out.policy, policy('Allow', arn));
  assert.match(out.log!, new RegExp(`^Execution log for request [0-9a-f-]{36}\\n.* : Starting authorizer: ${tokenId} for request: `));
  assert.match(out.log!, /: Incoming identity: \{method\.request\.header\.Authorization=\*\*\*\*\*-alice\}\n/);
  assert.match(out.log!, /: Successfully completed authorizer execution\n$/);
  assert.equal(typeof out.latency, 'number');
});

test('a Deny policy is still a successful authorizer run (the test evaluates no method)', async () => {
  const out = await gw.send(new TestInvokeAuthorizerCommand({ restApiId, authorizerId: tokenId, headers: { Authorization: 'deny-bob' } }));
  assert.equal(out.clientStatus, 0);
  assert.equal(out.principalId, 'tok-deny-bob');
  assert.equal(JSON.parse(out.policy!).Statement[0].Effect, 'Deny');
});

test('a missing token, one failing the validation expression, or an Unauthorized error: clientStatus 401', async () => {
  for (const headers of [{}, { Authorization: 'nope' }, { Authorization: 'fail' }] as Array<Record<string, string>>) {
    const out = await gw.send(new TestInvokeAuthorizerCommand({ restApiId, authorizerId: tokenId, headers }));
    assert.equal(out.clientStatus, 401, JSON.stringify(headers));
    assert.equal(out.principalId, undefined);
    assert.equal(out.policy, undefined);
    assert.match(out.log!, /: Unauthorized\n$/);
  }
});

test('a REQUEST authorizer sees the headers, query string and stage variables given', async () => {
  const out = await gw.send(new TestInvokeAuthorizerCommand({ restApiId, authorizerId: requestId, headers: { 'X-Token': 'allow-x' }, pathWithQueryString: '/pets?q=cats', stageVariables: { env: 'dev' } }));
  assert.equal(out.clientStatus, 0);
  assert.equal(out.principalId, 'req-allow-x-cats-dev-/pets-test-invoke-stage');
  assert.equal(out.policy, policy('Allow', `arn:aws:execute-api:us-east-1:${ACCOUNT}:${restApiId}/ESTestInvoke-stage/GET/pets`));
  const missing = await gw.send(new TestInvokeAuthorizerCommand({ restApiId, authorizerId: requestId, headers: { 'X-Token': 'allow-x' }, pathWithQueryString: '/pets?q=cats' }));
  assert.equal(missing.clientStatus, 401);
});

test('a Cognito authorizer answers the claims of a valid token, 401 for a bad one', async () => {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const token = `${enc({ alg: 'RS256', kid: 'k' })}.${enc({ sub: 'u-1', iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool1', token_use: 'id', exp, email: 'a@b.c' })}.sig`;
  const out = await gw.send(new TestInvokeAuthorizerCommand({ restApiId, authorizerId: cognitoId, headers: { Authorization: token } }));
  assert.equal(out.clientStatus, 0);
  assert.equal(out.claims!.sub, 'u-1');
  assert.equal(out.claims!.email, 'a@b.c');
  const bad = await gw.send(new TestInvokeAuthorizerCommand({ restApiId, authorizerId: cognitoId, headers: { Authorization: 'garbage' } }));
  assert.equal(bad.clientStatus, 401);
});

test('an unknown authorizer is NotFoundException', async () => {
  await assert.rejects(gw.send(new TestInvokeAuthorizerCommand({ restApiId, authorizerId: 'nope00' })), { name: 'NotFoundException', message: 'Invalid Authorizer identifier specified' });
});
