// HTTP API authorizers end to end: a JWT authorizer against a JWKS server started here,
// and Lambda REQUEST authorizers (simple responses and IAM policies, with caching).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { ApiGatewayV2Client, ResetAuthorizersCacheCommand, CreateAuthorizerCommand, CreateIntegrationCommand, CreateApiCommand, CreateRouteCommand, CreateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { clientConfig, startTestServer } from './helpers.ts';
import { ACCOUNT, createFunction, ECHO, fnArn, rawRequest } from './http-api-setup.ts';
import type { Localgate } from '../src/app.ts';

let app: Localgate;
let jwks: Server;
let issuer: string;
let privateKey: CryptoKey;
let v2: ApiGatewayV2Client;
let apiId: string;

/** Allows when the token header is "allow" (counting its calls in the context). */
const SIMPLE_AUTHORIZER = `let calls = 0;
exports.handler = async (event) => ({ isAuthorized: event.identitySource[0] === 'allow', context: { user: 'u-' + event.identitySource[0], calls: ++calls, route: event.routeArn } });`;
const POLICY_AUTHORIZER = `exports.handler = async (event) => ({
  principalId: 'p-' + event.identitySource,
  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: event.identitySource === 'ok' ? 'Allow' : 'Deny', Resource: event.methodArn }] },
  context: { tier: 'gold', version: event.version, type: event.type },
});`;

