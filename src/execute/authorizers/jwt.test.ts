import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { authorizeJwt, flattenClaims, JwksCache } from './jwt.ts';
import { GatewayError } from '../shared/gateway-error.ts';

let server: Server;
let issuer: string;
let sign: (claims: Record<string, unknown>, opts?: { exp?: string; iss?: string }) => Promise<string>;
let otherKey: CryptoKey;

before(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  otherKey = (await generateKeyPair('RS256')).privateKey as CryptoKey;
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks.json` }));
    else if (req.url === '/jwks.json') res.end(JSON.stringify({ keys: [jwk] }));
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sign = (claims, opts = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(opts.iss ?? issuer)
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? '5m')
      .sign(privateKey);
});
after(() => server.close());

const status = (s: number) => (err: unknown) => err instanceof GatewayError && err.status === s;

test('a valid token yields string claims and scopes', async () => {
  const cache = new JwksCache();
  const token = await sign({ aud: 'app', sub: 'u1', scope: 'read write', groups: ['a', 'b'] });
  const result = await authorizeJwt(cache, { issuer, audience: ['app'] }, `Bearer ${token}`, ['write']);
  assert.equal(result.claims.sub, 'u1');
  assert.equal(result.claims.aud, 'app');
  assert.equal(result.claims.groups, '[a b]');
  assert.equal(typeof result.claims.exp, 'string');
  assert.deepEqual(result.scopes, ['read', 'write']);
});

test('client_id stands in for a missing aud', async () => {
  const token = await sign({ client_id: 'app' });
  const result = await authorizeJwt(new JwksCache(), { issuer, audience: ['app'] }, token, undefined);
  assert.equal(result.scopes, null);
});

test('missing, forged, expired, foreign or wrong-audience tokens are 401; missing scope is 403', async () => {
  const cache = new JwksCache();
  const cfg = { issuer, audience: ['app'] };
  await assert.rejects(authorizeJwt(cache, cfg, undefined, undefined), status(401));
  await assert.rejects(authorizeJwt(cache, cfg, 'garbage', undefined), status(401));
  await assert.rejects(authorizeJwt(cache, cfg, await sign({ aud: 'app' }, { exp: '-1m' }), undefined), status(401));
  await assert.rejects(authorizeJwt(cache, cfg, await sign({ aud: 'other' }), undefined), status(401));
  await assert.rejects(authorizeJwt(cache, cfg, await sign({ aud: 'app' }, { iss: 'https://elsewhere' }), undefined), status(401));
  const forged = await new SignJWT({ aud: 'app' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(issuer).setExpirationTime('5m').sign(otherKey);
  await assert.rejects(authorizeJwt(cache, cfg, forged, undefined), status(401));
  await assert.rejects(authorizeJwt(cache, cfg, await sign({ aud: 'app', scope: 'read' }), ['admin']), status(403));
});

test('claims flatten as API Gateway passes them', () => {
  assert.deepEqual(flattenClaims({ a: 'x', n: 5, b: true, l: ['p', 'q'] }), { a: 'x', n: '5', b: 'true', l: '[p q]' });
});
