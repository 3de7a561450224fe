// REST API data plane end to end with Lambda and HTTP: the exact v1 proxy event, proxy
// response rules, AWS (non-proxy) Lambda integrations with error selection patterns,
// TOKEN / REQUEST / Cognito authorizers, AWS_IAM, HTTP and HTTP_PROXY integrations.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  APIGatewayClient,
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  type PutIntegrationResponseRequest,
  type PutIntegrationRequest,
  type PutMethodRequest,
} from '@aws-sdk/client-api-gateway';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { clientConfig, startTestServer } from './helpers.ts';
import { ACCOUNT, createFunction, ECHO, fnArn, rawRequest, REPLY } from './http-api-setup.ts';
import type { Localgate } from '../src/app.ts';

const lambdaUri = (name: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${fnArn(name)}/invocations`;

/** TOKEN and REQUEST authorizer: "allow-*" tokens are allowed with a context, "deny" denied, "fail" throws Unauthorized. */
const AUTH = `exports.handler = async (event) => {
  const token = event.type === 'TOKEN' ? event.authorizationToken : event.headers['X-Token'];
  if (token === 'fail') throw new Error('Unauthorized');
  return {
    principalId: 'user-' + token,
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: token.startsWith('allow') ? 'Allow' : 'Deny', Resource: event.methodArn.split('/').slice(0, 2).join('/') + '/*' }] },
    context: { tier: 'gold', n: 3, seen: event.type },
  };
};`;
/** An AWS (non-proxy) integration target: echoes its input, or fails with the input's message. */
const CUSTOM = `exports.handler = async (event) => { if (event.fail) throw new Error(event.fail); return { got: event }; };`;

let app: Localgate;
let gw: APIGatewayClient;
let apiId: string;
let upstream: Server;
let upstreamUrl: string;
let rootId: string;
let deploymentId: string;

async function method(pathPart: string, httpMethod: string, integration: Omit<PutIntegrationRequest, 'restApiId' | 'resourceId' | 'httpMethod'>, opts: Partial<PutMethodRequest> = {}) {
  const { id } = await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart }));
  await gw.send(new PutMethodCommand({ restApiId: apiId, resourceId: id, httpMethod, authorizationType: 'NONE', ...opts }));
  await gw.send(new PutIntegrationCommand({ restApiId: apiId, resourceId: id, httpMethod, ...integration }));
  return id!;
}

/** A method response and its integration response. */
async function response(resourceId: string, httpMethod: string, r: Omit<PutIntegrationResponseRequest, 'restApiId' | 'resourceId' | 'httpMethod'>) {
  await gw.send(new PutMethodResponseCommand({ restApiId: apiId, resourceId, httpMethod, statusCode: r.statusCode }));
  await gw.send(new PutIntegrationResponseCommand({ restApiId: apiId, resourceId, httpMethod, ...r }));
}

before(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(req.url?.includes('missing') ? 404 : 200, { 'content-type': 'application/json', 'x-upstream': 'yes' });
      res.end(JSON.stringify({ method: req.method, url: req.url, header: req.headers['x-mapped'] ?? null, body: Buffer.concat(chunks).toString() }));
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;

  app = await startTestServer();
  gw = new APIGatewayClient(clientConfig(app));
  await createFunction(app, 'echo', ECHO);
  await createFunction(app, 'reply', REPLY);
  await createFunction(app, 'auth', AUTH);
  await createFunction(app, 'custom', CUSTOM);
  apiId = (await gw.send(new CreateRestApiCommand({ name: 'lambda-api' }))).id!;
  rootId = (await gw.send(new GetResourcesCommand({ restApiId: apiId }))).items![0].id!;
  const proxy = { type: 'AWS_PROXY' as const, integrationHttpMethod: 'POST', uri: lambdaUri('echo') };

  const echoId = await method('echo', 'ANY', proxy);
  const { id: itemId } = await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: echoId, pathPart: '{item}' }));
  await gw.send(new PutMethodCommand({ restApiId: apiId, resourceId: itemId, httpMethod: 'POST', authorizationType: 'NONE' }));
  await gw.send(new PutIntegrationCommand({ restApiId: apiId, resourceId: itemId, httpMethod: 'POST', ...proxy }));
  await method('reply', 'POST', { type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: lambdaUri('reply') });
  await method('nofunction', 'GET', { type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: lambdaUri('nope') });

  const customId = await method('custom', 'POST', { type: 'AWS', integrationHttpMethod: 'POST', uri: lambdaUri('custom'), requestTemplates: { 'application/json': '{"name": $input.json(\'$.name\'), "fail": $input.json(\'$.fail\'), "stage": "$context.stage"}' } });
  await response(customId, 'POST', { statusCode: '200', responseTemplates: { 'application/json': '{"hello": $input.json(\'$.got.name\')}' } });
  await response(customId, 'POST', { statusCode: '400', selectionPattern: 'Bad.*', responseTemplates: { 'application/json': '{"error": $input.json(\'$.errorMessage\')}' } });

  const { id: tokenAuth } = await gw.send(new CreateAuthorizerCommand({ restApiId: apiId, name: 'tok', type: 'TOKEN', authorizerUri: lambdaUri('auth'), identitySource: 'method.request.header.Authorization', identityValidationExpression: '^(allow|deny|fail).*$', authorizerResultTtlInSeconds: 0 }));
  const { id: requestAuth } = await gw.send(new CreateAuthorizerCommand({ restApiId: apiId, name: 'req', type: 'REQUEST', authorizerUri: lambdaUri('auth'), identitySource: 'method.request.header.X-Token', authorizerResultTtlInSeconds: 300 }));
  const { id: cognitoAuth } = await gw.send(new CreateAuthorizerCommand({ restApiId: apiId, name: 'cog', type: 'COGNITO_USER_POOLS', providerARNs: [`arn:aws:cognito-idp:us-east-1:${ACCOUNT}:userpool/us-east-1_Pool1`], identitySource: 'method.request.header.Authorization' }));
  await method('token', 'GET', proxy, { authorizationType: 'CUSTOM', authorizerId: tokenAuth });
  await method('request', 'GET', proxy, { authorizationType: 'CUSTOM', authorizerId: requestAuth });
  await method('cognito', 'GET', proxy, { authorizationType: 'COGNITO_USER_POOLS', authorizerId: cognitoAuth });
  await method('iam', 'GET', proxy, { authorizationType: 'AWS_IAM' });

  const httpId = await method('http', 'POST', {
    type: 'HTTP',
    integrationHttpMethod: 'PUT',
    uri: `${upstreamUrl}/target/{id}`,
    requestParameters: { 'integration.request.path.id': 'method.request.querystring.id', 'integration.request.header.X-Mapped': "'fixed'" },
    requestTemplates: { 'application/json': '{"wrapped": $input.body}' },
  });
  await response(httpId, 'POST', { statusCode: '200', responseParameters: { 'method.response.header.X-From': 'integration.response.header.x-upstream' } });
  await response(httpId, 'POST', { statusCode: '502', selectionPattern: '4\\d\\d' });
  await method('passthru', 'ANY', { type: 'HTTP_PROXY', integrationHttpMethod: 'ANY', uri: `${upstreamUrl}/proxied` });
  deploymentId = (await gw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'dev', variables: { v: '1' } }))).id!;
});
after(async () => {
  gw.destroy();
  await app.close();
  await new Promise((r) => upstream.close(r));
});

const url = (path: string) => `${app.url}/restapis/${apiId}/dev/_user_request_${path}`;

test('AWS_PROXY: the function receives the v1 proxy event as AWS builds it', async () => {
  const res = await rawRequest(url('/echo/a%20b?x=1&x=2&y=3'), { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Multi': ['one', 'two'], 'User-Agent': 'agent' }, body: '{"k":1}' });
  const postItem = JSON.parse(res.body);
  assert.equal(res.status, 200);
  const rc = postItem.requestContext;
  assert.match(rc.requestId, /^[0-9a-f-]{36}$/);
  assert.equal(res.headers['x-amzn-requestid'], rc.requestId);
  assert.equal(res.headers['x-amz-apigw-id'], rc.extendedRequestId);
  assert.match(rc.requestTime, /^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
  // path and pathParameters stay as sent (percent-encoded), requestContext has deploymentId:
  // recorded on AWS in localstack/localstack tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json
  // #test_lambda_aws_proxy_integration (invocation-payload-with-path-encoded-email).
  assert.deepEqual(postItem, {
    resource: '/echo/{item}',
    path: '/echo/a%20b',
    httpMethod: 'POST',
    headers: { ...postItem.headers, 'Content-Type': 'application/json', 'X-Multi': 'two', 'User-Agent': 'agent' },
    multiValueHeaders: { ...postItem.multiValueHeaders, 'Content-Type': ['application/json'], 'X-Multi': ['one', 'two'], 'User-Agent': ['agent'] },
    queryStringParameters: { x: '2', y: '3' },
    multiValueQueryStringParameters: { x: ['1', '2'], y: ['3'] },
    pathParameters: { item: 'a%20b' },
    stageVariables: { v: '1' },
    requestContext: {
      resourceId: rc.resourceId,
      resourcePath: '/echo/{item}',
      httpMethod: 'POST',
      extendedRequestId: rc.extendedRequestId,
      requestTime: rc.requestTime,
      path: '/dev/echo/a%20b',
      accountId: ACCOUNT,
      deploymentId,
      protocol: 'HTTP/1.1',
      stage: 'dev',
      domainPrefix: apiId,
      requestTimeEpoch: rc.requestTimeEpoch,
      requestId: rc.requestId,
      identity: {
        accessKey: null,
        accountId: null,
        caller: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '127.0.0.1',
        user: null,
        userAgent: 'agent',
        userArn: null,
      },
      domainName: `${apiId}.execute-api.localhost`,
      apiId,
    },
    body: '{"k":1}',
    isBase64Encoded: false,
  });
  const get = await (await fetch(url('/echo'))).json();
  assert.equal(get.queryStringParameters, null);
  assert.equal(get.pathParameters, null);
  assert.equal(get.body, null);
  assert.equal(get.resource, '/echo');
});

test('AWS_PROXY: a malformed result or a failing function is 502; a missing function 500', async () => {
  const ok = await fetch(url('/reply'), { method: 'POST', body: JSON.stringify({ statusCode: 201, headers: { 'X-A': 'b' }, body: 'made' }) });
  assert.equal(ok.status, 201);
  assert.equal(ok.headers.get('x-a'), 'b');
  assert.equal(await ok.text(), 'made');
  for (const bad of ['{"body": {"not": "a string"}, "statusCode": 200}', '"just a string"', '"throw"']) {
    const res = await fetch(url('/reply'), { method: 'POST', body: bad });
    assert.equal(res.status, 502, bad);
    assert.deepEqual(await res.json(), { message: 'Internal server error' });
  }
  const missing = await fetch(url('/nofunction'));
  assert.equal(missing.status, 500);
  assert.deepEqual(await missing.json(), { message: 'Internal server error' });
});

test('AWS (non-proxy) Lambda: templates both ways; errorMessage picks the response by selectionPattern', async () => {
  const ok = await fetch(url('/custom'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"ann"}' });
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { hello: 'ann' });
  const bad = await fetch(url('/custom'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"fail":"Bad input here"}' });
  assert.equal(bad.status, 400);
  assert.deepEqual(await bad.json(), { error: 'Bad input here' });
  const other = await fetch(url('/custom'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"fail":"Other"}' });
  assert.equal(other.status, 200); // no pattern matched: the default response
});

test('TOKEN authorizer: validation expression, allow with context, explicit deny, Unauthorized', async () => {
  assert.equal((await fetch(url('/token'))).status, 401);
  assert.equal((await fetch(url('/token'), { headers: { authorization: 'nope' } })).status, 401);
  const denied = await fetch(url('/token'), { headers: { authorization: 'deny' } });
  assert.equal(denied.status, 403);
  assert.deepEqual(await denied.json(), { message: 'User is not authorized to access this resource with an explicit deny' });
  const failed = await fetch(url('/token'), { headers: { authorization: 'fail' } });
  assert.equal(failed.status, 401);
  assert.deepEqual(await failed.json(), { message: 'Unauthorized' });
  const ok = await fetch(url('/token'), { headers: { authorization: 'allow-1' } });
  assert.equal(ok.status, 200);
  const event = await ok.json();
  // Context values arrive as strings, with the authorizer's latency, as in events recorded on AWS.
  const { integrationLatency, ...authorizer } = event.requestContext.authorizer;
  assert.deepEqual(authorizer, { principalId: 'user-allow-1', tier: 'gold', n: '3', seen: 'TOKEN' });
  assert.equal(typeof integrationLatency, 'number');
});

test('REQUEST authorizer: identity source required, the request event, a cached answer', async () => {
  assert.equal((await fetch(url('/request'))).status, 401);
  const ok = await fetch(url('/request'), { headers: { 'X-Token': 'allow-r' } });
  assert.equal(ok.status, 200);
  assert.equal((await ok.json()).requestContext.authorizer.seen, 'REQUEST');
  assert.equal((await fetch(url('/request'), { headers: { 'X-Token': 'deny' } })).status, 403);
});

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims: Record<string, unknown>) => `${b64url({ alg: 'RS256', kid: 'k' })}.${b64url(claims)}.c2ln`;

test('Cognito authorizer: issuer of the user pool, expiry; claims reach the function', async () => {
  const iss = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool1';
  const exp = Math.floor(Date.now() / 1000) + 600;
  assert.equal((await fetch(url('/cognito'))).status, 401);
  assert.equal((await fetch(url('/cognito'), { headers: { authorization: jwt({ iss: 'https://evil', exp, token_use: 'id' }) } })).status, 401);
  assert.equal((await fetch(url('/cognito'), { headers: { authorization: jwt({ iss, exp: 1, token_use: 'id' }) } })).status, 401);
  const ok = await fetch(url('/cognito'), { headers: { authorization: jwt({ iss, exp, token_use: 'id', sub: 'abc', email: 'a@b.c' }) } });
  assert.equal(ok.status, 200);
  assert.deepEqual((await ok.json()).requestContext.authorizer.claims, { iss, exp: String(exp), token_use: 'id', sub: 'abc', email: 'a@b.c' });
});

test('AWS_IAM: unsigned is 403 Missing Authentication Token; signed passes with the caller identity', async () => {
  const unsigned = await fetch(url('/iam'));
  assert.equal(unsigned.status, 403);
  assert.deepEqual(await unsigned.json(), { message: 'Missing Authentication Token' });
  const signed = await fetch(url('/iam'), { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=abc' } });
  assert.equal(signed.status, 200);
  assert.equal((await signed.json()).requestContext.identity.accessKey, 'AKIDEXAMPLE');
});

test("AWS_IAM: the identity names the principal behind the key (an IAM user, an assumed role's session, the account's root)", async () => {
  const iam = new IAMClient(clientConfig(app));
  const sts = new STSClient(clientConfig(app));
  const { User } = await iam.send(new CreateUserCommand({ UserName: 'api-caller' }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'api-caller' }));
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] };
  const { Role } = await iam.send(new CreateRoleCommand({ RoleName: 'api-caller-role', AssumeRolePolicyDocument: JSON.stringify(trust) }));
  const { Credentials, AssumedRoleUser } = await sts.send(new AssumeRoleCommand({ RoleArn: Role!.Arn, RoleSessionName: 'tester' }));
  const identityOf = async (accessKey: string) => {
    const authorization = `AWS4-HMAC-SHA256 Credential=${accessKey}/20240101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=abc`;
    const { caller, user, userArn, accessKey: key, accountId } = (await (await fetch(url('/iam'), { headers: { authorization } })).json()).requestContext.identity;
    return { caller, user, userArn, key, accountId };
  };
  // As recorded on AWS: the principal's id is both caller and user.
  assert.deepEqual(await identityOf(AccessKey!.AccessKeyId!), { caller: User!.UserId, user: User!.UserId, userArn: `arn:aws:iam::${ACCOUNT}:user/api-caller`, key: AccessKey!.AccessKeyId, accountId: ACCOUNT });
  assert.deepEqual(await identityOf(Credentials!.AccessKeyId!), {
    caller: AssumedRoleUser!.AssumedRoleId,
    user: AssumedRoleUser!.AssumedRoleId,
    userArn: `arn:aws:sts::${ACCOUNT}:assumed-role/api-caller-role/tester`,
    key: Credentials!.AccessKeyId,
    accountId: ACCOUNT,
  });
  assert.deepEqual(await identityOf('AKIDEXAMPLE'), { caller: ACCOUNT, user: ACCOUNT, userArn: `arn:aws:iam::${ACCOUNT}:root`, key: 'AKIDEXAMPLE', accountId: ACCOUNT });
  iam.destroy();
  sts.destroy();
});

test('HTTP integration: mapped path, header and body; status selection; response header mapping', async () => {
  const res = await fetch(url('/http?id=42'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('x-from'), 'yes');
  assert.deepEqual(await res.json(), { method: 'PUT', url: '/target/42', header: 'fixed', body: '{"wrapped": {"a":1}}' });
  const missing = await fetch(url('/http?id=missing'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(missing.status, 502);
});

test('HTTP_PROXY integration: method, query, body and upstream headers pass through', async () => {
  const res = await fetch(url('/passthru?q=1'), { method: 'DELETE', body: 'raw' });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('x-upstream'), 'yes');
  assert.deepEqual(await res.json(), { method: 'DELETE', url: '/proxied?q=1', header: null, body: 'raw' });
});