before(async () => {
  app = await startTestServer();
  v2 = new ApiGatewayV2Client(clientConfig(app));
  const keys = await generateKeyPair('RS256');
  privateKey = keys.privateKey as CryptoKey;
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  jwks = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/keys` }));
    else if (req.url === '/keys') res.end(JSON.stringify({ keys: [jwk] }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;

  await createFunction(app, 'echo', ECHO);
  await createFunction(app, 'simple-auth', SIMPLE_AUTHORIZER);
  await createFunction(app, 'policy-auth', POLICY_AUTHORIZER);
  apiId = (await v2.send(new CreateApiCommand({ Name: 'auth-api', ProtocolType: 'HTTP' }))).ApiId!;
  const { IntegrationId } = await v2.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn('echo'), PayloadFormatVersion: '2.0' }));
  const { IntegrationId: v1Integration } = await v2.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn('echo'), PayloadFormatVersion: '1.0' }));
  const jwt = await v2.send(new CreateAuthorizerCommand({ ApiId: apiId, Name: 'jwt', AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'], JwtConfiguration: { Issuer: issuer, Audience: ['my-app'] } }));
  const simple = await v2.send(
    new CreateAuthorizerCommand({
      ApiId: apiId,
      Name: 'simple',
      AuthorizerType: 'REQUEST',
      AuthorizerUri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${fnArn('simple-auth')}/invocations`,
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.x-token'],
      AuthorizerResultTtlInSeconds: 300,
    }),
  );
  const policy = await v2.send(
    new CreateAuthorizerCommand({
      ApiId: apiId,
      Name: 'policy',
      AuthorizerType: 'REQUEST',
      AuthorizerUri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${fnArn('policy-auth')}/invocations`,
      AuthorizerPayloadFormatVersion: '1.0',
      IdentitySource: ['$request.querystring.key'],
      AuthorizerResultTtlInSeconds: 0,
    }),
  );
  const route = (RouteKey: string, extra: Record<string, unknown>, target = IntegrationId) => v2.send(new CreateRouteCommand({ ApiId: apiId, RouteKey, Target: `integrations/${target}`, ...extra }));
  await route('GET /jwt', { AuthorizationType: 'JWT', AuthorizerId: jwt.AuthorizerId });
  await route('GET /jwt-scoped', { AuthorizationType: 'JWT', AuthorizerId: jwt.AuthorizerId, AuthorizationScopes: ['orders:write'] });
  await route('GET /simple', { AuthorizationType: 'CUSTOM', AuthorizerId: simple.AuthorizerId });
  await route('GET /policy', { AuthorizationType: 'CUSTOM', AuthorizerId: policy.AuthorizerId }, v1Integration);
  await route('GET /iam', { AuthorizationType: 'AWS_IAM' });
  await v2.send(new CreateStageCommand({ ApiId: apiId, StageName: '$default', AutoDeploy: true }));
});
after(async () => {
  v2.destroy();
  await app.close();
  jwks.close();
});

const call = (path: string, headers: Record<string, string> = {}) => rawRequest(`${app.url}/execute-api/${apiId}${path}`, { headers });
const token = (claims: Record<string, unknown>, exp = '10m') =>
  new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'key-1' }).setIssuer(issuer).setSubject('user-1').setIssuedAt().setExpirationTime(exp).sign(privateKey);

test('JWT: a valid token reaches the integration with its claims and scopes', async () => {
  const t = await token({ aud: 'my-app', scope: 'orders:read orders:write', groups: ['a', 'b'] });
  const res = await call('/jwt', { authorization: `Bearer ${t}` });
  assert.equal(res.status, 200);
  const { jwt } = JSON.parse(res.body).requestContext.authorizer;
  assert.equal(jwt.claims.sub, 'user-1');
  assert.equal(jwt.claims.aud, 'my-app');
  assert.equal(jwt.claims.iss, issuer);
  assert.equal(jwt.claims.groups, '[a b]');
  assert.match(jwt.claims.exp, /^\d+$/);
  assert.deepEqual(jwt.scopes, ['orders:read', 'orders:write']);
  assert.equal((await call('/jwt-scoped', { authorization: t })).status, 200);
});

test('JWT: missing, expired, foreign-audience or unsigned tokens are 401; a missing scope is 403', async () => {
  const unauthorized: Array<Record<string, string>> = [
    {},
    { authorization: `Bearer ${await token({ aud: 'my-app' }, '-5m')}` },
    { authorization: `Bearer ${await token({ aud: 'someone-else' })}` },
    { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
  ];
  for (const headers of unauthorized) {
    const res = await call('/jwt', headers);
    assert.equal(res.status, 401, JSON.stringify(headers));
    assert.equal(res.body, '{"message":"Unauthorized"}');
  }
  const res = await call('/jwt-scoped', { authorization: `Bearer ${await token({ aud: 'my-app', scope: 'orders:read' })}` });
  assert.equal(res.status, 403);
  assert.equal(res.body, '{"message":"Forbidden"}');
});

test('REQUEST authorizer (2.0, simple responses): context in the event, cached by identity', async () => {
  const first = await call('/simple', { 'x-token': 'allow' });
  assert.equal(first.status, 200);
  const lambda = JSON.parse(first.body).requestContext.authorizer.lambda;
  assert.equal(lambda.user, 'u-allow');
  assert.equal(lambda.route, `arn:aws:execute-api:us-east-1:000000000000:${apiId}/$default/GET/simple`);
  const second = JSON.parse((await call('/simple', { 'x-token': 'allow' })).body).requestContext.authorizer.lambda;
  assert.equal(second.calls, lambda.calls); // the cached answer, not a new call
  const denied = await call('/simple', { 'x-token': 'deny' });
  assert.equal(denied.status, 403);
  assert.equal(denied.body, '{"message":"Forbidden"}');
  const missing = await call('/simple');
  assert.equal(missing.status, 401);
  assert.equal(missing.body, '{"message":"Unauthorized"}');
});

test('ResetAuthorizersCache makes the next request call the authorizer again', async () => {
  const calls = async () => JSON.parse((await call('/simple', { 'x-token': 'allow' })).body).requestContext.authorizer.lambda.calls as number;
  const before = await calls();
  assert.equal(await calls(), before); // cached
  await v2.send(new ResetAuthorizersCacheCommand({ ApiId: apiId, StageName: '$default' }));
  const fresh = await calls(); // the counter also counts other tests' calls
  assert.ok(fresh > before);
  assert.equal(await calls(), fresh); // cached again
  await assert.rejects(v2.send(new ResetAuthorizersCacheCommand({ ApiId: apiId, StageName: 'nope' })), { name: 'NotFoundException' });
});

/** SHA-256 (keyed: HMAC) for the SigV4 signer, from node:crypto. */
type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: SourceData) => (typeof d === 'string' ? d : ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength) : new Uint8Array(d));
class Sha256 {
  private hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData) {
    this.hash.update(bytes(data));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

test('AWS_IAM: unsigned requests are 403; signed ones carry the caller in authorizer.iam', async () => {
  const unsigned = await call('/iam');
  assert.equal(unsigned.status, 403);
  assert.equal(unsigned.body, '{"message":"Forbidden"}');
  const signer = new SignatureV4({ service: 'execute-api', region: 'us-east-1', sha256: Sha256, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
  const url = new URL(`${app.url}/execute-api/${apiId}/iam`);
  const signed = await signer.sign({ method: 'GET', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, headers: { host: url.host } });
  const res = await call('/iam', signed.headers as Record<string, string>);
  assert.equal(res.status, 200);
  assert.deepEqual(JSON.parse(res.body).requestContext.authorizer, {
    // Not a key of an IAM user or of a session: the account's root.
    iam: { accessKey: 'AKIDEXAMPLE', accountId: ACCOUNT, callerId: ACCOUNT, cognitoIdentity: null, principalOrgId: null, userArn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT },
  });
});

test('REQUEST authorizer (1.0, IAM policy): allow and deny by the policy', async () => {
  const ok = await call('/policy?key=ok');
  assert.equal(ok.status, 200);
  const authorizer = JSON.parse(ok.body).requestContext.authorizer;
  assert.equal(authorizer.tier, 'gold');
  assert.equal(authorizer.version, '1.0');
  assert.equal(authorizer.type, 'REQUEST');
  assert.equal(authorizer.principalId, 'p-ok');
  assert.equal((await call('/policy?key=nope')).status, 403);
  assert.equal((await call('/policy')).status, 401);
});
